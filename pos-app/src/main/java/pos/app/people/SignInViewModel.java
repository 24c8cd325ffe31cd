package pos.app.people;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
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
import pos.core.biometric.ReaderStatus;
import pos.core.people.Clerk;
import pos.core.people.InvalidPinException;
import pos.core.people.PersonKind;
import pos.core.people.PinSignIn;
import pos.core.people.Role;
import pos.core.people.SignInRefusedException;
import pos.core.people.SignedIn;
import pos.sync.people.TillPeople;

/**
 * The sign-in screen's state: the store's active clerks (Alt+1…9 picks one), the PIN typed as dots, and the
 * fingerprint reader waiting for any enrolled clerk's finger while the screen shows. A match or a right PIN
 * signs the clerk in ({@link SignedIn}) and hands the shift to the till. A store without clerks makes its
 * first supervisor here. PIN checks (PBKDF2) and saves run on the background executor. UI thread only.
 */
public final class SignInViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(SignInViewModel.class);
    private final TillPeople people;
    private final PinSignIn pinSignIn;
    private final Fingerprints fingerprints;
    private final Clock clock;
    private final String tillId;
    private final PeopleText words;
    private final MessageLine line;
    private final TaskExecutor background;
    private final UiThread ui;
    private final Consumer<SignedIn> onSignedIn;
    private final ScanLoop scanLoop;

    private final BooleanProperty shown = new SimpleBooleanProperty(false);
    private final ObservableList<ClerkTile> clerks = FXCollections.observableArrayList();
    private final ObjectProperty<ClerkTile> selected = new SimpleObjectProperty<>();
    private final StringProperty readerText = new SimpleStringProperty("");
    private final BooleanProperty readerReady = new SimpleBooleanProperty(false);
    private final StringProperty fingerText = new SimpleStringProperty("");
    private final BooleanProperty firstRun = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty title = new SimpleStringProperty("");
    private final PinEntry pin = new PinEntry();
    /** Issue 16: "Look at the camera to sign in" while a face reader watches; "" when face is off or not ready. */
    private final StringProperty faceText = new SimpleStringProperty("");
    /** Issue 16: "Who are you? Pick your name…" naming only the ways that work now (finger, face). */
    private final StringProperty whoText = new SimpleStringProperty("");
    private boolean mayLeave;
    /** Issue 16: the reason's key shown first, and its sentence as shown (it follows the readers while it shows). */
    private String reasonKey = "";
    private String reasonShown = "";
    /** Issue 16: the webcam's face reader watching ({@link #useFace}), or null: face is off. */
    private FaceWatch face;

    public SignInViewModel(TillPeople people, PinSignIn pinSignIn, Fingerprints fingerprints, Clock clock, String tillId,
            java.util.ResourceBundle text, java.util.Locale locale, TaskExecutor background, UiThread ui,
            Consumer<SignedIn> onSignedIn) {
        this.people = Objects.requireNonNull(people, "people");
        this.pinSignIn = Objects.requireNonNull(pinSignIn, "pinSignIn");
        this.fingerprints = Objects.requireNonNull(fingerprints, "fingerprints");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tillId = Objects.requireNonNull(tillId, "tillId");
        this.words = new PeopleText(text, locale);
        this.line = new MessageLine(words);
        this.background = background;
        this.ui = ui;
        this.onSignedIn = Objects.requireNonNull(onSignedIn, "onSignedIn");
        this.scanLoop = new ScanLoop(fingerprints, PersonKind.CLERK, ui, new ScanLoop.Listener() {
            @Override
            public void matched(String clerkId) {
                fingerMatched(clerkId);
            }

            @Override
            public void noMatch() {
                say(true, "signin.finger.noMatch");
            }

            @Override
            public void failed(Throwable cause, boolean again) {
                error(words.failure(cause));
            }
        });
        title.set(words.format("signin.title"));
    }

    /**
     * Issue 16: watches for an enrolled clerk's face with {@code faces} beside the finger and the PIN, whenever that
     * reader is ready; never shown while it is not (off, no camera, OpenCV missing).
     */
    public void useFace(Fingerprints faces) {
        if (face != null) {
            face.stop();
        }
        face = new FaceWatch(faces, PersonKind.CLERK, words, "signin.face.ready", ui, faceText, new ScanLoop.Listener() {
            @Override
            public void matched(String clerkId) {
                faceMatched(clerkId);
            }

            @Override
            public void noMatch() {
                say(true, "signin.face.noMatch");
            }

            @Override
            public void failed(Throwable cause, boolean again) {
                error(words.faceFailure(cause));
            }
        });
        readerChanged();
    }

    /** A prompt of the face reader ("look at the camera", "turn your head a little"); any thread. */
    public void facePrompt(pos.core.biometric.ScanPrompt prompt) {
        if (face != null) {
            face.prompt(prompt);
        }
    }

    // ---------------------------------------------------------------- showing

    /**
     * Shows the screen (the till is locked until someone signs in): lists the clerks and lets the reader wait
     * for a finger. {@code reason} is the first line, e.g. "signin.reason.start" or "signin.reason.switch".
     */
    public void show(String reason) {
        show(reason, false);
    }

    /**
     * As {@link #show(String)}; when {@code mayLeave} (a till that sells without sign-in, opening the screen to
     * make its first supervisor) Esc hides the screen again.
     */
    public void show(String reason, boolean mayLeave) {
        this.mayLeave = mayLeave;
        clearPin();
        selected.set(null);
        refreshClerks();
        fingerText.set("");
        reasonKey = reason;
        reasonShown = "";
        say(false, !firstRun.get() ? reason : mayLeave ? "signin.firstRun.promptLeave" : "signin.firstRun.prompt");
        if (!firstRun.get()) {
            reasonShown = line.messageProperty().get();
        }
        shown.set(true);
        readerChanged();
    }

    /** Esc: leaves the screen if it may be left (see {@link #show(String, boolean)}); a locked till stays locked. */
    public void leave() {
        if (shown.get() && mayLeave && !busy.get()) {
            hide();
        }
    }

    /** Hides the screen and stops waiting for a finger. */
    public void hide() {
        scanLoop.stop();
        stopFace();
        clearPin();
        shown.set(false);
    }

    /** The clerks list again (after a sync or an enrolment). */
    public void refreshClerks() {
        List<Clerk> active = people.clerks().stream().filter(Clerk::active).toList();
        clerks.setAll(java.util.stream.IntStream.range(0, active.size())
                .mapToObj(i -> tile(active.get(i), i))
                .toList());
        firstRun.set(active.isEmpty());
        if (firstRun.get()) {
            title.set(words.format("signin.firstRun.title"));
        } else {
            title.set(words.format("signin.title"));
        }
    }

    private ClerkTile tile(Clerk clerk, int index) {
        return new ClerkTile(clerk.id(), clerk.name(), words.format("role." + clerk.role().name()),
                index < 9 ? "Alt+" + (index + 1) : "");
    }

    /** The reader's state changed (or the periodic check ran): show it, and scan when it can. */
    public void readerChanged() {
        if (face != null) {
            face.watch(shown.get() && !firstRun.get());
        }
        ReaderStatus status = fingerprints.status();
        // issue 11: the reader's state once, in the reader line's normal type; the large line only says what to do
        readerText.set(words.readerShort(status));
        readerReady.set(status.isReady());
        if (!shown.get()) {
            return;
        }
        boolean fingerUsable = status.isReady() && fingerprints.anyEnrolled(PersonKind.CLERK);
        String ways = fingerUsable ? faceUsable() ? ".fingerOrFace" : "" : faceUsable() ? ".face" : ".pin";
        whoText.set(words.format("signin.who" + ways));
        // issue 16: the reason ("place your finger, or…") names only the ways that work, while nothing else was said
        String reason = words.has(reasonKey + ways) ? words.format(reasonKey + ways) : "";
        if (!firstRun.get() && !reasonShown.isEmpty() && !reason.isEmpty()
                && line.messageProperty().get().equals(reasonShown) && !reason.equals(reasonShown)) {
            reasonShown = reason;
            line.show(false, reason);
        }
        if (status.isReady() && !firstRun.get()) {
            if (fingerprints.anyEnrolled(PersonKind.CLERK)) {
                if (!scanLoop.isScanning()) {
                    fingerText.set(words.format("signin.finger.ready"));
                }
                scanLoop.start();
            } else {
                fingerText.set(words.format("finger.nobody.CLERK"));
            }
        } else {
            scanLoop.stop();
            // issue 16: beside the face line the finger line goes (the caption under it offers the PIN already)
            fingerText.set(status.isReady() || faceUsable() ? "" : words.format("signin.finger.usePin"));
        }
    }

    /** A prompt of the reader ("place your finger", "centre your finger"); any thread. */
    public void prompt(pos.core.biometric.ScanPrompt prompt) {
        ui.execute(() -> {
            // issue 11: never "place your finger" while there is no reader to place it on
            if (shown.get() && fingerprints.isReady()) {
                fingerText.set(words.prompt(prompt));
            }
        });
    }

    // ---------------------------------------------------------------- PIN

    /** Alt+n or a click: the clerk {@code index} (0-based) signs in with the PIN next. */
    public void selectClerk(int index) {
        if (index < 0 || index >= clerks.size()) {
            return;
        }
        selected.set(clerks.get(index));
        clearPin();
        say(false, "signin.pin.prompt", clerks.get(index).name());
    }

    public void pinDigit(char digit) {
        if (digit < '0' || digit > '9' || busy.get()) {
            return;
        }
        if (selected.get() == null && !firstRun.get()) {
            say(true, "signin.pin.chooseFirst");
            return;
        }
        pin.add(digit);
    }

    public void pinBackspace() {
        pin.backspace();
    }

    /** Enter: checks the PIN of the chosen clerk off the UI thread. */
    public void submitPin() {
        ClerkTile clerk = selected.get();
        if (busy.get()) {
            return;
        }
        if (clerk == null) {
            say(true, "signin.pin.chooseFirst");
            return;
        }
        if (pin.isEmpty()) {
            say(true, "signin.pin.empty", clerk.name());
            return;
        }
        char[] typed = pin.take();
        busy.set(true);
        say(false, "signin.pin.checking");
        background.execute(() -> {
            try {
                SignedIn shift = pinSignIn.signIn(clerk.clerkId(), typed);
                ui.execute(() -> {
                    busy.set(false);
                    signedIn(shift);
                });
            } catch (SignInRefusedException e) {
                LOG.info("PIN sign-in of {} refused: {}", clerk.clerkId(), e.getMessage());
                ui.execute(() -> {
                    busy.set(false);
                    refused(e, clerk.name());
                });
            } catch (RuntimeException e) {
                LOG.error("PIN sign-in of {} failed", clerk.clerkId(), e);
                ui.execute(() -> {
                    busy.set(false);
                    error(words.format("signin.failed", e.getMessage()));
                });
            } finally {
                Arrays.fill(typed, '\0');
            }
        });
    }

    private void refused(SignInRefusedException e, String name) {
        switch (e.reason()) {
            case WRONG_PIN -> say(true, "signin.refused.WRONG_PIN", name, e.triesLeft());
            case LOCKED_OUT -> say(true, "signin.refused.LOCKED_OUT", name,
                    e.lockedUntil() == null ? "" : java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                            .format(e.lockedUntil().atZone(clock.getZone())));
            default -> error(e.getMessage());
        }
    }

    // ---------------------------------------------------------------- finger

    private void fingerMatched(String clerkId) {
        Clerk clerk = people.clerk(clerkId).orElse(null);
        if (clerk == null || !clerk.active()) {
            LOG.warn("a finger matched clerk {} who is {} on this till", clerkId, clerk == null ? "unknown" : "inactive");
            say(true, "signin.finger.inactive");
            scanLoop.start();
            return;
        }
        LOG.info("{} ({}) signed in by finger on {}", clerk.name(), clerk.id(), tillId);
        signedIn(new SignedIn(clerk, tillId, SignedIn.Method.FINGER, clock.instant()));
    }

    private void faceMatched(String clerkId) {
        Clerk clerk = people.clerk(clerkId).orElse(null);
        if (clerk == null || !clerk.active()) {
            LOG.warn("a face matched clerk {} who is {} on this till", clerkId, clerk == null ? "unknown" : "inactive");
            say(true, "signin.face.inactive");
            face.again();
            return;
        }
        LOG.info("{} ({}) signed in by face on {}", clerk.name(), clerk.id(), tillId);
        signedIn(new SignedIn(clerk, tillId, SignedIn.Method.FACE, clock.instant()));
    }

    private boolean faceUsable() {
        return face != null && face.usable();
    }

    private void stopFace() {
        if (face != null) {
            face.stop();
        }
    }

    private void signedIn(SignedIn shift) {
        scanLoop.stop();
        stopFace();
        clearPin();
        shown.set(false);
        onSignedIn.accept(shift);
    }

    // ---------------------------------------------------------------- first supervisor

    /**
     * A store without clerks: makes the first supervisor ({@code name}, PIN typed twice) and signs them in.
     * Nothing is saved if the name is blank, the PINs differ or the PIN is not 6 to 12 digits (a supervisor's).
     */
    public void createFirstSupervisor(String name, char[] first, char[] repeat) {
        try {
            if (!firstRun.get()) {
                say(true, "signin.firstRun.notFirst");
                return;
            }
            String trimmed = name == null ? "" : name.strip();
            if (trimmed.isEmpty() || trimmed.length() > 60 || trimmed.chars().anyMatch(Character::isISOControl)) {
                say(true, "signin.firstRun.badName");
                return;
            }
            if (!Arrays.equals(first, repeat)) {
                say(true, "signin.firstRun.mismatch");
                return;
            }
            char[] pinCopy = first.clone();
            busy.set(true);
            say(false, "signin.firstRun.saving");
            background.execute(() -> {
                try {
                    Clerk clerk = people.addClerk(trimmed, Role.SUPERVISOR, pinCopy);
                    ui.execute(() -> {
                        busy.set(false);
                        refreshClerks();
                        signedIn(new SignedIn(clerk, tillId, SignedIn.Method.PIN, clock.instant()));
                    });
                } catch (InvalidPinException e) {
                    ui.execute(() -> {
                        busy.set(false);
                        say(true, "signin.firstRun.badPin");
                    });
                } catch (RuntimeException e) {
                    LOG.error("could not save the first supervisor", e);
                    ui.execute(() -> {
                        busy.set(false);
                        error(words.format("signin.failed", e.getMessage()));
                    });
                } finally {
                    Arrays.fill(pinCopy, '\0');
                }
            });
        } finally {
            Arrays.fill(first, '\0');
            Arrays.fill(repeat, '\0');
        }
    }

    // ---------------------------------------------------------------- helpers

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

    public ObservableList<ClerkTile> clerks() {
        return clerks;
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

    public ReadOnlyBooleanProperty readerReadyProperty() {
        return readerReady;
    }

    public ReadOnlyStringProperty fingerTextProperty() {
        return fingerText;
    }

    /** Issue 16: what the face reader asks for, or "" (then nothing about face is shown). */
    public ReadOnlyStringProperty faceTextProperty() {
        return faceText;
    }

    /** Issue 16: the caption over the clerks, naming only the ways that work now. */
    public ReadOnlyStringProperty whoTextProperty() {
        return whoText;
    }

    public ReadOnlyBooleanProperty firstRunProperty() {
        return firstRun;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title;
    }
}
