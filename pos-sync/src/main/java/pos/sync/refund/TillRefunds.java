package pos.sync.refund;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.hub.CreditVoucherAnswer;
import pos.core.money.Money;
import pos.core.pay.GatewayRefusedException;
import pos.core.pay.GatewayTimeoutException;
import pos.core.pay.GatewayUnreachableException;
import pos.core.pay.PaymentGateway;
import pos.core.pay.RefundAnswer;
import pos.core.people.DebitResult;
import pos.core.people.StoredValue;
import pos.core.refund.PlannedRefund;
import pos.core.refund.ReturnQuote;
import pos.core.refund.ReturnRecord;
import pos.core.refund.Returnable;
import pos.core.retry.Backoff;
import pos.core.sale.SaleRecord;
import pos.core.sale.TenderType;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.pay.UnableToReachHubException;

/**
 * Gives the money of a return back and journals the return (issue 12, point 3). Blocking: call it off
 * the UI thread. Thread-safe (one return at a time).
 *
 * <p>Order, so that nothing is refunded twice and nothing is lost: the caller makes the return id
 * first and {@link Returnable#quote quotes} the return; {@link #refund} journals the plan
 * ({@link RefundStepKind#RETURN_STARTED}) before any money moves; then, per planned refund, gateway
 * tenders first: {@link RefundStepKind#REFUND_ASKED}, {@code PaymentGateway.refund(out_trade_no,
 * refund number, amount, original amount, reason)} (a timeout or an unreachable gateway is retried
 * with the same refund number, so the gateway refunds once), {@link RefundStepKind#REFUND_DONE} with
 * the gateway's refund id; cash is counted out of the drawer ({@link RefundStepKind#REFUND_DONE});
 * last the {@link ReturnRecord} is journaled with {@code appendRecord} (and so handed on to the
 * store). A refund already done (a resumed return) is not asked again. A voucher tender is refunded as a
 * new credit voucher the store hub issues once per refund number ({@link CreditVouchers}; without the hub
 * the return is refused before anything moves); a member's stored value is topped up again with the
 * refund number as the ledger's idempotency key ({@link StoredValue#topUp}), so a retry credits once.
 *
 * <p>The drawer is the caller's: open it for {@link ReturnQuote#cashMinor()} after this returns, as
 * after a cash sale (the record is journaled by then).
 */
public final class TillRefunds {

    private static final Logger log = LoggerFactory.getLogger(TillRefunds.class);

    private final SqliteSaleJournal journal;
    private final SqliteRefundSteps steps;
    private final PaymentGateway gateway;
    private final Clock clock;
    private final RefundSettings settings;
    private final CreditVouchers creditVouchers; // null: no hub, voucher refunds refused
    private final StoredValue storedValue; // null: no stored-value ledger, member refunds refused

    /**
     * @param gateway the till's payment gateway; null when payments are not configured (then returns of
     *                QR, pay-code and card sales are refused with a sentence)
     */
    public TillRefunds(SqliteSaleJournal journal, SqliteRefundSteps steps, PaymentGateway gateway, Clock clock,
            RefundSettings settings) {
        this(journal, steps, gateway, clock, settings, null, null);
    }

    /**
     * As {@link #TillRefunds(SqliteSaleJournal, SqliteRefundSteps, PaymentGateway, Clock, RefundSettings)}, refunding
     * voucher tenders as credit vouchers and member tenders back to their stored value (issue 12.3).
     *
     * @param creditVouchers the store hub's credit vouchers; null without a hub (voucher refunds are refused)
     * @param storedValue    the members' stored value; null when there is none (member refunds are refused)
     */
    public TillRefunds(SqliteSaleJournal journal, SqliteRefundSteps steps, PaymentGateway gateway, Clock clock,
            RefundSettings settings, CreditVouchers creditVouchers, StoredValue storedValue) {
        this.creditVouchers = creditVouchers;
        this.storedValue = storedValue;
        this.journal = Objects.requireNonNull(journal, "journal");
        this.steps = Objects.requireNonNull(steps, "steps");
        this.gateway = gateway;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * This till's own sale with what was already returned of it here (finished returns, and started
     * ones not yet finished, which hold their goods until finished), if the sale was made here.
     */
    public Optional<Returnable> localSale(String transactionId) {
        Objects.requireNonNull(transactionId, "transactionId");
        return journal.findRecord(SaleRecord.class, transactionId)
                .map(sale -> Returnable.of(sale, returnsOf(transactionId)));
    }

    /** The returns made on this till against a sale: finished ones, then started but unfinished ones. */
    public List<ReturnRecord> returnsOf(String transactionId) {
        List<ReturnRecord> returns = new ArrayList<>(journal.records(ReturnRecord.class, Instant.EPOCH,
                Instant.now(clock).plus(Duration.ofDays(1))).stream()
                .filter(r -> r.originalTransactionId().equals(transactionId)).toList());
        for (StartedReturn started : steps.unfinished()) {
            if (started.quote().originalTransactionId().equals(transactionId)) {
                returns.add(asIfDone(started));
            }
        }
        return returns;
    }

    private static ReturnRecord asIfDone(StartedReturn started) {
        return started.quote().toRecord(started.tillId(), started.clerkId(), started.approverId(), started.shiftId(),
                Instant.EPOCH, started.quote().refunds().stream().map(r -> r.done(null)).toList());
    }

    /** The returns started here and never finished, oldest first (for start-up: finish them with {@link #resume}). */
    public List<StartedReturn> unfinished() {
        return steps.unfinished();
    }

    /** Finishes a return started earlier (after a refusal, a gateway that did not answer, a crash). */
    public ReturnRecord resume(String returnId) {
        StartedReturn started = steps.startedReturn(returnId).orElseThrow(() -> new IllegalArgumentException(
                "return " + returnId + " was never started on this till"));
        return refund(started);
    }

    /**
     * Gives the money back and journals the return.
     *
     * @return the journaled return (the first one journaled, if this return was finished before)
     * @throws RefundRefusedException with the sentence for the clerk when the money cannot go back;
     *     what was refunded stays journaled and the return can be {@linkplain #resume resumed}
     * @throws pos.core.journal.JournalWriteException if a step cannot be journaled (no money moves after that)
     */
    public synchronized ReturnRecord refund(StartedReturn started) {
        ReturnQuote quote = started.quote();
        Optional<ReturnRecord> finished = journal.findRecord(ReturnRecord.class, quote.returnId());
        if (finished.isPresent()) {
            return finished.get();
        }
        refuseWhatCannotGoBack(quote);
        // Credit vouchers first, and for a new return before it is journaled: a store that cannot be reached refuses
        // the return before any money moves and leaves nothing started that would hold its goods (the clerk may then
        // refund them in cash). A voucher asked again (a retry, a resumed return) is the same voucher.
        boolean resumed = steps.startedReturn(quote.returnId()).isPresent();
        Map<String, CreditVoucherAnswer> vouchers = new HashMap<>();
        if (!resumed) {
            for (PlannedRefund planned : quote.refunds()) {
                if (planned.type() == TenderType.VOUCHER) {
                    vouchers.put(planned.refundNo(), askCreditVoucher(quote, planned));
                }
            }
        }
        steps.started(started);
        ReturnRecord.Refund[] results = new ReturnRecord.Refund[quote.refunds().size()];
        for (int i = 0; i < results.length; i++) {
            PlannedRefund planned = quote.refunds().get(i);
            if (planned.type() == TenderType.VOUCHER) {
                results[i] = voucherRefund(quote, planned, vouchers.get(planned.refundNo()));
            }
        }
        for (int i = 0; i < results.length; i++) {
            PlannedRefund planned = quote.refunds().get(i);
            if (results[i] == null) {
                results[i] = planned.throughGateway() ? gatewayRefund(quote, planned)
                        : planned.type() == TenderType.MEMBER ? memberRefund(started, planned)
                        : cashRefund(quote, planned);
            }
        }
        List<ReturnRecord.Refund> done = List.of(results);
        ReturnRecord record = quote.toRecord(started.tillId(), started.clerkId(), started.approverId(), started.shiftId(),
                Instant.now(clock), done);
        journal.appendRecord(record);
        log.info("Return {} of sale {} finished: {} back in {} refund(s)", quote.returnId(), quote.originalTransactionId(),
                money(quote, quote.totalMinor()), done.size());
        return journal.findRecord(ReturnRecord.class, quote.returnId()).orElse(record);
    }

    private void refuseWhatCannotGoBack(ReturnQuote quote) {
        for (PlannedRefund planned : quote.refunds()) {
            if (planned.type() == TenderType.VOUCHER && creditVouchers == null) {
                throw new RefundRefusedException(noCreditVoucher(quote, planned, "this till is not connected to the store"),
                        null, RefundRefusedException.Reason.CREDIT_VOUCHER_NOT_CONNECTED, Money.ofMinor(planned.amountMinor(), quote.currency()));
            }
            if (planned.type() == TenderType.MEMBER && (storedValue == null || planned.originalReference() == null)) {
                throw new RefundRefusedException("Part of this sale (" + money(quote, planned.amountMinor())
                        + ") was paid from a member's stored value, and this till has no stored-value ledger to give it "
                        + "back to: nothing was refunded; ask the store office.", null, RefundRefusedException.Reason.NO_STORED_VALUE_LEDGER,
                        Money.ofMinor(planned.amountMinor(), quote.currency()));
            }
            if (planned.throughGateway() && gateway == null) {
                throw new RefundRefusedException("This sale was paid by " + words(planned.type())
                        + ", and this till has no payment gateway set up to refund it: nothing was refunded.", null,
                        RefundRefusedException.Reason.NO_GATEWAY, planned.type());
            }
        }
    }

    private static String noCreditVoucher(ReturnQuote quote, PlannedRefund planned, String why) {
        return "Part of this sale (" + money(quote, planned.amountMinor()) + ") was paid with a voucher and goes back as a "
                + "new credit voucher, which only the store can issue, and " + why + ": nothing was refunded. Try again "
                + "when the store is back, or refund it in cash with a supervisor's approval.";
    }

    /**
     * A voucher tender goes back as a new credit voucher, issued by the store once per refund number; {@code issued}
     * when it was asked before the return was journaled, null to ask now (a resumed return).
     */
    private ReturnRecord.Refund voucherRefund(ReturnQuote quote, PlannedRefund planned, CreditVoucherAnswer issued) {
        steps.step(quote.returnId(), planned.refundNo(), RefundStepKind.REFUND_ASKED, null,
                "credit voucher " + money(quote, planned.amountMinor()) + " asked of the store");
        CreditVoucherAnswer voucher = issued != null ? issued : askCreditVoucher(quote, planned);
        steps.step(quote.returnId(), planned.refundNo(), RefundStepKind.REFUND_DONE, voucher.voucherId(),
                "credit voucher " + money(quote, planned.amountMinor()));
        log.info("Refund {} of return {}: credit voucher {} of {}", planned.refundNo(), quote.returnId(),
                voucher.voucherId(), money(quote, planned.amountMinor()));
        return planned.creditVoucher(voucher.voucherId(), voucher.code());
    }

    /** The store's credit voucher of {@code planned}; refused with the clerk's sentence when the store cannot be reached. */
    private CreditVoucherAnswer askCreditVoucher(ReturnQuote quote, PlannedRefund planned) {
        CreditVoucherAnswer voucher;
        try {
            voucher = creditVouchers.creditVoucher(planned.refundNo(), planned.amountMinor(), quote.currency());
        } catch (UnableToReachHubException e) {
            log.warn("Refund {} of return {}: no credit voucher from the store: {}", planned.refundNo(), quote.returnId(),
                    e.getMessage());
            throw new RefundRefusedException(noCreditVoucher(quote, planned, "the store cannot be reached now"), e,
                    RefundRefusedException.Reason.CREDIT_VOUCHER_UNREACHABLE, Money.ofMinor(planned.amountMinor(), quote.currency()));
        }
        if (voucher.amountMinor() != planned.amountMinor() || !voucher.currency().equals(quote.currency())) {
            throw new RefundRefusedException("The store issued a credit voucher of " + voucher.amountMinor() + " "
                    + voucher.currency() + " for refund " + planned.refundNo() + " instead of " + money(quote,
                    planned.amountMinor()) + ": nothing was refunded; ask the store office.", null, RefundRefusedException.Reason.CREDIT_VOUCHER_WRONG,
                    voucher.amountMinor() + " " + voucher.currency(), planned.refundNo(), Money.ofMinor(planned.amountMinor(), quote.currency()));
        }
        return voucher;
    }

    /** A member's stored value is topped up again, the refund number its idempotency key (a retry credits once). */
    private ReturnRecord.Refund memberRefund(StartedReturn started, PlannedRefund planned) {
        ReturnQuote quote = started.quote();
        String member = planned.originalReference();
        steps.step(quote.returnId(), planned.refundNo(), RefundStepKind.REFUND_ASKED, null,
                "stored value " + money(quote, planned.amountMinor()) + " back to member " + member);
        DebitResult result = storedValue.topUp(member, planned.refundNo(), planned.amountMinor(), started.tillId());
        if (!result.isSuccess()) {
            steps.step(quote.returnId(), planned.refundNo(), RefundStepKind.REFUND_FAILED, null,
                    result.outcome() + ": " + result.message());
            log.warn("Refund {} of return {} to member {}'s stored value not done: {} {}", planned.refundNo(),
                    quote.returnId(), member, result.outcome(), result.message());
            throw new RefundRefusedException("The member's stored value could not be given back " + money(quote,
                    planned.amountMinor()) + " (" + result.message() + "): the return is kept unfinished; try it again "
                    + "later, it will not credit twice.", null, RefundRefusedException.Reason.STORED_VALUE_FAILED,
                    Money.ofMinor(planned.amountMinor(), quote.currency()), String.valueOf(result.message()));
        }
        steps.step(quote.returnId(), planned.refundNo(), RefundStepKind.REFUND_DONE, planned.refundNo(),
                "stored value " + money(quote, planned.amountMinor()) + " back to member " + member + " ("
                        + result.outcome() + ", balance " + result.balanceMinor() + ")");
        log.info("Refund {} of return {}: {} back to member {}'s stored value ({})", planned.refundNo(), quote.returnId(),
                money(quote, planned.amountMinor()), member, result.outcome());
        return planned.done(planned.refundNo());
    }

    private ReturnRecord.Refund cashRefund(ReturnQuote quote, PlannedRefund planned) {
        steps.step(quote.returnId(), planned.refundNo(), RefundStepKind.REFUND_DONE, null,
                "cash " + money(quote, planned.amountMinor()) + " from the drawer");
        return planned.done(null);
    }

    private ReturnRecord.Refund gatewayRefund(ReturnQuote quote, PlannedRefund planned) {
        Optional<RefundStep> already = steps.done(quote.returnId(), planned.refundNo());
        if (already.isPresent()) {
            return planned.done(already.get().refundId());
        }
        Money amount = Money.ofMinor(planned.amountMinor(), quote.currency());
        Money original = Money.ofMinor(planned.originalAmountMinor(), quote.currency());
        String reason = quote.reason() == null || quote.reason().isBlank() ? "goods returned" : quote.reason();
        steps.step(quote.returnId(), planned.refundNo(), RefundStepKind.REFUND_ASKED, null,
                words(planned.type()) + " " + amount + " of order " + planned.originalReference());
        Backoff backoff = new Backoff(settings.firstPause(), settings.maxPause());
        RuntimeException last = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            try {
                RefundAnswer answer = gateway.refund(planned.originalReference(), planned.refundNo(), amount, original,
                        reason);
                steps.step(quote.returnId(), planned.refundNo(), RefundStepKind.REFUND_DONE, answer.refundId(),
                        words(planned.type()) + " " + amount + (answer.done() ? "" : " (accepted, on its way)"));
                log.info("Refund {} of order {}: {} back, gateway refund id {} (attempt {})", planned.refundNo(),
                        planned.originalReference(), amount, answer.refundId(), attempt);
                return planned.done(answer.refundId());
            } catch (GatewayRefusedException e) {
                steps.step(quote.returnId(), planned.refundNo(), RefundStepKind.REFUND_FAILED, null,
                        e.code() + ": " + e.getMessage());
                log.warn("Refund {} of order {} refused by the gateway: {} {}", planned.refundNo(),
                        planned.originalReference(), e.code(), e.getMessage());
                throw new RefundRefusedException("The payment gateway refused to refund " + amount + " to the "
                        + words(planned.type()) + " (" + e.code() + "): the return is kept unfinished; "
                        + "ask the store office.", e, RefundRefusedException.Reason.GATEWAY_REFUSED, amount, planned.type(),
                        String.valueOf(e.code()));
            } catch (GatewayTimeoutException | GatewayUnreachableException e) {
                last = e;
                log.warn("Refund {} of order {}: attempt {} of {} failed ({}); retrying with the same refund number",
                        planned.refundNo(), planned.originalReference(), attempt, settings.attempts(), e.getMessage());
                if (attempt < settings.attempts()) {
                    pause(backoff.next(), planned);
                }
            }
        }
        throw new RefundRefusedException("The payment gateway did not answer the refund of " + amount + " after "
                + settings.attempts() + " tries: the return is kept unfinished; try it again later, it will not "
                + "refund twice.", last, RefundRefusedException.Reason.GATEWAY_SILENT, amount, settings.attempts());
    }

    private static void pause(Duration pause, PlannedRefund planned) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefundRefusedException("The refund " + planned.refundNo() + " was interrupted before its retry: "
                    + "the return is kept unfinished; try it again, it will not refund twice.", e,
                    RefundRefusedException.Reason.INTERRUPTED, planned.refundNo());
        }
    }

    private static String money(ReturnQuote quote, long minor) {
        return Money.ofMinor(minor, quote.currency()).toString();
    }

    private static String words(TenderType type) {
        return switch (type) {
            case QR -> "QR payment";
            case PAY_CODE -> "pay-code payment";
            case CARD -> "bank card";
            case CASH -> "cash";
            case MEMBER -> "stored value";
            case VOUCHER -> "voucher";
        };
    }
}
