package pos.core.refund;

import java.util.Objects;
import pos.core.sale.TenderType;

/**
 * Money to give back through one tender of the original sale, before it is given. Immutable.
 *
 * @param tenderIndex        the tender's position in the original sale's tenders
 * @param type               the tender's type (and so how the money goes back)
 * @param amountMinor        how much goes back through it
 * @param originalReference  the original tender's reference (out_trade_no for gateway tenders), null for cash
 * @param originalAmountMinor what the original tender paid (the order total the gateway wants with a refund)
 * @param refundNo           the store's refund number ({@link RefundNumbers#of}); also the key of the
 *                           refund's journaled steps for cash
 */
public record PlannedRefund(int tenderIndex, TenderType type, long amountMinor, String originalReference,
        long originalAmountMinor, String refundNo) {

    public PlannedRefund {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(refundNo, "refundNo");
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("a planned refund gives back more than 0, not " + amountMinor);
        }
    }

    /** Whether the money goes back through the payment gateway's refund (QR, pay-code, card). */
    public boolean throughGateway() {
        return isGatewayTender(type);
    }

    /** QR, pay-code and card tenders are paid, and refunded, through the payment gateway. */
    public static boolean isGatewayTender(TenderType type) {
        return type == TenderType.QR || type == TenderType.PAY_CODE || type == TenderType.CARD;
    }

    /** The record of this refund once done: the gateway's refund id for gateway tenders, the credit voucher's code for a voucher. */
    public ReturnRecord.Refund done(String refundId) {
        boolean cash = type == TenderType.CASH;
        return new ReturnRecord.Refund(type, amountMinor, originalReference, cash ? null : refundNo, cash ? null : refundId);
    }

    /** The record of this voucher refund once the credit voucher {@code voucherId} (signed text {@code code}) is issued. */
    public ReturnRecord.Refund creditVoucher(String voucherId, String code) {
        if (type != TenderType.VOUCHER) {
            throw new IllegalStateException("only a voucher tender is refunded as a credit voucher, not " + type);
        }
        return new ReturnRecord.Refund(type, amountMinor, originalReference, refundNo, Objects.requireNonNull(voucherId,
                "voucherId"), Objects.requireNonNull(code, "code"));
    }
}
