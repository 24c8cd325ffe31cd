package pos.core.receipt;

/** What a receipt printer says about itself. */
public enum PrinterStatus {
    /** Online, paper in, cover closed. */
    READY,
    /** Not answering, switched off, unplugged, or reporting itself offline for a reason not listed here. */
    OFFLINE,
    /** The paper roll is empty (the paper-end sensor). */
    PAPER_OUT,
    /** The cover is open. */
    COVER_OPEN,
    /**
     * No status can be read: no printer is set up, or the connection cannot answer (a CUPS queue, a
     * write-only device file). Printing is tried and a failure reported by {@link ReceiptPrinter#print}.
     */
    NONE;

    /** True for the states in which a receipt cannot come out. */
    public boolean blocksPrinting() {
        return this == OFFLINE || this == PAPER_OUT || this == COVER_OPEN;
    }
}
