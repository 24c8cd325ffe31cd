package pos.hub;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.hub.people.StoredValueReconciler;
import pos.hub.voucher.VoucherReconciler;

/**
 * The hub's periodic comparison of Redis's balances and redeemed vouchers with MariaDB (issue 10),
 * beside the reconciler and the queue monitor: each pass raises {@link #BALANCE_ALERT} or
 * {@link #VOUCHER_ALERT} naming what differs (member or voucher, and both values), and clears it
 * when a pass finds everything equal again. A failed pass (Redis or MariaDB down) is logged once per
 * reason and tried again; the queue monitor already alerts for an unreachable Redis or MariaDB.
 * Thread-safe (run from one scheduled thread).
 */
final class LedgerReconciliation {

    /** Raised while a member's balance in Redis differs from the store's ledger. */
    static final String BALANCE_ALERT = "sec-balance-mismatch";
    /** Raised while a voucher's state in Redis differs from {@code voucher_redemptions}. */
    static final String VOUCHER_ALERT = "sec-voucher-mismatch";
    /** Differences named in one alert's message; the rest are counted. */
    static final int NAMED = 5;
    private static final Logger log = LoggerFactory.getLogger(LedgerReconciliation.class);

    private final StoredValueReconciler balances;
    private final VoucherReconciler vouchers;
    private final HubAlerts alerts;
    private final HubMetrics metrics;
    private String lastFailure; // scheduler thread only

    LedgerReconciliation(StoredValueReconciler balances, VoucherReconciler vouchers, HubAlerts alerts, HubMetrics metrics) {
        this.balances = Objects.requireNonNull(balances, "balances");
        this.vouchers = Objects.requireNonNull(vouchers, "vouchers");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** One pass of both comparisons; never throws (a scheduled task that threw would never run again). */
    void runOnce() {
        try {
            StoredValueReconciler.Outcome balance = balances.runOnce();
            if (balance.skipped().isEmpty()) {
                report(BALANCE_ALERT, "balance", balance.differences(), StoredValueReconciler.Difference::message,
                        balance.checked() + " member balances equal the store's ledger");
            } else {
                log.debug("Balance reconciliation skipped: {}", balance.skipped().get());
            }
            VoucherReconciler.Outcome voucher = vouchers.runOnce();
            if (voucher.skipped().isEmpty()) {
                report(VOUCHER_ALERT, "voucher", voucher.differences(), VoucherReconciler.Difference::message,
                        voucher.checked() + " vouchers in Redis agree with voucher_redemptions");
            } else {
                log.debug("Voucher reconciliation skipped: {}", voucher.skipped().get());
            }
            lastFailure = null;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                log.debug("Balance and voucher reconciliation stopped with the hub", e);
                return;
            }
            String reason = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            if (!reason.equals(lastFailure)) {
                if (e instanceof PosHubException || e instanceof pos.contract.PosContractException) {
                    // Named failures (Redis or MariaDB unreachable) carry their context; a stack trace adds nothing.
                    log.warn("Balance and voucher reconciliation not done ({}); tried again next period", reason);
                } else {
                    log.warn("Balance and voucher reconciliation not done ({}); tried again next period", reason, e);
                }
                lastFailure = reason;
            }
        }
    }

    private <D> void report(String alert, String kind, List<D> differences, Function<D, String> message, String allGood) {
        metrics.reconciliationDifferences(kind, differences.size());
        if (differences.isEmpty()) {
            alerts.clear(alert, allGood);
            return;
        }
        StringBuilder text = new StringBuilder();
        differences.stream().limit(NAMED).forEach(d -> text.append(text.length() == 0 ? "" : "; ").append(message.apply(d)));
        if (differences.size() > NAMED) {
            text.append("; and ").append(differences.size() - NAMED).append(" more");
        }
        alerts.raise(alert, Alert.Level.CRITICAL, text.toString());
    }
}
