package pos.core.people;

import java.time.Instant;
import java.util.Objects;
import pos.core.money.Money;
import pos.core.sale.Discount;
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

    /**
     * Gives line {@code lineNo} of {@code sale} a discount above the cashier's limit if
     * {@code approval} (of {@link GuardedAction#DISCOUNT} on the line) allows it.
     *
     * @throws ApprovalRequiredException if it does not (the sale is unchanged)
     */
    public void discountLine(Sale sale, int lineNo, Discount discount, Approval approval) {
        authority.require(GuardedAction.DISCOUNT, lineSubject(sale, lineNo), approval);
        sale.discountLine(lineNo, discount);
    }

    /**
     * Gives {@code sale} a discount above the cashier's limit if {@code approval} (of
     * {@link GuardedAction#DISCOUNT} on the sale) allows it.
     *
     * @throws ApprovalRequiredException if it does not (the sale is unchanged)
     */
    public void discountSale(Sale sale, Discount discount, Approval approval) {
        authority.require(GuardedAction.DISCOUNT, saleSubject(sale), approval);
        sale.discountSale(discount);
    }

    /**
     * Overrides the unit price of line {@code lineNo} of {@code sale} if {@code approval} (of
     * {@link GuardedAction#PRICE_OVERRIDE} on the line) allows it.
     *
     * @throws ApprovalRequiredException if it does not (the sale is unchanged)
     */
    public SaleLine overridePrice(Sale sale, int lineNo, Money unitPrice, String reason, Approval approval) {
        authority.require(GuardedAction.PRICE_OVERRIDE, lineSubject(sale, lineNo), approval);
        return sale.overridePrice(lineNo, unitPrice, reason);
    }
}
