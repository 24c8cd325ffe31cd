package pos.contract.hub;

import java.util.Objects;

/**
 * The hub's answer to POST /credit-vouchers/{refundNo} (issue 12.3): the credit voucher issued for that refund
 * number, the same one every time it is asked. Immutable.
 *
 * @param voucherId   the voucher's id (the refund number)
 * @param code        its signed text, what its QR code holds; redeemable at any till of the store
 * @param amountMinor its value, in minor units of {@code currency}
 * @param currency    ISO 4217 code
 * @param expiresAt   the last instant it may be redeemed (ISO-8601)
 */
public record CreditVoucherAnswer(String voucherId, String code, long amountMinor, String currency, String expiresAt) {
    public CreditVoucherAnswer {
        Objects.requireNonNull(voucherId, "voucherId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(currency, "currency");
    }
}
