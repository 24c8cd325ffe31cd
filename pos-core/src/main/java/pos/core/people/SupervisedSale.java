package pos.core.people;

import java.time.Instant;
import java.util.Objects;
import pos.core.sale.Sale;
import pos.core.sale.SaleLine;

/**
 * The guarded actions on a {@link Sale}, each checked against a supervisor's {@link Approval}
 * before the sale changes: the way the till voids a line or cancels a sale, so no screen can skip
 * the approval. Subjects are {@code <transaction id>/<line no>} for a line and the transaction id
 * for a whole sale. Thread-safe as far as the {@link Authority} is; the sale itself is not.
 *
 * <pre>{@code
 * Approval ok = authority.approve(GuardedAction.VOID_LINE, SupervisedSale.lineSubject(sale, 3), supervisor, shift);
 * supervised.removeLine(sale, 3, ok);
 * }</pre>
 */
public final class SupervisedSale {

    private final Authority authority;

    public SupervisedSale(Authority authority) {
        this.authority = Objects.requireNonNull(authority, "authority");
    }

    /** The subject of an approval to void line {@code lineNo} of {@code sale}. */
    public static String lineSubject(Sale sale, int lineNo) {
        return sale.id().value() + "/" + lineNo;
    }

    /** The subject of an approval for the whole {@code sale} (cancel, refund). */
    public static String saleSubject(Sale sale) {
        return sale.id().value();
    }

    /**
     * Voids line {@code lineNo} of {@code sale} if {@code approval} allows it.
     *
     * @throws ApprovalRequiredException if it does not (the sale is unchanged)
     */
    public SaleLine removeLine(Sale sale, int lineNo, Approval approval) {
        authority.require(GuardedAction.VOID_LINE, lineSubject(sale, lineNo), approval);
        return sale.removeLine(lineNo);
    }

    /**
     * Cancels {@code sale} if {@code approval} allows it.
     *
     * @throws ApprovalRequiredException if it does not (the sale is unchanged)
     */
    public void cancel(Sale sale, Instant at, Approval approval) {
        authority.require(GuardedAction.CANCEL_SALE, saleSubject(sale), approval);
        sale.cancel(at);
    }
}
