package pos.sync.recovery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import pos.core.money.Money;
import pos.core.pay.PaymentMethod;
import pos.core.sale.SaleSnapshot;
import pos.core.sale.TenderType;

/**
 * A payment the gateway took (PAID in the payment journal) whose sale was never journaled as finished:
 * the till stopped in between. It waits for the clerk to finish the sale or refund the money. Immutable.
 *
 * @param paymentId the payment's transaction id (out_trade_no)
 * @param method    QR, pay-code or bank card
 * @param amount    what the customer paid
 * @param paidAt    when the till learnt it was paid
 * @param cardMasked the masked card for a card payment, else null
 * @param sale      the open sale it was for, when the till had kept it ({@link SaleSnapshot#paymentAttempts()})
 */
public record UnfinishedPayment(String paymentId, PaymentMethod method, Money amount, Instant paidAt, String cardMasked,
        Optional<SaleSnapshot> sale) {

    public UnfinishedPayment {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(paidAt, "paidAt");
        Objects.requireNonNull(sale, "sale");
    }

    /** The sale's tender this payment is. */
    public TenderType tenderType() {
        return switch (method) {
            case QR_SHOWN -> TenderType.QR;
            case PAY_CODE -> TenderType.PAY_CODE;
            case BANK_CARD -> TenderType.CARD;
        };
    }

    /** The refund number of a refund of this payment: one per payment, so a retry never refunds twice. */
    public String refundNo() {
        return "R" + paymentId;
    }
}
