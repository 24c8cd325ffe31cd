/**
 * Voucher redemption in Redis and MariaDB (R2–R6): the till's redemption through one atomic Lua
 * script ({@link pos.sync.voucher.RedisVoucherRedemption}), issuing vouchers into MariaDB and Redis
 * with QR images ({@link pos.sync.voucher.VoucherIssuer}, {@link pos.sync.voucher.VoucherIssueMain}),
 * the archiver of successes into MariaDB whose unique key is the final guard
 * ({@link pos.sync.voucher.VoucherArchiver}, {@link pos.sync.voucher.MariaDbVoucherStore}), and the
 * Redis keys ({@link pos.sync.voucher.VoucherRedisKeys}).
 */
package pos.sync.voucher;
