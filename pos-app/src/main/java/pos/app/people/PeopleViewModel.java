package pos.app.people;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.biometric.EnrollProgress;
import pos.core.biometric.ScanCancelledException;
import pos.core.biometric.ScanPrompt;
import pos.core.money.Money;
import pos.core.money.MoneyFormatException;
import pos.core.people.Clerk;
import pos.core.people.DebitResult;
import pos.core.people.InvalidPinException;
import pos.core.people.Member;
import pos.core.people.PersonKind;
import pos.core.people.Role;
import pos.core.people.SignedIn;
import pos.core.people.StoredValue;
import pos.core.sale.TransactionId;
import pos.sync.people.TillPeople;

/**
 * The people window (Ctrl+P, a supervisor's): the store's clerks and members, adding them, and enrolling a
 * finger stage by stage ("Place finger 3 of 5", "Centre your finger…") with a progress bar. Saves and scans
 * run off the UI thread. UI thread only.
 */
public final class PeopleViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(PeopleViewModel.class);
    /** The fingers a person can enrol, as libfprint names them (stored so); the clerk sees {@link #fingerName}. */
    public static final List<String> FINGERS = List.of("right-index", "left-index", "right-thumb", "left-thumb",
            "right-middle", "left-middle");

    private final TillPeople people;
    private final Fingerprints fingerprints;
    private final StoredValue storedValue;
    private final SignedIn supervisor;
    private final MoneyFormat money;
    private final PeopleText words;
    private final MessageLine line;
    private final TaskExecutor background;
    private final UiThread ui;
    private final Currency currency;
    private final TransactionId.Generator ids;

    private final ObservableList<PersonRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<PersonRow> selected = new SimpleObjectProperty<>();
    private final StringProperty readerText = new SimpleStringProperty("");
    private final StringProperty stageText = new SimpleStringProperty("");
    private final StringProperty promptText = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final BooleanProperty enrolling = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final BooleanProperty readerReady = new SimpleBooleanProperty(false);
    /** Why Enrol is off: the reader's state in words; "" when a reader is ready. */
    private final StringProperty enrollBlockedText = new SimpleStringProperty("");
    // the add forms: kept when adding fails, so the supervisor corrects instead of typing again
    private final StringProperty clerkName = new SimpleStringProperty("");
    private final StringProperty memberName = new SimpleStringProperty("");
    private final StringProperty memberBalance = new SimpleStringProperty("");
    /** Issue 16: the face part (Enrol face, Remove face, the Face column), off until {@link #useFace}. */
    private final FaceEnrolment face;

    public PeopleViewModel(TillPeople people, Fingerprints fingerprints, StoredValue storedValue, SignedIn supervisor,
            Clock clock, MoneyFormat money, java.util.ResourceBundle text, TaskExecutor background, UiThread ui,
            Currency currency) {
        this.people = Objects.requireNonNull(people, "people");
        this.fingerprints = Objects.requireNonNull(fingerprints, "fingerprints");
        this.storedValue = storedValue;
        this.supervisor = Objects.requireNonNull(supervisor, "supervisor");
        if (!supervisor.clerk().isSupervisor()) {
            throw new pos.core.people.NotASupervisorException(supervisor.clerk(), pos.core.people.GuardedAction.PRICE_OVERRIDE);
        }
        this.money = money;
        this.words = new PeopleText(text, money.locale());
        this.line = new MessageLine(words);
        this.background = background;
        this.ui = ui;
        this.currency = currency;
        this.ids = new TransactionId.Generator(clock);
        this.face = new FaceEnrolment(words, ui,
                new FaceEnrolment.Shared(enrolling, busy, progress, stageText, promptText, line, this::refresh));
        refresh();
    }

    /**
     * Issue 16: enrols and removes faces with {@code faces} when that reader is ready; when it is switched on but not
     * ready, one line says why; when it is switched off, nothing about face shows.
     */
    public void useFace(Fingerprints faces) {
        face.use(faces);
        refresh();
    }

    /** The list again, and the reader's state. */
    public void refresh() {
        boolean faceOn = face.refresh();
        readerText.set(words.readerShort(fingerprints.status()));
        readerReady.set(fingerprints.isReady());
        enrollBlockedText.set(readerReady.get() ? "" : words.format("people.enroll.noReader", readerText.get()));
        String driver = fingerprints.driver().orElse("");
        List<PersonRow> all = new ArrayList<>();
        for (Clerk clerk : people.clerks()) {
            all.add(new PersonRow(PersonKind.CLERK, clerk.id(), clerk.name(),
                    words.format("role." + clerk.role().name()) + (clerk.active() ? "" : " · " + words.format("people.inactive")),
                    driver.isEmpty() ? 0 : people.prints(PersonKind.CLERK, clerk.id(), driver).usable().size(),
                    faceOn && face.hasFace(PersonKind.CLERK, clerk.id())));
        }
        for (Member member : people.members()) {
            all.add(new PersonRow(PersonKind.MEMBER, member.id(), member.name(), words.format("people.member"),
                    driver.isEmpty() ? 0 : people.prints(PersonKind.MEMBER, member.id(), driver).usable().size(),
                    faceOn && face.hasFace(PersonKind.MEMBER, member.id())));
        }
        PersonRow was = selected.get();
        rows.setAll(all);
        if (was != null) {
            selected.set(all.stream().filter(r -> r.personId().equals(was.personId())).findFirst().orElse(null));
        }
    }

    public void select(PersonRow row) {
        selected.set(row);
    }

    /**
     * Adds the clerk of the form ({@link #clerkNameProperty()}) with {@code role} and {@code pin} (4 to 12 digits; a
     * supervisor at least 6), saved and synced to the store; the form's name is cleared only once the clerk is saved.
     */
    public void addClerk(Role role, char[] pin) {
        addClerk(clerkName.get(), role, pin, () -> clerkName.set(""));
    }

    /** Adds a clerk with a PIN (4 to 12 digits; a supervisor at least 6), saved and synced to the store. */
    public void addClerk(String name, Role role, char[] pin) {
        addClerk(name, role, pin, () -> { });
    }

    private void addClerk(String name, Role role, char[] pin, Runnable saved) {
        String clean = cleanName(name);
        if (clean == null) {
            Arrays.fill(pin, '\0');
            return;
        }
        char[] copy = pin.clone();
        Arrays.fill(pin, '\0');
        run(() -> {
            try {
                Clerk clerk = people.addClerk(clean, role, copy);
                LOG.info("{} added clerk {} ({})", supervisor.clerk().id(), clerk.id(), role);
                return words.format("people.clerkAdded", clean);
            } finally {
                Arrays.fill(copy, '\0');
            }
        }, saved);
    }

    /**
     * Adds the member of the form ({@link #memberNameProperty()}, {@link #memberBalanceProperty()}); the form is
     * cleared only once the member is saved, so a refused one can be corrected.
     */
    public void addMember() {
        addMember(memberName.get(), memberBalance.get(), () -> {
            memberName.set("");
            memberBalance.set("");
        });
    }

    /** Adds a member, with an opening stored-value balance when {@code openingBalance} is not blank. */
    public void addMember(String name, String openingBalance) {
        addMember(name, openingBalance, () -> { });
    }

    private void addMember(String name, String openingBalance, Runnable saved) {
        String clean = cleanName(name);
        if (clean == null) {
            return;
        }
        Money opening;
        try {
            opening = openingBalance == null || openingBalance.isBlank() ? null : Money.parse(openingBalance.strip(), currency);
        } catch (MoneyFormatException e) {
            say(true, "people.badAmount", openingBalance);
            return;
        }
        if (opening != null && storedValue == null) {
            say(true, "people.noLedgerBalance");
            return;
        }
        run(() -> {
            Member member = people.addMember(clean, currency);
            if (opening == null || opening.minorUnits() == 0) {
                return words.format("people.memberAdded", clean);
            }
            DebitResult topUp = storedValue.topUp(member.id(), ids.next().value(), opening.minorUnits(),
                    supervisor.tillId());
            if (!topUp.isSuccess()) {
                return words.format("people.memberAddedNoBalance", clean, topUp.message());
            }
            return words.format("people.memberAddedWithBalance", clean, money.format(opening));
        }, saved);
    }

    /** Enrols {@code finger} of the selected person: stage by stage until the print is stored. */
    public void enrollSelected(String finger) {
        PersonRow row = selected.get();
        if (row == null) {
            say(true, "people.enroll.chooseFirst");
            return;
        }
        if (enrolling.get()) {
            return;
        }
        if (!fingerprints.isReady()) {
            refresh();
            error(enrollBlockedText.get());
            return;
        }
        enrolling.set(true);
        progress.set(0);
        stageText.set(words.format("people.enroll.start", row.name()));
        promptText.set(words.prompt(ScanPrompt.PLACE_FINGER));
        say(false, "people.enroll.going", row.name(), fingerName(finger));
        fingerprints.enroll(row.kind(), row.personId(), finger, step -> ui.execute(() -> stage(step)))
                .whenComplete((printId, failure) -> ui.execute(() -> {
                    enrolling.set(false);
                    if (failure == null) {
                        progress.set(1);
                        stageText.set(words.format("people.enroll.done", row.name()));
                        promptText.set("");
                        say(false, "people.enroll.saved", row.name(), fingerName(finger));
                        refresh();
                    } else if (PeopleText.cause(failure) instanceof ScanCancelledException) {
                        stageText.set("");
                        promptText.set("");
                        say(false, "people.enroll.cancelled");
                    } else {
                        LOG.info("enrolment of {} failed: {}", row.personId(), PeopleText.cause(failure).getMessage());
                        stageText.set("");
                        promptText.set("");
                        error(words.format("people.enroll.failed", words.failure(failure)));
                    }
                }));
    }

    /**
     * Issue 16: enrols the selected person's face: the reader takes several pictures ("Picture 3 of 8", "Turn your
     * head a little"); the face template (never a photo) is sealed with the print keys and synced like a print.
     */
    public void enrollFaceSelected() {
        face.enroll(selected.get());
    }

    /** Issue 16: removes the selected person's face templates (tombstones that sync to the store's tills). */
    public void removeFaceSelected() {
        face.remove(selected.get());
    }

    private void stage(EnrollProgress step) {
        progress.set(step.stages() == 0 ? 0 : (double) step.completedStages() / step.stages());
        if (step.prompt().isRetry()) {
            promptText.set(words.prompt(step.prompt()));
        } else {
            stageText.set(step.completedStages() < step.stages()
                    ? words.format("people.enroll.stage", step.completedStages() + 1, step.stages())
                    : words.format("people.enroll.last"));
            promptText.set(words.prompt(step.prompt()));
        }
    }

    /** A prompt of the reader; any thread. */
    public void prompt(ScanPrompt prompt) {
        ui.execute(() -> {
            if (enrolling.get()) {
                promptText.set(words.prompt(prompt));
            }
        });
    }

    /** Esc: stops the enrolment in progress; nothing is stored. */
    public void cancelEnroll() {
        if (enrolling.get() && !face.cancel()) {
            fingerprints.cancel();
        }
    }

    private interface Job {
        String run();
    }

    private void run(Job job, Runnable saved) {
        busy.set(true);
        background.execute(() -> {
            try {
                String done = job.run();
                ui.execute(() -> {
                    busy.set(false);
                    saved.run();
                    line.show(false, done);
                    refresh();
                });
            } catch (InvalidPinException e) {
                ui.execute(() -> {
                    busy.set(false);
                    say(true, "people.badPin");
                });
            } catch (RuntimeException e) {
                LOG.error("could not save a person", e);
                ui.execute(() -> {
                    busy.set(false);
                    error(words.format("people.saveFailed", e.getMessage()));
                });
            }
        });
    }

    private String cleanName(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 60 || clean.chars().anyMatch(Character::isISOControl)) {
            say(true, "signin.firstRun.badName");
            return null;
        }
        return clean;
    }

    private void say(boolean isError, String key, Object... args) {
        line.say(isError, key, args);
    }

    private void error(String sentence) {
        line.error(sentence);
    }

    /** A finger's name for the clerk ("Right index finger") from libfprint's name ("right-index"). */
    public String fingerName(String finger) {
        return FINGERS.contains(finger) ? words.format("finger.name." + finger) : finger;
    }

    public StringProperty clerkNameProperty() {
        return clerkName;
    }

    public StringProperty memberNameProperty() {
        return memberName;
    }

    public StringProperty memberBalanceProperty() {
        return memberBalance;
    }

    /** Whether a reader is ready to enrol with. */
    public ReadOnlyBooleanProperty readerReadyProperty() {
        return readerReady;
    }

    /** Why Enrol is off, or "" when it can be used. */
    public ReadOnlyStringProperty enrollBlockedTextProperty() {
        return enrollBlockedText;
    }

    /** Issue 16: whether Enrol face, Remove face and the Face column show (a face reader is ready). */
    public ReadOnlyBooleanProperty faceReadyProperty() {
        return face.readyProperty();
    }

    /** Issue 16: why face is unavailable though switched on; "" otherwise (then no line shows). */
    public ReadOnlyStringProperty faceBlockedTextProperty() {
        return face.blockedTextProperty();
    }

    public ObservableList<PersonRow> rows() {
        return rows;
    }

    public ObjectProperty<PersonRow> selectedProperty() {
        return selected;
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

    public ReadOnlyStringProperty stageTextProperty() {
        return stageText;
    }

    public ReadOnlyStringProperty promptTextProperty() {
        return promptText;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyBooleanProperty enrollingProperty() {
        return enrolling;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }
}
