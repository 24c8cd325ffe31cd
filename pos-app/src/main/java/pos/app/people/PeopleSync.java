package pos.app.people;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.sync.auth.MissingTillCredentialException;
import pos.sync.people.TillPeople;

/**
 * The people sync with the store, run every 5 s on the people module's thread: pulls clerks and members, and when
 * the list of clerks changed tells {@code clerksChanged} (on the caller's thread). A failure is logged once until
 * sync works again; the till goes on with the people it knows. Confined to that thread.
 */
final class PeopleSync implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(PeopleSync.class);

    private final TillPeople till;
    private final Runnable clerksChanged;
    private boolean failing;

    PeopleSync(TillPeople till, Runnable clerksChanged) {
        this.till = till;
        this.clerksChanged = clerksChanged;
    }

    @Override
    public void run() {
        try {
            int before = till.clerks().size();
            till.sync();
            if (failing) {
                LOG.info("people sync with the store works again");
                failing = false;
            }
            if (till.clerks().size() != before) {
                clerksChanged.run();
            }
        } catch (MissingTillCredentialException e) {
            if (!failing) {
                LOG.warn("people changes made here wait on this till: {}", e.getMessage());
                failing = true;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("people sync with the store failed; this till goes on with the people it knows and tries "
                        + "again every 5 s", e);
                failing = true;
            } else {
                LOG.debug("people sync still failing: {}", e.getMessage());
            }
        }
    }
}
