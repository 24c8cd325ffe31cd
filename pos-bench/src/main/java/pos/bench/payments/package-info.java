/**
 * The payments fault run of issue 3 and its benchmark figures.
 *
 * <p>{@link pos.bench.payments.PaymentsFaultRun} drives real servers — Redis and MariaDB as
 * pos-testkit child processes, the sandbox gateway in process on a real socket, the store hub as a
 * child JVM — and N simulated tills as threads (each with its own SQLite journal, sync service,
 * Redis connections and payment desk). The tills take QR and pay-code payments while the gateway
 * times out, drops notifications and lets customers pay late, and while the hub is SIGKILLed and
 * restarted, Redis restarted and MariaDB stopped. At the end it checks that the gateway ledger's
 * net charges, the paid sales in MariaDB and the paid sales in the journals agree to the cent, that
 * nothing is there twice, that nothing is left pending, and that the hub's queue alerts (R12) were
 * raised while MariaDB was down and cleared after.
 *
 * <ul>
 *   <li>{@code ./pos bench payments} ({@link pos.bench.payments.PaymentsBench}): the full size
 *       ({@link pos.bench.payments.FaultRunSettings#full()}), plus notify-to-till latency through
 *       pub/sub and the poll path, and the archiver against raw JDBC on the same MariaDB; prints a
 *       table and PASS/FAIL, exits 1 on a failed check.</li>
 *   <li>{@code PaymentsFaultRunTest}: the same run at {@link pos.bench.payments.FaultRunSettings#small()}.</li>
 *   <li>Issue 13: {@code --protocol wechatpay-v3|alipay} ({@link pos.bench.payments.FaultRunSettings#protocol()}) makes
 *       the sandbox speak that provider's protocol; the hub runs with {@code --provider} and the tills reach it through
 *       {@code PaymentProviders.open} (the official SDKs), in CNY. {@code PaymentsFaultRunProvidersTest} runs both at
 *       24 payments.</li>
 * </ul>
 *
 * A failed run keeps its directory (hub log, journals, gateway ledger) and says where.
 */
package pos.bench.payments;
