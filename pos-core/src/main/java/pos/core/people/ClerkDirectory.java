package pos.core.people;

import java.util.List;
import java.util.Optional;

/**
 * Port: the store's clerks as this till knows them (kept in the till's database and synced
 * through the store hub). Implementations are thread-safe.
 */
public interface ClerkDirectory {

    /** The clerk with {@code clerkId}, if the till knows one (active or not). */
    Optional<Clerk> clerk(String clerkId);

    /** Every clerk the till knows, active or not, by name. */
    List<Clerk> clerks();
}
