package pos.app.checkout;

import java.time.Clock;
import java.util.Currency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.journal.JournalWriteException;
import pos.core.journal.SaleJournal;
import pos.core.money.Money;
import pos.core.money.MoneyFormatException;
import pos.core.sale.SaleException;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.Tender;
import pos.core.sale.TenderLimits;
import pos.core.sale.TenderType;
import pos.core.sale.TenderVerdict;

/**
 * The cash tender of the checkout and the end of every sale: cash handed over and the change, the
 * rest in cash after a part payment (card, voucher, member), and the journaling of the finished
 * sale through the {@link TaskExecutor}. A tender far beyond any plausible amount ({@link TenderLimits})
 * waits for the clerk to confirm it; a message about the typed amount never outlives the amount.
 * Not thread-safe: UI thread only.
 */
public final class CashTender {

    private static final Logger LOG = LoggerFactory.getLogger(CashTender.class);

    private final Checkout checkout;
    private final CheckoutText text;
    private final SaleJournal journal;
    private final Clock clock;
    private final String tillId;
    private final Currency currency;
    private final TaskExecutor background;
    private final UiThread ui;
    private SaleRecord unsavedRecord;
    private Money cashDue;
    private Money change;
    private int cashPrompts;
    private TenderLimits limits = TenderLimits.DEFAULT;
    private pos.core.sale.CashRounding rounding = pos.core.sale.CashRounding.OFF;
    /** The implausible tender waiting for the clerk's second Enter, or null. */
    private Money confirmTendered;
    private TenderVerdict.Confirm toConfirm;
    /** The sentence last said about the typed amount (still on screen while it equals the message), or null. */
    private String amountMessage;

    CashTender(Checkout checkout, CheckoutText text, SaleJournal journal, Clock clock, String tillId, Currency currency,
            TaskExecutor background, UiThread ui) {
        this.checkout = checkout;
        this.text = text;
        this.journal = journal;
        this.clock = clock;
        this.tillId = tillId;
        this.currency = currency;
        this.background = background;
        this.ui = ui;
    }

    Money due() { return cashDue; }
    Money change() { return change; }
    int prompts() { return cashPrompts; }

    /** The store's setting of how much change is plausible (default: {@link TenderLimits#DEFAULT}). */
    public void use(TenderLimits tenderLimits) {
        this.limits = java.util.Objects.requireNonNull(tenderLimits, "tenderLimits");
    }

    /** The store's cash rounding ({@code pos.cash.rounding}; default off): the whole rest paid in cash is rounded. */
    public void use(pos.core.sale.CashRounding cashRounding) {
        this.rounding = java.util.Objects.requireNonNull(cashRounding, "cashRounding");
    }

    /** What is due in cash now: the amount due rounded with the store's cash rounding. */
    public Money roundedDue() {
        return rounding.round(checkout.sale().due());
    }

    /** The cash rounding on the amount due now (rounded minus exact; zero when off or not rounded). */
    public Money roundingNow() {
        return rounding.adjustment(checkout.sale().due());
    }

    /** The implausible tender the clerk is asked to confirm (Enter again) or correct (Esc, or typing), or null. */
    public TenderVerdict.Confirm toConfirm() { return toConfirm; }

    /** The amount received that waits for confirmation, or null. */
    public Money tenderedToConfirm() { return confirmTendered; }

    /**
     * The clerk changed the amount received: a confirmation asked for another amount is withdrawn,
     * and a message about the amount (short, not an amount, the prompt) is said afresh for the new one.
     */
    public void typed(String typed) {
        if (checkout.state() != CheckoutState.CASH) {
            return;
        }
        boolean withdrawn = toConfirm != null;
        clearConfirm();
        if (withdrawn || amountMessage != null && amountMessage.equals(checkout.message())) {
            Money changeDue = changeFor(typed);
            if (changeDue == null) {
                sayAboutAmount(MessageKind.INFO, "tender.cash.prompt", text.money(roundedDue()));
            } else {
                sayAboutAmount(MessageKind.INFO, "tender.cash.ready", text.money(changeDue));
            }
        }
    }

    /** Esc while a confirmation is asked: back to the amount, to correct it. True if there was one. */
    boolean cancelConfirm() {
        if (toConfirm == null) {
            return false;
        }
        clearConfirm();
        sayAboutAmount(MessageKind.INFO, "tender.cash.correct", text.money(roundedDue()));
        checkout.requestFocus(FocusTarget.TENDER_FIELD);
        return true;
    }

    private void clearConfirm() {
        toConfirm = null;
        confirmTendered = null;
    }

    private void sayAboutAmount(MessageKind kind, String key, Object... args) {
        amountMessage = text.format(key, args);
        checkout.show(kind, amountMessage);
    }

    void newSale() {
        cashDue = null;
        change = null;
        clearConfirm();
        amountMessage = null;
    }

    /** Another tender's panel shows what is due now. */
    void dueNow() {
        cashDue = checkout.sale().due();
    }

    // ---------------------------------------------------------------- cash tender

    /** F9: open the cash panel for the amount due. */
    void open() {
        if (checkout.state() == CheckoutState.CASH) {
            checkout.requestFocus(FocusTarget.TENDER_FIELD);
            return;
        }
        if (checkout.state() != CheckoutState.CART) {
            return;
        }
        try {
            checkout.sale().beginTender();
        } catch (SaleException e) {
            checkout.cart().refuse(e);
            return;
        }
        cashDue = roundedDue();
        change = null;
        cashPrompts++;
        checkout.enterQuietly(CheckoutState.CASH);
        checkout.requestFocus(FocusTarget.TENDER_FIELD);
        checkout.pageShown(pos.core.events.PageIds.TENDER_CASH);
        sayAboutAmount(MessageKind.INFO, "tender.cash.prompt", text.money(roundedDue()));
    }

    /** What the change would be for {@code typed} handed over, or null (not an amount, or not enough). */
    Money changeFor(String typed) {
        if (checkout.state() != CheckoutState.CASH) {
            return null;
        }
        try {
            Money changeDue = Money.parse(typed, currency).minus(roundedDue());
            return changeDue.isNegative() ? null : changeDue;
        } catch (MoneyFormatException e) {
            return null;
        }
    }

    /** Enter in the cash panel: the rule pre-check (R13), then the cash is taken, the sale journaled and the change shown. */
    void pay(String typed) {
        if (checkout.state() == CheckoutState.SAVE_FAILED) {
            save(unsavedRecord);
            return;
        }
        if (checkout.state() != CheckoutState.CASH) {
            return;
        }
        checkout.clicked(pos.core.events.ElementIds.CASH_CONFIRM);
        Money tendered;
        try {
            tendered = Money.parse(typed, currency);
        } catch (MoneyFormatException e) {
            clearConfirm();
            sayAboutAmount(MessageKind.ERROR, "tender.cash.invalid." + e.reason(), CheckoutText.abbreviate(e.input()));
            return;
        }
        if (!checkout.sale().due().isPositive()) {
            LOG.error("the cash panel took an amount with nothing due on sale {}", checkout.sale().id().value());
            partPaid();
            return;
        }
        TenderVerdict verdict = limits.check(roundedDue(), tendered);
        if (verdict instanceof TenderVerdict.Refuse refused) {
            clearConfirm();
            sayAboutAmount(MessageKind.ERROR, "tender.cash.refused." + refused.reason(), text.money(refused.shortBy()));
            return;
        }
        if (verdict instanceof TenderVerdict.Confirm confirm && !tendered.equals(confirmTendered)) {
            toConfirm = confirm;
            confirmTendered = tendered;
            sayAboutAmount(MessageKind.ERROR, "tender.cash.confirm", text.money(tendered), text.money(confirm.change()),
                    text.money(confirm.plausibleChange()));
            checkout.requestFocus(FocusTarget.TENDER_FIELD);
            return;
        }
        clearConfirm();
        if (!checkout.passesRules(TenderType.CASH, roundedDue())) {
            return;
        }
        Tender tender = checkout.sale().payCash(tendered, rounding, clock.instant());
        change = tender.change();
        save(SaleRecord.of(checkout.sale(), tillId));
    }

    /** After a part payment: journals the sale when nothing is due any more, else asks for the rest in cash. */
    void partPaid() {
        if (checkout.sale().state() == SaleState.PAID) {
            save(SaleRecord.of(checkout.sale(), tillId));
        } else {
            forRest();
        }
    }

    void forRest() {
        cashDue = roundedDue();
        change = null;
        cashPrompts++;
        checkout.enterQuietly(CheckoutState.CASH);
        checkout.requestFocus(FocusTarget.TENDER_FIELD);
        checkout.pageShown(pos.core.events.PageIds.TENDER_CASH); // the cash panel shows for the rest (issue 12 point 8)
        checkout.say(MessageKind.INFO, "tender.rest.prompt", text.money(roundedDue()));
    }

    void noChange() {
        change = null;
    }

    /**
     * Journals a finished sale off the UI thread. Until the journal says it is on disk the sale is
     * not done: a failure keeps it on screen and Enter tries again with the same transaction id.
     */
    void save(SaleRecord finished) {
        SaleRecord record = checkout.inOpenShift(finished); // issue 12: sold in the open shift
        unsavedRecord = record;
        checkout.enterQuietly(CheckoutState.SAVING);
        checkout.say(MessageKind.INFO, "tender.saving");
        background.execute(() -> {
            try {
                if (!journal.append(record)) {
                    LOG.info("sale {} was already in the journal", record.transactionId());
                }
                checkout.journaled(record); // issue 12: the receipt is queued only now, after the append
                ui.execute(() -> saved(record));
            } catch (JournalWriteException e) {
                LOG.error("journal write failed for sale {}", record.transactionId(), e);
                ui.execute(() -> saveFailed(e));
            } catch (RuntimeException e) {
                LOG.error("unexpected failure journaling sale {}", record.transactionId(), e);
                ui.execute(() -> saveFailed(e));
            }
        });
    }

    private void saved(SaleRecord record) {
        unsavedRecord = null;
        if (record.state() == SaleState.CANCELLED) {
            checkout.startNewSale();
            checkout.say(MessageKind.INFO, "sell.cancelled");
            return;
        }
        checkout.payments().drop();
        checkout.enterQuietly(CheckoutState.PAID);
        checkout.requestFocus(FocusTarget.SCAN_FIELD);
        if (checkout.sale().tenders().size() > 1) {
            checkout.say(MessageKind.SUCCESS, "tender.split.paid", paidText());
        } else if (change == null) {
            checkout.say(MessageKind.SUCCESS, "pay.paid", text.money(Money.ofMinor(record.totalMinor(), currency)));
        } else {
            checkout.say(MessageKind.SUCCESS, "tender.paid", text.money(change));
        }
    }

    /**
     * Every tender of the sale with the amount it paid, and the change: "card €20.00 + cash €5.00,
     * change €0.50" (issue 11 defect 5). The amounts add up to the total.
     */
    public String paidText() {
        StringBuilder tenders = new StringBuilder();
        Money changeGiven = Money.zero(currency);
        for (Tender tender : checkout.sale().tenders()) {
            if (tenders.length() > 0) {
                tenders.append(text.format("tender.split.join"));
            }
            tenders.append(text.format("tender.split.part", text.format("tender.name." + tender.type()),
                    text.money(tender.amount())));
            changeGiven = changeGiven.plus(tender.change());
        }
        return changeGiven.isPositive() ? text.format("tender.split.withChange", tenders, text.money(changeGiven))
                : tenders.toString();
    }

    private void saveFailed(RuntimeException e) {
        checkout.enterQuietly(CheckoutState.SAVE_FAILED);
        checkout.say(MessageKind.ERROR, "tender.saveFailed", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    // ---------------------------------------------------------------- member pay (people)

    /** Whether the member can pay now (cart or cash panel, something due). */
    boolean canTakeMemberPay() {
        return (checkout.state() == CheckoutState.CART || checkout.state() == CheckoutState.CASH)
                && !checkout.sale().isEmpty() && checkout.sale().due().isPositive();
    }

    /**
     * The member's stored value paid {@code amount} (already debited under this sale's id, {@code reference}):
     * the sale is paid (journaled) or the rest is due in cash.
     */
    void paidByMember(String saleId, Money amount, String reference) {
        if (!saleId.equals(checkout.sale().id().value())) {
            LOG.error("a member payment for sale {} arrived while sale {} is open; it stays in the member ledger", saleId,
                    checkout.sale().id().value());
            checkout.say(MessageKind.ERROR, "member.staleSale", text.money(amount));
            return;
        }
        if (checkout.state() == CheckoutState.CART) {
            checkout.sale().beginTender();
        }
        checkout.sale().payPart(TenderType.MEMBER, amount, reference, clock.instant());
        change = null;
        partPaid();
    }
}
