package pos.contract.hub;

/**
 * A till's request to POST /credit-vouchers/{refundNo} (issue 12.3): issue the credit voucher of a return paid by
 * voucher. The refund number in the path ({@code returnId-N}) is the idempotency key. Immutable.
 *
 * @param amountMinor the money refunded, in minor units of {@code currency} (more than 0)
 * @param currency    ISO 4217 code
 */
public record CreditVoucherRequest(long amountMinor, String currency) {
}
