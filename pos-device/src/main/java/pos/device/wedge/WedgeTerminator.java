package pos.device.wedge;

/**
 * A key a keyboard-wedge scanner sends after the code to end a scan. Immutable.
 */
public enum WedgeTerminator {
    /** The Enter (Return) key, the factory setting of most scanners. */
    ENTER,
    /** The Tab key, used by scanners set up to move between form fields. */
    TAB
}
