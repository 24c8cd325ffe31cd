package pos.app.shift;

/**
 * The cash drawer as the shift screen and "no sale" open it: the integrator wires it to the printer's drawer pulse
 * (ESC p). Called off the UI thread, after the opening is journaled. Thread-safe.
 */
public interface CashDrawer {

    /**
     * Pulses the drawer open.
     *
     * @param why what for, for the log ("no sale", "pay-out")
     * @return true if the pulse was sent; false (logged) when no drawer answers
     */
    boolean open(String why);

    /** Until a drawer is wired: nothing opens, and the screen says so. */
    CashDrawer NOT_WIRED = why -> {
        org.slf4j.LoggerFactory.getLogger(CashDrawer.class).warn("no cash drawer is wired: it did not open for {}", why);
        return false;
    };
}
