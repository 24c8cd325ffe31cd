package pos.sync.recovery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.sale.SaleRecordJson;
import pos.core.audit.AuditEntry;
import pos.core.audit.AuditKind;
import pos.core.audit.TillEvent;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.pay.PaymentGateway;
import pos.core.pay.PaymentStatus;
import pos.core.pay.RefundAnswer;
import pos.core.sale.Sale;
import pos.core.sale.SaleException;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleSnapshot;
import pos.core.sale.SaleState;
import pos.core.sale.TransactionId;
import pos.sync.journal.PaymentEvent;
import pos.sync.journal.PaymentEventJson;
import pos.sync.journal.PaymentEventKind;
import pos.sync.journal.SqliteSaleJournal;

/**
 * Start-up recovery of payments taken whose sale was never finished (issue 12 point 7): a payment PAID
 * in the payment journal ({@code PAYMENT_RESULT} SUCCESS, or late money kept) with no
 * {@code SALE_FINISHED} record naming it in a tender. {@link #scan()} lists them; the clerk settles each
 * one: {@link #finish} journals its sale (the open sale kept for it when there is one, else one line
 * "Recovered payment" for the amount) with the gateway tender and its reference; {@link #refund} gives
 * the money back through the gateway (refund number "R" + the payment id, the same one the late-payment
 * refund uses, so the money never goes back twice) and journals {@code PAYMENT_REFUNDED}. Both leave an
 * audit entry {@link AuditKind#PAYMENT_RECOVERED}. A settled payment is not listed again.
 *
 * <p>The scan reads only the journal rows after the position of the last clean scan (V14
 * {@code payment_recovery}), so it stays quick however long the journal grows. Thread-safe; every call
 * does I/O (the journal, and the gateway for a refund): call it off the UI thread.
 */
public final class PaymentRecovery {

    private static final Logger log = LoggerFactory.getLogger(PaymentRecovery.class);
    /** The product code of the one line of a sale recovered without its cart. */
    public static final String RECOVERED_CODE = "RECOVERED-PAYMENT";

    private final SqliteSaleJournal journal;
    private final SqliteOpenSales openSales;
    private final PaymentGateway gateway;
    private final String tillId;
    private final Clock clock;
    private final TransactionId.Generator ids;

    /** @param gateway the gateway for refunds, or null when this till has none (then refunds are refused) */
    public PaymentRecovery(SqliteSaleJournal journal, SqliteOpenSales openSales, PaymentGateway gateway, String tillId,
            Clock clock) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.openSales = Objects.requireNonNull(openSales, "openSales");
        this.gateway = gateway;
        this.tillId = Objects.requireNonNull(tillId, "tillId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = new TransactionId.Generator(clock);
    }

    /**
     * The payments taken whose sale was never journaled, oldest first, each with the open sale kept for
     * it when there is one.
     */
    public List<UnfinishedPayment> scan() {
        long from = openSales.checkedSeq();
        List<SqliteOpenSales.JournalRow> rows = openSales.journalRowsAfter(from);
        Map<String, PaymentEvent> paid = new LinkedHashMap<>();
        Map<String, Long> paidSeq = new LinkedHashMap<>();
        Set<String> settled = new HashSet<>();
        long last = from;
        for (SqliteOpenSales.JournalRow row : rows) {
            last = row.seq();
            if (SqliteSaleJournal.SALE_FINISHED.equals(row.kind())) {
                try {
                    SaleRecordJson.read(row.payload()).tenders().stream()
                            .filter(t -> t.reference() != null).forEach(t -> settled.add(t.reference()));
                } catch (RuntimeException e) {
                    log.error("Sale row {} ({}) of the journal cannot be read; its payments may be listed as unfinished",
                            row.seq(), row.transactionId(), e);
                }
                continue;
            }
            PaymentEvent event;
            try {
                event = PaymentEventJson.read(row.payload());
            } catch (RuntimeException e) {
                log.error("Payment row {} ({}) of the journal cannot be read", row.seq(), row.transactionId(), e);
                continue;
            }
            if (isMoneyKept(event)) {
                paid.putIfAbsent(event.transactionId(), event);
                paidSeq.putIfAbsent(event.transactionId(), row.seq());
            } else if (event.kind() == PaymentEventKind.PAYMENT_REFUNDED || event.status() == PaymentStatus.REVOKED
                    || event.status() == PaymentStatus.REFUNDED) {
                settled.add(event.transactionId());
            }
        }
        List<SaleSnapshot> kept = openSales.loadAll();
        List<UnfinishedPayment> unfinished = new ArrayList<>();
        long checked = last;
        for (PaymentEvent event : paid.values()) {
            String id = event.transactionId();
            if (settled.contains(id)) {
                continue;
            }
            checked = Math.min(checked, paidSeq.get(id) - 1);
            Optional<SaleSnapshot> sale = kept.stream().filter(s -> s.paidBy(id) || s.paymentAttempts().contains(id)).findFirst();
            unfinished.add(new UnfinishedPayment(id, event.order().method(), event.order().amount(), event.at(),
                    event.card() == null ? null : event.card().masked(), sale));
        }
        if (checked > from) {
            openSales.markChecked(checked);
        }
        if (!unfinished.isEmpty()) {
            log.warn("{} payments were taken without a finished sale: {}", unfinished.size(),
                    unfinished.stream().map(p -> p.paymentId() + " " + p.amount()).toList());
        }
        return unfinished;
    }

    /** Money with the store: the payment's result was SUCCESS, or late money was kept (not refunded). */
    private static boolean isMoneyKept(PaymentEvent event) {
        if (event.kind() == PaymentEventKind.PAYMENT_RESULT) {
            return event.status() == PaymentStatus.SUCCESS;
        }
        return event.kind() == PaymentEventKind.PAYMENT_LATE_SUCCESS
                && (event.note() == null || !event.note().startsWith("REFUND"));
    }

    /**
     * Finishes the sale of {@code payment}: the open sale kept for it (with this payment as its tender)
     * when the payment completes it, else a sale of one line {@code recoveredLineName} for the amount at
     * {@code tax}; journaled durably, with a {@link AuditKind#PAYMENT_RECOVERED} entry. The open sale kept
     * for it is then forgotten.
     *
     * @param clerkId   the clerk signed in, or null
     * @param clerkName that clerk's name, or null
     * @return the journaled sale
     */
    public SaleRecord finish(UnfinishedPayment payment, String recoveredLineName, TaxClass tax, String clerkId,
            String clerkName) {
        Instant now = clock.instant();
        Sale sale = payment.sale().flatMap(s -> completed(s, payment, now)).orElse(null);
        if (sale == null) {
            sale = new Sale(ids.next(), payment.amount().currency(), payment.paidAt());
            Product recovered = new Product(RECOVERED_CODE, null, recoveredLineName, payment.amount(), tax, SaleUnit.PIECE,
                    null, "recovered");
            sale.addPriced(recovered, payment.amount());
            sale.beginTender();
            sale.payInFull(payment.tenderType(), payment.paymentId(), now);
        }
        if (clerkId != null && clerkName != null && sale.clerkId().isEmpty()) {
            sale.soldBy(clerkId, clerkName);
        }
        sale.audit(new AuditEntry(AuditKind.PAYMENT_RECOVERED, now, clerkId, null, payment.paymentId(),
                payment.amount().minorUnits(), "FINISHED"));
        SaleRecord record = SaleRecord.of(sale, tillId);
        journal.append(record);
        payment.sale().ifPresent(s -> openSales.clear(s.transactionId()));
        log.info("Payment {} of {} taken before the till stopped: its sale {} is finished and journaled", payment.paymentId(),
                payment.amount(), record.transactionId());
        return record;
    }

    /** The kept open sale, paid in full with {@code payment}; empty when the payment does not complete it. */
    private Optional<Sale> completed(SaleSnapshot snapshot, UnfinishedPayment payment, Instant now) {
        try {
            Sale sale = snapshot.toSale();
            if (!snapshot.paidBy(payment.paymentId())) {
                if (sale.state() == SaleState.OPEN) {
                    sale.beginTender();
                }
                if (!sale.due().equals(payment.amount())) {
                    log.warn("Payment {} of {} does not match the {} due on the kept sale {}; it is finished as a "
                            + "recovered payment", payment.paymentId(), payment.amount(), sale.due(), snapshot.transactionId());
                    return Optional.empty();
                }
                sale.payPart(payment.tenderType(), payment.amount(), payment.paymentId(), now);
            }
            return sale.state() == SaleState.PAID ? Optional.of(sale) : Optional.empty();
        } catch (SaleException | IllegalArgumentException e) {
            log.warn("The kept sale {} cannot be finished with payment {}; it is finished as a recovered payment",
                    snapshot.transactionId(), payment.paymentId(), e);
            return Optional.empty();
        }
    }

    /**
     * Gives the money of {@code payment} back through the gateway, once (refund number
     * {@link UnfinishedPayment#refundNo()}), then journals {@code PAYMENT_REFUNDED} and an audit entry. The
     * open sale kept for it is forgotten (its customer was paid back).
     *
     * @return the gateway's answer; when it is not {@code done} nothing is journaled and the payment stays listed
     * @throws pos.core.pay.GatewayException when the gateway cannot be asked or refuses; nothing is journaled
     * @throws IllegalStateException when this till has no payment gateway
     */
    public RefundAnswer refund(UnfinishedPayment payment, String clerkId) {
        if (gateway == null) {
            throw new IllegalStateException("this till has no payment gateway to refund payment " + payment.paymentId());
        }
        RefundAnswer answer = gateway.refund(payment.paymentId(), payment.refundNo(), payment.amount(), payment.amount(),
                "sale not finished: the till stopped");
        if (!answer.done()) {
            log.warn("Refund {} of payment {} is not done yet at the gateway; the payment stays listed", payment.refundNo(),
                    payment.paymentId());
            return answer;
        }
        Instant now = clock.instant();
        PaymentEvent paidEvent = journal.paymentEvents(payment.paymentId()).stream()
                .filter(PaymentRecovery::isMoneyKept).findFirst()
                .orElseThrow(() -> new IllegalStateException("payment " + payment.paymentId() + " is not in the journal"));
        journal.appendPaymentEvent(new PaymentEvent(PaymentEventKind.PAYMENT_REFUNDED, paidEvent.order(),
                PaymentStatus.REFUNDED, null, "RECOVERY_REFUNDED", "refund " + answer.refundNo() + " id " + answer.refundId(),
                now, paidEvent.card()));
        journal.appendRecord(new TillEvent(ids.next().value(), tillId, null, new AuditEntry(AuditKind.PAYMENT_RECOVERED, now,
                clerkId, null, payment.paymentId(), payment.amount().minorUnits(), "REFUNDED " + answer.refundNo())));
        payment.sale().ifPresent(s -> openSales.clear(s.transactionId()));
        log.info("Payment {} of {} taken before the till stopped is refunded ({})", payment.paymentId(), payment.amount(),
                answer.refundNo());
        return answer;
    }
}
