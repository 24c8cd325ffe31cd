package pos.contract.sale;

/**
 * The Redis stream that carries finished sales from the tills' outboxes to the hub's archivers
 * (R9, R10): one entry per journal event, fields {@code kind}, {@code tx}, {@code payload}.
 * Constants only.
 */
public final class SaleStream {

    /** The archive stream's key. */
    public static final String KEY = "pos:archive";
    /** The entry kind of a finished (paid or cancelled) sale; the other record kinds are in pos.contract.journal.TillRecordJson.KINDS. */
    public static final String SALE_FINISHED = "SALE_FINISHED";

    private SaleStream() {
    }
}
