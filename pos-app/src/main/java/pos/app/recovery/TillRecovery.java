package pos.app.recovery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.checkout.Checkout;
import pos.app.checkout.MessageKind;
import pos.core.audit.AuditEntry;
import pos.core.audit.AuditKind;
import pos.core.sale.Sale;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleSnapshot;
import pos.core.sale.SaleState;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.recovery.PaymentRecovery;
import pos.sync.recovery.SqliteOpenSales;
import pos.sync.recovery.UnfinishedPayment;

/**
 * What the till takes up at start-up (issue 12 point 7), without a screen: the open sale kept when the
 * till stopped comes back into the checkout ("The sale that was open when the till stopped is back: 3
 * lines."), and the payments taken whose sale was never journaled wait in {@link #unfinished()} until the
 * clerk finishes or refunds each one (the recovery screen); {@link #onUnfinished} tells the status bar how
 * many wait. A kept sale that a waiting payment paid stays with that payment, not in the cart. Then the
 * {@link OpenSaleKeeper} keeps the open sale from here on. Not thread-safe: UI thread (the start-up
 * scan reads the journal; it runs while the till starts, before the first sale).
 */
public final class TillRecovery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TillRecovery.class);

    private final SqliteSaleJournal journal;
    private final SqliteOpenSales store;
    private final PaymentRecovery payments;
    private final Checkout checkout;
    private final String tillId;
    private final Clock clock;
    private final OpenSaleKeeper keeper;
    private final List<UnfinishedPayment> unfinished = new ArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private boolean ownsStore;
    private pos.sync.hub.HubClient hub; // null: parked sales stay on this till
    private pos.app.ui.TaskExecutor background;
    private pos.app.ui.UiThread ui;

    public TillRecovery(SqliteSaleJournal journal, SqliteOpenSales store, PaymentRecovery payments, Checkout checkout,
            String tillId, Clock clock) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.store = Objects.requireNonNull(store, "store");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.checkout = Objects.requireNonNull(checkout, "checkout");
        this.tillId = Objects.requireNonNull(tillId, "tillId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keeper = new OpenSaleKeeper(checkout, store, tillId, clock);
        keeper.onFailure(e -> {
            try {
                pos.app.ui.UiThread.javaFx().execute(() -> checkout.say(MessageKind.ERROR, "recovery.keepFailed"));
            } catch (IllegalStateException noToolkit) {
                LOG.warn("No screen to tell that the open sale cannot be kept", noToolkit); // a till without JavaFX (tests)
            }
        });
    }

    /**
     * The till's recovery on the open-sale store in {@code journal}'s file, which it owns and closes.
     *
     * @param gateway the payment gateway for refunds, or null when this till has none
     */
    public static TillRecovery open(SqliteSaleJournal journal, pos.core.pay.PaymentGateway gateway, Checkout checkout,
            String tillId, Clock clock) {
        SqliteOpenSales store = SqliteOpenSales.open(journal);
        try {
            TillRecovery recovery = new TillRecovery(journal, store, new PaymentRecovery(journal, store, gateway, tillId, clock),
                    checkout, tillId, clock);
            recovery.ownsStore = true;
            return recovery;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Parks sales in the store through {@code hub} from now on, so another till can recall them; the calls run
     * on {@code background} and come back through {@code ui}.
     */
    public void useHub(pos.sync.hub.HubClient hub, pos.app.ui.TaskExecutor background, pos.app.ui.UiThread ui) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
    }

    /** Whether sales are parked in the store through the hub. */
    public boolean parksInStore() {
        return hub != null;
    }

    /** For tests and for a till without JavaFX: the keeper's failures are only logged. */
    OpenSaleKeeper keeper() {
        return keeper;
    }

    /** Lists the unfinished payments, takes up the kept open sale, then keeps the open sale from now on. */
    public void start() {
        unfinished.addAll(payments.scan());
        boolean onCounter = false;
        for (SaleSnapshot kept : store.loadAll()) {
            onCounter |= takeUp(kept, onCounter);
        }
        keeper.start();
        if (!unfinished.isEmpty()) {
            checkout.say(MessageKind.ERROR, "recovery.waiting", unfinished.size());
        }
        changed();
    }

    /** Takes up one kept open sale; answers whether it is now on the counter. */
    private boolean takeUp(SaleSnapshot kept, boolean counterTaken) {
        String id = kept.transactionId();
        if (journal.find(id).isPresent()) {
            LOG.info("The kept open sale {} was journaled before the till stopped; it is cleared", id);
            store.clear(id);
            return false;
        }
        Sale sale = kept.toSale();
        List<UnfinishedPayment> paidIt = unfinished.stream()
                .filter(p -> p.sale().isPresent() && p.sale().get().transactionId().equals(id)).toList();
        boolean partPaidWithThem = !paidIt.isEmpty() && sale.state() != SaleState.PAID
                && paidIt.stream().allMatch(p -> kept.paidBy(p.paymentId()));
        if (!paidIt.isEmpty() && !partPaidWithThem) {
            LOG.info("The kept open sale {} waits with the payment that paid it", id);
            return false;
        }
        if (sale.state() == SaleState.PAID) {
            // paid in cash and not yet journaled: journal it now
            journal.append(SaleRecord.of(sale, tillId));
            store.clear(id);
            LOG.warn("The sale {} was paid but not journaled when the till stopped; it is journaled now", id);
            checkout.say(MessageKind.INFO, "recovery.paidSaleSaved", kept.lines().size());
            return false;
        }
        if (counterTaken || !checkout.takeUp(sale, checkout.text().format("recovery.saleBack", kept.lines().size()))) {
            // another kept sale is on the counter already: this one is parked here, not lost
            store.park(SaleSnapshot.of(sale, tillId, kept.paymentAttempts(), kept.savedAt()));
            store.clear(id);
            LOG.warn("The kept open sale {} is parked on this till: another sale is on the counter", id);
            return false;
        }
        // a part-paid sale goes on at the counter: its payments are its tenders, finished with the sale
        unfinished.removeAll(paidIt);
        LOG.info("The sale {} that was open when the till stopped is back ({} lines)", id, kept.lines().size());
        return true;
    }

    /** The payments taken whose sale was never finished, still waiting, oldest first. */
    public List<UnfinishedPayment> unfinished() {
        return List.copyOf(unfinished);
    }

    /** The payment recovery (finish, refund); call it off the UI thread. */
    public PaymentRecovery payments() {
        return payments;
    }

    /** {@code payment} was finished or refunded: it leaves the list. UI thread. */
    public void settled(UnfinishedPayment payment) {
        if (unfinished.removeIf(p -> p.paymentId().equals(payment.paymentId()))) {
            changed();
        }
    }

    /** Hears each change of {@link #unfinished()}; close the answer to stop. */
    public AutoCloseable onUnfinished(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void changed() {
        for (Runnable listener : listeners) {
            listener.run();
        }
    }

    // ---------------------------------------------------------------- park and recall on this till

    /**
     * Ctrl+H: parks the open sale on this till (an audit entry SALE_PARKED goes with it) and starts a new
     * sale; said so. Nothing happens, and the clerk is told why, when there is nothing to park.
     *
     * @return the parked sale, or empty
     */
    public Optional<SaleSnapshot> park() {
        Sale sale = checkout.setAside();
        if (sale == null) {
            checkout.say(MessageKind.ERROR, "park.nothing");
            return Optional.empty();
        }
        AuditEntry parkedEntry = new AuditEntry(AuditKind.SALE_PARKED, clock.instant(), sale.clerkId().orElse(null), null,
                sale.id().value(), sale.total().minorUnits(), null);
        sale.audit(parkedEntry);
        SaleSnapshot snapshot = SaleSnapshot.of(sale, tillId, List.of(), clock.instant());
        try {
            store.park(snapshot);
        } catch (RuntimeException e) {
            LOG.error("Could not park sale {}; it is back on the counter", sale.id(), e);
            checkout.takeUp(snapshot.toSale(), checkout.text().format("park.failed"));
            return Optional.empty();
        }
        LOG.info("Sale {} parked on this till ({} lines)", sale.id(), sale.lines().size());
        try {
            // a parked sale that is never recalled still leaves its trace in the journal (and the store's till_events)
            journal.appendRecord(new pos.core.audit.TillEvent(new pos.core.sale.TransactionId.Generator(clock).next().value(),
                    tillId, sale.shiftId().orElse(null), parkedEntry));
        } catch (RuntimeException e) {
            LOG.error("The parking of sale {} could not be journaled as a till event; the sale itself is parked", sale.id(), e);
        }
        if (hub == null) {
            checkout.say(MessageKind.INFO, "park.parkedHere", sale.lines().size());
            return Optional.of(snapshot);
        }
        // Kept on this till first (durable at once); then handed to the store, and taken off this till once the hub has it.
        checkout.say(MessageKind.INFO, "park.parkedSending", sale.lines().size());
        int lines = sale.lines().size();
        background.execute(() -> {
            boolean inStore;
            try {
                hub.parkSale(snapshot);
                store.takeParked(snapshot.transactionId());
                inStore = true;
            } catch (RuntimeException e) {
                LOG.warn("Sale {} stays parked on this till only: the hub did not take it", snapshot.transactionId(), e);
                inStore = false;
            }
            boolean stored = inStore;
            ui.execute(() -> checkout.say(MessageKind.INFO, stored ? "park.parkedStore" : "park.parkedHere", lines));
        });
        return Optional.of(snapshot);
    }

    /** The sales parked on this till, oldest first. */
    public List<SqliteOpenSales.Parked> parked() {
        return store.parked();
    }

    /**
     * Recalls the parked sale {@code transactionId} onto the counter (an audit entry SALE_RECALLED goes
     * with it). Refused, with the reason said, when another sale is on the counter or it was recalled already.
     */
    public boolean recall(String transactionId) {
        if (!checkout.counterFree()) {
            checkout.say(MessageKind.ERROR, "park.recall.busy");
            return false;
        }
        Optional<SaleSnapshot> taken = store.takeParked(transactionId);
        if (taken.isEmpty()) {
            checkout.say(MessageKind.ERROR, "park.recall.gone");
            return false;
        }
        Sale sale = taken.get().toSale();
        sale.audit(new AuditEntry(AuditKind.SALE_RECALLED, clock.instant(), recallingClerk(sale), null,
                sale.id().value(), sale.total().minorUnits(), tillId));
        checkout.takeUp(sale, checkout.text().format("park.recalled", sale.lines().size()));
        return true;
    }

    /**
     * The sales parked in the store through the hub, oldest first (a hub call: off the UI thread).
     *
     * @throws pos.sync.pay.UnableToReachHubException when the hub cannot be asked
     * @throws IllegalStateException when this till parks through no hub
     */
    public List<pos.contract.hub.ParkedSaleEntry> parkedInStore() {
        if (hub == null) {
            throw new IllegalStateException("this till parks sales through no hub");
        }
        return hub.parkedSales();
    }

    /**
     * Recalls the sale {@code transactionId} parked in the store: the hub gives it to one till only; the answer
     * comes back to {@code done} on the UI thread (true: it is on the counter; false: refused, and the clerk is told why).
     */
    public void recallFromStore(String transactionId, java.util.function.Consumer<Boolean> done) {
        if (hub == null || !checkout.counterFree()) {
            checkout.say(MessageKind.ERROR, hub == null ? "park.recall.gone" : "park.recall.busy");
            done.accept(false);
            return;
        }
        background.execute(() -> {
            pos.sync.hub.HubClient.Recall recall;
            try {
                recall = hub.recallParked(transactionId);
            } catch (RuntimeException e) {
                LOG.warn("Could not recall sale {} through the hub", transactionId, e);
                ui.execute(() -> {
                    checkout.say(MessageKind.ERROR, "park.recall.offline");
                    done.accept(false);
                });
                return;
            }
            pos.sync.hub.HubClient.Recall answered = recall;
            ui.execute(() -> done.accept(takeUpRecalled(transactionId, answered)));
        });
    }

    private boolean takeUpRecalled(String transactionId, pos.sync.hub.HubClient.Recall recall) {
        if (recall instanceof pos.sync.hub.HubClient.Recall.Refused refused) {
            LOG.info("Recall of sale {} refused by the hub: {}", transactionId, refused.sentence());
            checkout.show(MessageKind.ERROR, checkout.text().format("park.recall.refused", refused.sentence()));
            return false;
        }
        SaleSnapshot snapshot = ((pos.sync.hub.HubClient.Recall.Recalled) recall).sale();
        Sale sale = snapshot.toSale();
        sale.audit(new AuditEntry(AuditKind.SALE_RECALLED, clock.instant(), recallingClerk(sale), null,
                sale.id().value(), sale.total().minorUnits(), tillId));
        if (!checkout.takeUp(sale, checkout.text().format("park.recalledFrom", sale.lines().size(), snapshot.tillId()))) {
            // the hub gave it to this till but the counter filled meanwhile: keep it here, parked, not lost
            store.park(SaleSnapshot.of(sale, tillId, List.of(), clock.instant()));
            checkout.say(MessageKind.ERROR, "park.recall.keptHere");
            return false;
        }
        return true;
    }

    /** Who recalls a sale: the clerk signed in now, else the one who parked it. */
    private String recallingClerk(Sale sale) {
        return checkout.clerk().clerkId().orElse(sale.clerkId().orElse(null));
    }

    /** Stops keeping the open sale (what is pending is written), and closes the store when it opened it. UI thread. */
    @Override
    public void close() {
        keeper.close();
        listeners.clear();
        if (ownsStore) {
            store.close();
        }
    }
}
