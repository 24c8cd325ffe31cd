package pos.app.returns;

import pos.core.refund.ReturnRecord;

/**
 * What happens after a return is journaled: the refund receipt and, when cash went back, the drawer.
 * Called on the UI thread with the journaled record; implementations hand slow work (the printer)
 * to their own thread and never throw for a printer problem (the return is done either way).
 * The integrator wires it to the receipt printer (issue 12 point 1) and the drawer (point 2).
 */
public interface ReturnOutput {

    /** The return {@code done} was journaled: print its refund receipt; open the drawer when {@code cashMinor} > 0. */
    void returned(ReturnRecord done, long cashMinor);

    /**
     * Until the printer and drawer are wired: says in the log, for every return, that no refund receipt
     * was printed and the drawer was not opened (never silently).
     */
    static ReturnOutput notWired() {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReturnOutput.class);
        return (done, cashMinor) -> log.warn("Return {} journaled; no refund receipt printer is wired, so none was printed"
                + "{}", done.returnId(), cashMinor > 0 ? ", and the drawer was not opened for the cash (" + cashMinor + ")" : "");
    }
}
