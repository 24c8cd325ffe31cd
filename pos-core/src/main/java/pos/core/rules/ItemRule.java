package pos.core.rules;

import java.time.ZonedDateTime;
import java.util.Optional;

/** A rule that can also refuse a single item when it is scanned, not only at payment (R26). */
public interface ItemRule extends Rule {

    /** Whether {@code item} may be sold at {@code at}; a refusal names the windows. */
    Optional<SaleWindowRefusal> refusal(SoldItem item, ZonedDateTime at);
}
