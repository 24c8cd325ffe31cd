/**
 * Voucher redemption in Redis and MariaDB (R2–R6): the till's redemption through one atomic Lua
 * script ({@link pos.contract.voucher.RedisVoucherRedemption}), issuing vouchers into MariaDB and Redis
 * with QR images ({@link pos.hub.voucher.VoucherIssuer}, {@link pos.hub.voucher.VoucherIssueMain}),
 * the archiver of successes into MariaDB whose unique key is the final guard
 * ({@link pos.hub.voucher.VoucherArchiver}, {@link pos.hub.voucher.MariaDbVoucherStore}), and the
 * Redis keys ({@link pos.contract.voucher.VoucherRedisKeys}).
 */
package pos.sync.voucher;
