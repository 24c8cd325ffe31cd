/**
 * The payment path's state in Redis, shared by the tills and the store hub: the keys
 * ({@link pos.contract.pay.PaymentKeys}), the result board with its compare-and-set and change
 * channel ({@link pos.contract.pay.RedisResultBoard}, R2, R17, R22) and the pending queue with
 * each payment's order ({@link pos.contract.pay.RedisPendingPayments}, R7, R8, R11).
 */
package pos.contract.pay;
