/**
 * Vouchers (R1–R6): the signed voucher format that fits a QR code ({@link pos.core.voucher.VoucherCodec}:
 * {@code PV1.<keyId>.<payload>.<mac>}, HMAC-SHA256 under keys from configuration,
 * {@link pos.core.voucher.VoucherKeys}), its offline verification on the till with a typed result
 * ({@link pos.core.voucher.VoucherCheck}), and the port through which a verified voucher is redeemed
 * once and only once across every till ({@link pos.core.voucher.VoucherRedemption},
 * {@link pos.core.voucher.RedemptionResult}).
 */
package pos.core.voucher;
