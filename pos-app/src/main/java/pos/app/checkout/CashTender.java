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
import pos.core.sale.TenderType;

/**
 * The cash tender of the checkout and the end of every sale: cash handed over and the change, the
 * rest in cash after a part payment (card, voucher, member), and the journaling of the finished
 * sale through the {@link TaskExecutor}. Not thread-safe: UI thread only.
 */
final class CashTender {

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

    void newSale() {
        cashDue = null;
        change = null;
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
        cashDue = checkout.sale().total();
        change = null;
        cashPrompts++;
        checkout.enterQuietly(CheckoutState.CASH);
        checkout.requestFocus(FocusTarget.TENDER_FIELD);
        checkout.pageShown(pos.core.events.PageIds.TENDER_CASH);
        checkout.say(MessageKind.INFO, "tender.cash.prompt", text.money(checkout.sale().total()));
    }

    /** What the change would be for {@code typed} handed over, or null (not an amount, or not enough). */
    Money changeFor(String typed) {
        if (checkout.state() != CheckoutState.CASH) {
            return null;
        }
        try {
            Money changeDue = Money.parse(typed, currency).minus(checkout.sale().due());
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
            checkout.say(MessageKind.ERROR, "tender.cash.invalid." + e.reason(), CheckoutText.abbreviate(e.input()));
            return;
        }
        if (tendered.isLessThan(checkout.sale().due())) {
            checkout.say(MessageKind.ERROR, "tender.cash.short", text.money(checkout.sale().due().minus(tendered)));
            return;
        }
        if (!checkout.passesRules(TenderType.CASH, checkout.sale().due())) {
            return;
        }
        Tender tender = checkout.sale().payCash(tendered, clock.instant());
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
        cashDue = checkout.sale().due();
        change = null;
        cashPrompts++;
        checkout.enterQuietly(CheckoutState.CASH);
        checkout.requestFocus(FocusTarget.TENDER_FIELD);
        checkout.say(MessageKind.INFO, "tender.rest.prompt", text.money(checkout.sale().due()));
    }

    void noChange() {
        change = null;
    }

    /**
     * Journals a finished sale off the UI thread. Until the journal says it is on disk the sale is
     * not done: a failure keeps it on screen and Enter tries again with the same transaction id.
     */
    void save(SaleRecord record) {
        unsavedRecord = record;
        checkout.enterQuietly(CheckoutState.SAVING);
        checkout.say(MessageKind.INFO, "tender.saving");
        background.execute(() -> {
            try {
                if (!journal.append(record)) {
                    LOG.info("sale {} was already in the journal", record.transactionId());
                }
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
        if (change == null) {
            checkout.say(MessageKind.SUCCESS, "pay.paid", text.money(Money.ofMinor(record.totalMinor(), currency)));
        } else {
            checkout.say(MessageKind.SUCCESS, "tender.paid", text.money(change));
        }
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
