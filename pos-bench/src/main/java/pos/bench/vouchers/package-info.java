/** Voucher redemptions per second through the till's path, next to a raw Redis script baseline (issue 5). */
package pos.bench.vouchers;
