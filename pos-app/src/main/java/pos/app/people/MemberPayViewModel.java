package pos.app.people;

import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.checkout.Checkout;
import pos.app.checkout.MessageKind;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.biometric.ScanPrompt;
import pos.core.money.Money;
import pos.core.people.DebitResult;
import pos.core.people.Member;
import pos.core.people.PersonKind;
import pos.core.people.StoredValue;
import pos.core.sale.TenderType;
import pos.sync.people.TillPeople;

/**
 * Member pay (Ctrl+M): the member places a finger, the till finds them among every enrolled member (1:N),
 * shows their name and stored-value balance, and Enter takes what is due (or the whole balance when it is
 * less; the rest is paid another way) from the store's ledger under the sale's transaction id, so a retry
 * never takes it twice. Ledger calls run on the background executor. UI thread only.
 */
public final class MemberPayViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(MemberPayViewModel.class);

    private final Fingerprints fingerprints;
    private final TillPeople people;
    private final StoredValue storedValue;
    private final Checkout checkout;
    private final String tillId;
    private final MoneyFormat money;
    private final PeopleText words;
    private final MessageLine line;
    private final TaskExecutor background;
    private final UiThread ui;
    private final ScanLoop scanLoop;

    private final BooleanProperty shown = new SimpleBooleanProperty(false);
    private final StringProperty memberText = new SimpleStringProperty("");
    private final StringProperty balanceText = new SimpleStringProperty("");
    private final StringProperty payText = new SimpleStringProperty("");
    private final BooleanProperty canPay = new SimpleBooleanProperty(false);
    private final StringProperty fingerText = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    /** Issue 16: what the face reader asks for, or "" (then nothing about face is shown). */
    private final StringProperty faceText = new SimpleStringProperty("");
    /** Issue 16: the webcam's face reader watching ({@link #useFace}), or null: face is off. */
    private FaceWatch face;

    private Member member;
    /** The intro sentence last shown, so a reader coming or going changes it only while nothing else was said. */
    private String intro = "";
    private Money amount;
    private String saleId;

    /** {@code storedValue} is null on a till without the store's Redis: member pay then says it cannot. */
    public MemberPayViewModel(Fingerprints fingerprints, TillPeople people, StoredValue storedValue, Checkout checkout,
            String tillId, MoneyFormat money, java.util.ResourceBundle text, TaskExecutor background, UiThread ui) {
        this.fingerprints = Objects.requireNonNull(fingerprints, "fingerprints");
        this.people = Objects.requireNonNull(people, "people");
        this.storedValue = storedValue;
        this.checkout = Objects.requireNonNull(checkout, "checkout");
        this.tillId = Objects.requireNonNull(tillId, "tillId");
        this.money = Objects.requireNonNull(money, "money");
        this.words = new PeopleText(text, money.locale());
        this.line = new MessageLine(words);
        this.background = background;
        this.ui = ui;
        this.scanLoop = new ScanLoop(fingerprints, PersonKind.MEMBER, ui, new ScanLoop.Listener() {
            @Override
            public void matched(String memberId) {
                found(memberId);
            }

            @Override
            public void noMatch() {
                say(true, "member.finger.noMatch");
            }

            @Override
            public void failed(Throwable cause, boolean again) {
                error(words.failure(cause));
            }
        });
    }

    /**
     * Issue 16: a member's face is looked for too whenever {@code faces} is ready; a match shows the member's name and
     * balance for the clerk to confirm (Enter), exactly as a finger does. Nothing about face shows while it is not ready.
     */
    public void useFace(Fingerprints faces) {
        if (face != null) {
            face.stop();
        }
        face = new FaceWatch(faces, PersonKind.MEMBER, words, "member.face.ready", ui, faceText, new ScanLoop.Listener() {
            @Override
            public void matched(String memberId) {
                scanLoop.stop(); // one member at a time: the finger waits no more
                found(memberId);
            }

            @Override
            public void noMatch() {
                say(true, "member.face.noMatch");
            }

            @Override
            public void failed(Throwable cause, boolean again) {
                error(words.faceFailure(cause));
            }
        });
        readerChanged();
    }

    /** A prompt of the face reader; any thread. */
    public void facePrompt(ScanPrompt prompt) {
        if (face != null) {
            face.prompt(prompt);
        }
    }

    /** Ctrl+M: opens member pay for what the open sale still owes. */
    public void open() {
        if (shown.get()) {
            return;
        }
        if (!checkout.canTakeMemberPay()) {
            checkout.say(MessageKind.INFO, "member.nothingDue");
            return;
        }
        member = null;
        amount = null;
        saleId = checkout.sale().id().value();
        memberText.set("");
        balanceText.set("");
        payText.set("");
        faceText.set("");
        canPay.set(false);
        shown.set(true);
        if (storedValue == null) {
            say(true, "member.noLedger");
            fingerText.set("");
            return;
        }
        intro = "";
        line.show(false, "");
        readerChanged();
    }

    /** The reader's state changed: wait for a member's finger when it can. */
    public void readerChanged() {
        if (face != null && member == null) {
            face.watch(shown.get() && storedValue != null);
        }
        if (!shown.get() || member != null || storedValue == null) {
            return;
        }
        boolean fingerUsable = fingerprints.isReady() && fingerprints.anyEnrolled(PersonKind.MEMBER);
        boolean faceUsable = face != null && face.usable();
        if (fingerUsable) {
            if (!scanLoop.isScanning()) {
                fingerText.set(words.format("member.finger.ready"));
            }
            scanLoop.start();
        } else {
            scanLoop.stop();
            // issue 16: while the face works the finger line is not needed; the reader's state never says "sign in"
            fingerText.set(faceUsable ? "" : fingerprints.isReady() ? words.format("finger.nobody.MEMBER")
                    : words.readerShort(fingerprints.status()));
        }
        // issue 16: the intro names what recognises the member now (finger and/or face), nothing else
        String now = words.format(fingerUsable ? faceUsable ? "member.intro.fingerOrFace" : "member.intro"
                : faceUsable ? "member.intro.face" : "member.intro.none", money.format(checkout.sale().due()));
        if (line.messageProperty().get().equals(intro) && !now.equals(intro)) {
            intro = now;
            line.show(false, now);
        }
    }

    /** A prompt of the reader; any thread. */
    public void prompt(ScanPrompt prompt) {
        ui.execute(() -> {
            if (shown.get() && member == null) {
                fingerText.set(words.prompt(prompt));
            }
        });
    }

    private void found(String memberId) {
        Optional<Member> known = people.member(memberId);
        if (known.isEmpty() || !known.get().active()) {
            LOG.warn("a finger or face matched member {} who is {} here", memberId, known.isEmpty() ? "unknown" : "inactive");
            say(true, "member.inactive");
            readerChanged(); // both wait again
            return;
        }
        Member matched = known.get();
        member = matched;
        if (face != null) {
            face.stop(); // one member at a time: the face waits no more
        }
        memberText.set(matched.name());
        fingerText.set(words.format("member.finger.matched"));
        busy.set(true);
        say(false, "member.balance.reading");
        background.execute(() -> {
            try {
                long balance = storedValue.balance(matched.id()).orElse(0L);
                ui.execute(() -> {
                    busy.set(false);
                    showBalance(matched, balance);
                });
            } catch (RuntimeException e) {
                LOG.error("could not read the balance of member {}", matched.id(), e);
                ui.execute(() -> {
                    busy.set(false);
                    say(true, "member.balance.unavailable", e.getMessage());
                });
            }
        });
    }

    private void showBalance(Member matched, long balanceMinor) {
        if (!shown.get() || member != matched) {
            return;
        }
        Money due = checkout.sale().due();
        Money balance = Money.ofMinor(balanceMinor, due.currency());
        balanceText.set(words.format("member.balance", money.format(balance)));
        if (balanceMinor <= 0) {
            canPay.set(false);
            say(true, "member.balance.empty", matched.name());
            return;
        }
        amount = balance.isLessThan(due) ? balance : due;
        payText.set(words.format(amount.equals(due) ? "member.pay.all" : "member.pay.part", money.format(amount),
                money.format(due.minus(amount))));
        canPay.set(true);
        say(false, "member.pay.prompt");
    }

    /** Enter: takes the amount from the member's balance under the sale's id, then pays the sale with it. */
    public void confirm() {
        if (!shown.get() || !canPay.get() || busy.get()) {
            return;
        }
        if (!saleId.equals(checkout.sale().id().value())) {
            say(true, "member.staleSale", money.format(amount));
            return;
        }
        if (!checkout.passesRules(TenderType.MEMBER, amount)) {
            close(); // the rule popup shows what to fix; the member pays again after that
            return;
        }
        Member paying = member;
        Money taking = amount;
        String forSale = saleId;
        busy.set(true);
        say(false, "member.paying");
        background.execute(() -> {
            DebitResult result;
            try {
                result = storedValue.debit(paying.id(), forSale, taking.minorUnits(), tillId);
            } catch (RuntimeException e) {
                LOG.error("member debit of {} for sale {} failed", paying.id(), forSale, e);
                ui.execute(() -> {
                    busy.set(false);
                    say(true, "member.failed", e.getMessage());
                });
                return;
            }
            DebitResult answered = result;
            ui.execute(() -> debited(answered, paying, taking, forSale));
        });
    }

    private void debited(DebitResult result, Member paying, Money taking, String forSale) {
        busy.set(false);
        LOG.info("member debit {} of {} for sale {}: {}", taking.minorUnits(), paying.id(), forSale, result.outcome());
        if (!result.isSuccess()) {
            canPay.set(result.outcome() == DebitResult.Outcome.UNAVAILABLE);
            say(true, "member.refused." + result.outcome().name(), paying.name(),
                    result.balanceMinor() < 0 ? "" : money.format(Money.ofMinor(result.balanceMinor(), taking.currency())));
            return;
        }
        close();
        // the member's id (32 characters) is the tender's reference: the tender type already says MEMBER, and the store's
        // archive keeps at most 32 ASCII characters there (sale_tenders.reference): a longer one sent the sale to dead letters
        checkout.paidByMember(forSale, taking, paying.id());
    }

    /** Esc: member pay is closed; nothing was taken. */
    public void cancel() {
        if (shown.get() && !busy.get()) {
            close();
            checkout.say(MessageKind.INFO, "member.cancelled");
        }
    }

    private void close() {
        scanLoop.stop();
        if (face != null) {
            face.stop();
        }
        shown.set(false);
        canPay.set(false);
    }

    private void say(boolean isError, String key, Object... args) {
        line.say(isError, key, args);
    }

    private void error(String sentence) {
        line.error(sentence);
    }

    public ReadOnlyBooleanProperty shownProperty() {
        return shown;
    }

    public ReadOnlyStringProperty memberTextProperty() {
        return memberText;
    }

    public ReadOnlyStringProperty balanceTextProperty() {
        return balanceText;
    }

    public ReadOnlyStringProperty payTextProperty() {
        return payText;
    }

    public ReadOnlyBooleanProperty canPayProperty() {
        return canPay;
    }

    /** Issue 16: what the face reader asks for, or "" (then nothing about face is shown). */
    public ReadOnlyStringProperty faceTextProperty() {
        return faceText;
    }

    public ReadOnlyStringProperty fingerTextProperty() {
        return fingerText;
    }

    public ReadOnlyStringProperty messageProperty() {
        return line.messageProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return line.isErrorProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }
}
