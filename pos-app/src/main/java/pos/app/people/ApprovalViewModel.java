package pos.app.people;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.biometric.ScanPrompt;
import pos.core.people.Approval;
import pos.core.people.ApprovalRequiredException;
import pos.core.people.Authority;
import pos.core.people.Clerk;
import pos.core.people.GuardedAction;
import pos.core.people.NotASupervisorException;
import pos.core.people.PersonKind;
import pos.core.people.PinSignIn;
import pos.core.people.SignInRefusedException;
import pos.core.people.SignedIn;
import pos.sync.people.TillPeople;

/**
 * The supervisor approval over the sell screen: a void, a sale cancel, a refund or a price override by a
 * cashier waits here until a supervisor places a finger on the reader or picks their name (Alt+1…9) and types
 * their PIN. The {@link Authority} decides: a cashier's finger is refused with their name. A signed-in
 * supervisor approves their own action without the overlay. Esc gives up. UI thread only.
 */
public final class ApprovalViewModel implements pos.app.checkout.Supervision {

    private static final Logger LOG = LoggerFactory.getLogger(ApprovalViewModel.class);

    private final TillPeople people;
    private final PinSignIn pinSignIn;
    private final Authority authority;
    private final Fingerprints fingerprints;
    private final Supplier<SignedIn> shift;
    private final PeopleText words;
    private final MessageLine line;
    private final TaskExecutor background;
    private final UiThread ui;
    private final ScanLoop scanLoop;

    private final BooleanProperty shown = new SimpleBooleanProperty(false);
    private final StringProperty actionText = new SimpleStringProperty("");
    private final StringProperty subjectText = new SimpleStringProperty("");
    private final ObservableList<ClerkTile> supervisors = FXCollections.observableArrayList();
    private final ObjectProperty<ClerkTile> selected = new SimpleObjectProperty<>();
    private final StringProperty fingerText = new SimpleStringProperty("");
    /** The reader's state when it cannot take a finger, in normal type; "" when it is ready. */
    private final StringProperty readerText = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final PinEntry pin = new PinEntry();
    /** Issue 16: what the face reader asks for, or "" (then nothing about face is shown). */
    private final StringProperty faceText = new SimpleStringProperty("");

    private GuardedAction action;
    /** Issue 16: the money at stake of the action waiting, in minor units. */
    private long amountMinor;
    /** Issue 16: the webcam's face reader watching ({@link #useFace}), or null: face is off. */
    private FaceWatch face;
    private long facePinAboveMinor;
    private String facePinAboveText = "";
    /** Issue 16: the supervisor whose face matched on an amount above pos.face.pinAbove: their PIN is needed too. */
    private Clerk faceApprover;
    private String subject;
    private Consumer<Approval> onApproved;
    private Consumer<String> onDeclined;
    /** The intro sentence last shown, so a reader coming or going changes it only while nothing else was said. */
    private String intro = "";

    public ApprovalViewModel(TillPeople people, PinSignIn pinSignIn, Authority authority, Fingerprints fingerprints,
            Supplier<SignedIn> shift, java.util.ResourceBundle text, java.util.Locale locale, TaskExecutor background,
            UiThread ui) {
        this.people = Objects.requireNonNull(people, "people");
        this.pinSignIn = Objects.requireNonNull(pinSignIn, "pinSignIn");
        this.authority = Objects.requireNonNull(authority, "authority");
        this.fingerprints = Objects.requireNonNull(fingerprints, "fingerprints");
        this.shift = Objects.requireNonNull(shift, "shift");
        this.words = new PeopleText(text, locale);
        this.line = new MessageLine(words);
        this.background = background;
        this.ui = ui;
        this.scanLoop = new ScanLoop(fingerprints, PersonKind.CLERK, ui, new ScanLoop.Listener() {
            @Override
            public void matched(String clerkId) {
                fingerMatched(clerkId);
            }

            @Override
            public void noMatch() {
                say(true, "approval.finger.noMatch");
            }

            @Override
            public void failed(Throwable cause, boolean again) {
                error(words.failure(cause));
            }
        });
    }

    /**
     * Issue 16: a supervisor's face approves too, whenever {@code faces} is ready; for an action whose money at stake
     * is above {@code pinAboveMinor} (or always when it is 0) the face only picks the supervisor, whose PIN is then
     * needed as well ({@code pinAboveText} is that amount for the clerk): a photo of the supervisor could be held up
     * to the camera, and face recognition has no liveness check.
     */
    public void useFace(Fingerprints faces, long pinAboveMinor, String pinAboveText) {
        if (face != null) {
            face.stop();
        }
        this.facePinAboveMinor = pinAboveMinor;
        this.facePinAboveText = Objects.requireNonNull(pinAboveText, "pinAboveText");
        this.face = new FaceWatch(faces, PersonKind.CLERK, words, "approval.face.ready", ui, faceText, new ScanLoop.Listener() {
            @Override
            public void matched(String clerkId) {
                faceMatched(clerkId);
            }

            @Override
            public void noMatch() {
                say(true, "approval.face.noMatch");
            }

            @Override
            public void failed(Throwable cause, boolean again) {
                error(words.faceFailure(cause));
            }
        });
        readerChanged();
    }

    /**
     * Asks for a supervisor's approval of {@code guarded} on {@code onWhat} (e.g. "line 3: Milk 1 L"). A
     * signed-in supervisor approves at once; otherwise the overlay shows until a supervisor approves
     * ({@code approved}) or the clerk gives up ({@code declined} hears the sentence to show). Without the money at
     * stake a supervisor's face never approves alone (issue 16).
     */
    @Override
    public void request(GuardedAction guarded, String approvalSubject, String onWhat, Consumer<Approval> approved,
            Consumer<String> declined) {
        request(guarded, approvalSubject, onWhat, Long.MAX_VALUE, approved, declined);
    }

    /** As {@link #request(GuardedAction, String, String, Consumer, Consumer)}, {@code amountMinor} at stake (issue 16). */
    @Override
    public void request(GuardedAction guarded, String approvalSubject, String onWhat, long amountMinor,
            Consumer<Approval> approved, Consumer<String> declined) {
        SignedIn current = shift.get();
        if (current == null) {
            declined.accept(words.format("approval.nobodySignedIn"));
            return;
        }
        if (current.clerk().role().mayApprove(guarded)) {
            approved.accept(authority.approve(guarded, approvalSubject, current.clerk(), current));
            return;
        }
        if (shown.get()) {
            cancel(); // a new request replaces one that was still waiting
        }
        this.action = guarded;
        this.amountMinor = amountMinor;
        this.faceApprover = null;
        this.subject = approvalSubject;
        this.onApproved = approved;
        this.onDeclined = declined;
        actionText.set(words.format("approval.action", words.format("approval.action." + guarded.name())));
        subjectText.set(onWhat);
        List<Clerk> active = people.clerks().stream().filter(Clerk::active).filter(Clerk::isSupervisor).toList();
        supervisors.setAll(java.util.stream.IntStream.range(0, active.size())
                .mapToObj(i -> new ClerkTile(active.get(i).id(), active.get(i).name(),
                        words.format("role." + active.get(i).role().name()), i < 9 ? "Alt+" + (i + 1) : ""))
                .toList());
        selected.set(null);
        clearPin();
        intro = "";
        line.show(false, "");
        shown.set(true);
        readerChanged();
    }

    /** The reader's state changed: wait for a finger when it can. */
    public void readerChanged() {
        if (face != null && faceApprover == null) {
            face.watch(shown.get()); // issue 16: not while a recognised supervisor types their PIN
        }
        // issue 11: the reader's state once, in the reader line's normal type; the large line only says what to do
        readerText.set(fingerprints.isReady() ? "" : words.readerShort(fingerprints.status()));
        if (!shown.get()) {
            return;
        }
        boolean fingerUsable = fingerprints.isReady() && fingerprints.anyEnrolled(PersonKind.CLERK);
        boolean faceUsable = face != null && face.usable();
        if (fingerUsable) {
            if (!scanLoop.isScanning()) {
                fingerText.set(words.format("approval.finger.ready"));
            }
            scanLoop.start();
        } else {
            scanLoop.stop();
            // issue 16: beside the face line the PIN is the other way, not the only one (the caption offers it)
            fingerText.set(faceUsable ? "" : words.format("approval.finger.pinOnly"));
        }
        // issue 16: the intro names only the ways that work now (finger, face, PIN), and follows them while it shows
        String now = words.format(fingerUsable ? faceUsable ? "approval.intro.fingerOrFace" : "approval.intro"
                : faceUsable ? "approval.intro.face" : "approval.intro.pin");
        if (line.messageProperty().get().equals(intro) && !now.equals(intro)) {
            intro = now;
            line.show(false, now);
        }
    }

    /** A prompt of the reader; any thread. */
    public void prompt(ScanPrompt prompt) {
        ui.execute(() -> {
            // issue 11: never "place your finger" while there is no reader to place it on
            if (shown.get() && fingerprints.isReady()) {
                fingerText.set(words.prompt(prompt));
            }
        });
    }

    /** A prompt of the face reader; any thread. */
    public void facePrompt(ScanPrompt prompt) {
        if (face != null) {
            face.prompt(prompt);
        }
    }

    private void faceMatched(String clerkId) {
        Clerk clerk = people.clerk(clerkId).orElse(null);
        if (clerk == null || !clerk.active()) {
            LOG.warn("a face matched clerk {} who is {} on this till", clerkId, clerk == null ? "unknown" : "inactive");
            say(true, "approval.face.noMatch");
            face.again();
            return;
        }
        boolean pinToo = facePinAboveMinor == 0 || amountMinor > facePinAboveMinor;
        if (!pinToo || !clerk.role().mayApprove(action)) {
            approveBy(clerk, "face"); // a cashier's face is refused there, with their name
            return;
        }
        ClerkTile tile = supervisors.stream().filter(t -> t.clerkId().equals(clerk.id())).findFirst().orElse(null);
        if (tile == null) {
            say(true, "approval.face.noMatch");
            face.again();
            return;
        }
        // a photo could be held up to the camera: above the amount the face only picks the supervisor
        LOG.info("{} ({}) recognised by face for {} above the face limit: PIN asked for too", clerk.name(), clerk.id(), action);
        faceApprover = clerk;
        selected.set(tile);
        clearPin();
        faceText.set(words.format("approval.face.matched", clerk.name()));
        say(false, "approval.face.pinToo", facePinAboveText, clerk.name());
    }

    private void restartFace() {
        if (face != null && faceApprover == null && shown.get()) {
            face.again();
        }
    }

    private void fingerMatched(String clerkId) {
        Clerk clerk = people.clerk(clerkId).orElse(null);
        if (clerk == null) {
            say(true, "approval.finger.noMatch");
            scanLoop.start();
            return;
        }
        approveBy(clerk, "finger");
    }

    private void approveBy(Clerk approver, String how) {
        SignedIn current = shift.get();
        try {
            Approval approval = authority.approve(action, subject, approver, current);
            LOG.info("{} approved by {} ({}) by {} for {}", action, approver.name(), approver.id(), how,
                    current.clerk().id());
            Consumer<Approval> then = onApproved;
            close();
            then.accept(approval);
        } catch (NotASupervisorException e) {
            LOG.info("{} refused as approver of {}: {}", approver.id(), action, e.getMessage());
            say(true, how.equals("face") ? "approval.face.notSupervisor" : "approval.notSupervisor", approver.name(),
                    words.format("approval.action." + action.name()));
            scanLoop.start();
            restartFace();
        } catch (ApprovalRequiredException e) {
            LOG.info("{} cannot approve {}: {}", approver.id(), action, e.getMessage());
            error(words.approvalRequired(e));
            scanLoop.start();
            restartFace();
        }
    }

    // ---------------------------------------------------------------- PIN

    public void selectSupervisor(int index) {
        if (!shown.get() || index < 0 || index >= supervisors.size()) {
            return;
        }
        if (faceApprover != null && !faceApprover.id().equals(supervisors.get(index).clerkId())) {
            faceApprover = null; // another supervisor approves with their own PIN; the face goes on watching
            face.watch(true);
        }
        selected.set(supervisors.get(index));
        clearPin();
        say(false, "approval.pin.prompt", supervisors.get(index).name());
    }

    public void pinDigit(char digit) {
        if (!shown.get() || digit < '0' || digit > '9' || busy.get()) {
            return;
        }
        if (selected.get() == null) {
            say(true, "approval.pin.chooseFirst");
            return;
        }
        pin.add(digit);
    }

    public void pinBackspace() {
        pin.backspace();
    }

    /** Enter: checks the chosen supervisor's PIN off the UI thread, then asks the authority. */
    public void submitPin() {
        ClerkTile chosen = selected.get();
        if (!shown.get() || busy.get()) {
            return;
        }
        if (chosen == null) {
            say(true, "approval.pin.chooseFirst");
            return;
        }
        if (pin.isEmpty()) {
            say(true, "signin.pin.empty", chosen.name());
            return;
        }
        char[] typed = pin.take();
        busy.set(true);
        background.execute(() -> {
            try {
                Clerk approver = pinSignIn.verify(chosen.clerkId(), typed);
                ui.execute(() -> {
                    busy.set(false);
                    if (shown.get()) {
                        approveBy(approver, faceApprover != null && faceApprover.id().equals(approver.id()) ? "face and PIN"
                                : "PIN");
                    }
                });
            } catch (SignInRefusedException e) {
                LOG.info("approval PIN of {} refused: {}", chosen.clerkId(), e.getMessage());
                ui.execute(() -> {
                    busy.set(false);
                    switch (e.reason()) {
                        case WRONG_PIN -> say(true, "signin.refused.WRONG_PIN", chosen.name(), e.triesLeft());
                        default -> error(e.getMessage());
                    }
                });
            } catch (RuntimeException e) {
                LOG.error("approval PIN check of {} failed", chosen.clerkId(), e);
                ui.execute(() -> {
                    busy.set(false);
                    error(words.format("signin.failed", e.getMessage()));
                });
            } finally {
                Arrays.fill(typed, '\0');
            }
        });
    }

    /** Esc: the clerk gives up; the action is not done. */
    public void cancel() {
        if (!shown.get()) {
            return;
        }
        Consumer<String> declined = onDeclined;
        String what = words.format("approval.declined", words.format("approval.action." + action.name()));
        close();
        declined.accept(what);
    }

    private void close() {
        scanLoop.stop();
        faceApprover = null;
        if (face != null) {
            face.stop();
        }
        clearPin();
        shown.set(false);
        onApproved = null;
        onDeclined = null;
    }

    private void clearPin() {
        pin.clear();
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

    public ReadOnlyStringProperty actionTextProperty() {
        return actionText;
    }

    public ReadOnlyStringProperty subjectTextProperty() {
        return subjectText;
    }

    public ObservableList<ClerkTile> supervisors() {
        return supervisors;
    }

    public ReadOnlyObjectProperty<ClerkTile> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty pinDotsProperty() {
        return pin.dotsProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return line.messageProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return line.isErrorProperty();
    }

    public ReadOnlyStringProperty readerTextProperty() {
        return readerText;
    }

    /** Issue 16: what the face reader asks for, or "" (then nothing about face is shown). */
    public ReadOnlyStringProperty faceTextProperty() {
        return faceText;
    }

    public ReadOnlyStringProperty fingerTextProperty() {
        return fingerText;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }
}
