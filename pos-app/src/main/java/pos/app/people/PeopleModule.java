package pos.app.people;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.config.TillConfig;
import pos.app.sell.SellViewModel;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.contract.people.PeopleRedisKeys;
import pos.contract.redis.RedisConnections;
import pos.core.people.Authority;
import pos.core.people.Clerk;
import pos.core.people.PinSignIn;
import pos.core.people.SignedIn;
import pos.core.people.SupervisedSale;
import pos.device.fingerprint.FingerprintWorkerSettings;
import pos.device.fingerprint.LibfprintReader;
import pos.sync.auth.StreamSigner;
import pos.sync.hub.HubClient;
import pos.sync.people.PrintKeys;
import pos.sync.people.RedisStoredValue;
import pos.sync.people.TillPeople;

/**
 * The store's people at this till (issue 6): clerks and members, the fingerprint reader, sign-in, supervisor approval
 * and member pay, the people window, and the one thread that watches the reader ({@link ReaderWatch}) and syncs the
 * people with the store ({@link PeopleSync}). Opened by the till's start-up, {@link #start() started}, {@link #close()
 * closed}; a failure while opening closes what it opened. Open, start and close on the FX thread.
 */
public final class PeopleModule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeopleModule.class);

    private final TillConfig config;
    private final Clock clock;
    private final ResourceBundle text;
    private final MoneyFormat money;
    private final Currency currency;
    private final SellViewModel sell;
    private final TillPeople till;
    private final Fingerprints fingerprints;
    private final Authority authority;
    private final RedisStoredValue storedValue;
    private final SignInViewModel signIn;
    private final ApprovalViewModel approval;
    private final MemberPayViewModel memberPay;
    private final TaskExecutor.Background work;
    private final ScheduledExecutorService loops;
    private final List<AutoCloseable> listeners = new ArrayList<>();
    /** Issue 16: the webcam's face reader as the screens use it (switched off unless pos.face=on); FX thread. */
    private Fingerprints faces;
    private final List<AutoCloseable> faceListeners = new ArrayList<>();
    /** The clerk signed in now, or null; FX thread. */
    private SignedIn shift;
    /** Whether voids and cancels need a supervisor and the till needs a signed-in clerk; FX thread. */
    private boolean active;

    /**
     * Opens the people of this till in {@code config}'s data directory.
     *
     * @param redis  the till's one Redis client (members' stored value, people sync), or null without Redis
     * @param signer signs what this till writes into the store's streams
     * @param hub    the till's client of the hub (people changes), or empty
     */
    public PeopleModule(TillConfig config, Clock clock, ResourceBundle text, MoneyFormat money, Currency currency,
            SellViewModel sell, RedisConnections redis, StreamSigner signer, Optional<HubClient> hub) {
        this.config = config;
        this.clock = clock;
        this.text = text;
        this.money = money;
        this.currency = currency;
        this.sell = sell;
        PrintKeys keys = PrintKeys.configuredOrIn(config.printKeys(), config.dataDir());
        this.till = TillPeople.open(config.dataDir(), keys, redis, clock, hub.orElse(null), signer);
        try {
            this.fingerprints = config.fingerprint().wanted() ? new Fingerprints(new LibfprintReader(readerSettings(config)), till)
                    : Fingerprints.off(till,
                    java.text.MessageFormat.format(text.getString("people.reader.switchedOff"), new Object[0]));
            this.authority = new Authority(clock);
            PinSignIn pinSignIn = new PinSignIn(till, config.tillId(), PinSignIn.DEFAULT_MAX_WRONG_PINS,
                    PinSignIn.DEFAULT_LOCKOUT, clock);
            this.storedValue = redis == null ? null
                    : new RedisStoredValue(redis, PeopleRedisKeys.DEFAULT, clock, till.store(), signer);
            this.work = TaskExecutor.background("till-people");
            this.signIn = new SignInViewModel(till, pinSignIn, fingerprints, clock, config.tillId(), text, config.locale(),
                    work, UiThread.javaFx(), this::signedIn);
            this.approval = new ApprovalViewModel(till, pinSignIn, authority, fingerprints, () -> shift, text,
                    config.locale(), work, UiThread.javaFx());
            this.memberPay = new MemberPayViewModel(fingerprints, till, storedValue, sell.checkout(), config.tillId(), money, text, work,
                    UiThread.javaFx());
            listeners.add(fingerprints.onPrompt(signIn::prompt));
            listeners.add(fingerprints.onPrompt(approval::prompt));
            listeners.add(fingerprints.onPrompt(memberPay::prompt));
            // issue 16: until a face reader is handed in (useFaceReader), face is off, or on and unavailable
            this.faces = !config.face().on() ? Fingerprints.faceOff(till)
                    : Fingerprints.faceUnavailable(till, text.getString("people.face.noReaderYet"));
            wireFace();
            this.loops = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "till-people-watch");
                thread.setDaemon(true);
                return thread;
            });
        } catch (RuntimeException | Error e) {
            closeOpened();
            throw e;
        }
        sell.useApproverNames(id -> till.clerk(id).map(Clerk::name).orElse(id));
        sell.checkout().discounts().useClerk(() -> shift == null ? null : shift.clerk().id()); // issue 12: audit trail
        // issue 11 defect 8: member pay needs the store's ledger and a fingerprint reader; without them its button is off
        String memberPayNotSetUp = storedValue == null ? "member.noLedger"
                : !config.fingerprint().wanted() && !config.face().on() ? "member.noReader" : null;
        sell.usePeopleActions(new SellViewModel.PeopleActions(memberPay::open, this::switchClerk, this::openPeople,
                memberPayNotSetUp));
        this.active = config.signInRequired() || !till.clerks().isEmpty();
    }

    private static FingerprintWorkerSettings readerSettings(TillConfig config) {
        // issue 15: a crashed driver's report goes to the till's log folder, never into the working directory
        FingerprintWorkerSettings settings = FingerprintWorkerSettings.defaults().withCrashDirectory(config.dataDir().resolve("logs"));
        return config.fingerprint().virtualImageSocket().map(settings::withVirtualImageSocket).orElse(settings);
    }

    /**
     * Issue 16: the webcam's face reader, handed in by the till's wiring before {@link #start()} (empty: none on this
     * till). It is used only when {@code pos.face=on}; otherwise it is closed at once and nothing about face shows.
     */
    public void useFaceReader(Optional<pos.core.biometric.BiometricReader> reader) {
        if (reader.isEmpty()) {
            return;
        }
        if (!config.face().on()) {
            reader.get().close();
            return;
        }
        Fingerprints old = faces;
        faces = Fingerprints.face(reader.get(), till);
        old.close();
        wireFace();
    }

    /** Issue 16: hands the face reader to the screens (only when pos.face=on: otherwise they show nothing of it). */
    private void wireFace() {
        for (AutoCloseable listener : faceListeners) {
            try {
                listener.close();
            } catch (Exception e) {
                LOG.warn("could not remove a face prompt listener", e);
            }
        }
        faceListeners.clear();
        if (!config.face().on()) {
            return;
        }
        long pinAboveMinor = config.face().pinAboveMinor(currency);
        signIn.useFace(faces);
        approval.useFace(faces, pinAboveMinor, money.format(pos.core.money.Money.ofMinor(pinAboveMinor, currency)));
        memberPay.useFace(faces);
        faceListeners.add(faces.onPrompt(signIn::facePrompt));
        faceListeners.add(faces.onPrompt(approval::facePrompt));
        faceListeners.add(faces.onPrompt(memberPay::facePrompt));
    }

    /** Starts the reader, locks the till when clerks must sign in, and starts the watch and the sync loops. */
    public void start() {
        fingerprints.start();
        faces.start();
        if (active) {
            lock("signin.reason.start");
        }
        loops.scheduleWithFixedDelay(new ReaderWatch(fingerprints, faces, sell, signIn, approval, memberPay, UiThread.javaFx()),
                0, 1, TimeUnit.SECONDS);
        if (till.syncs()) {
            loops.scheduleWithFixedDelay(new PeopleSync(till, () -> UiThread.javaFx().execute(this::clerksChanged)),
                    0, 5, TimeUnit.SECONDS);
        }
    }

    private void clerksChanged() {
        signIn.refreshClerks();
        if (!active && !till.clerks().isEmpty() && config.signInWanted()) {
            active = true;
            lock("signin.reason.start");
        }
    }

    private void lock(String reason) {
        sell.useSupervision(approval, new SupervisedSale(authority));
        shift = null;
        sell.showClerk(null, "");
        signIn.show(reason);
    }

    private void signedIn(SignedIn who) {
        if (!active) {
            active = true; // the first supervisor was just made: from now on the till needs a signed-in clerk
            sell.useSupervision(approval, new SupervisedSale(authority));
        }
        shift = who;
        sell.checkout().signedIn(who.clerk().id(), who.clerk().name(), who.method().name()); // issue 12 point 6
        LOG.info("{} ({}, {}) signed in on {} by {}", who.clerk().name(), who.clerk().id(), who.clerk().role(),
                config.tillId(), who.method());
        sell.showClerk(who.clerk().name(), text.getString("role." + who.clerk().role().name()));
    }

    private void switchClerk() {
        if (!active) {
            // a store without clerks: make the first supervisor now (Esc: go on selling without)
            signIn.show("signin.reason.start", true);
            return;
        }
        LOG.info("{} hands the till over", shift == null ? "nobody" : shift.clerk().id());
        sell.checkout().signedOut("switch"); // issue 12 point 6
        lock("signin.reason.switch");
    }

    private void openPeople() {
        if (!active) {
            signIn.show("signin.reason.start", true);
            return;
        }
        if (shift == null || !shift.clerk().isSupervisor()) {
            sell.say("people.supervisorOnly");
            return;
        }
        PeopleViewModel model = new PeopleViewModel(till, fingerprints, storedValue, shift, clock, money, text, work,
                UiThread.javaFx(), currency);
        if (config.face().on()) {
            model.useFace(faces); // issue 16
        }
        AutoCloseable prompts = fingerprints.onPrompt(model::prompt);
        PeopleView.open(stageOwner(), model, text, () -> {
            try {
                prompts.close();
            } catch (Exception e) {
                LOG.warn("could not stop the people window's fingerprint prompts", e);
            }
            signIn.refreshClerks();
            approval.readerChanged();
        });
    }

    private static javafx.stage.Window stageOwner() {
        List<javafx.stage.Window> windows = javafx.stage.Window.getWindows();
        return windows.stream().filter(javafx.stage.Window::isFocused).findFirst()
                .orElse(windows.isEmpty() ? null : windows.get(0));
    }

    /** The overlays over the sell screen: approval, member pay, sign-in (in that order, sign-in on top). */
    public List<javafx.scene.Parent> overlays() {
        return List.of(ApprovalView.load(approval, text), MemberPayView.load(memberPay, text), SignInView.load(signIn, text));
    }

    public SignInViewModel signIn() {
        return signIn;
    }

    public ApprovalViewModel approval() {
        return approval;
    }

    public MemberPayViewModel memberPay() {
        return memberPay;
    }

    public TillPeople people() {
        return till;
    }

    public Fingerprints fingerprints() {
        return fingerprints;
    }

    /** Issue 16: the face reader as the screens use it (switched off unless pos.face=on). */
    public Fingerprints faces() {
        return faces;
    }

    /** The clerk signed in now, or empty; FX thread. */
    public Optional<SignedIn> shift() {
        return Optional.ofNullable(shift);
    }

    /** Stops the loops, the reader and the people's work, and closes the people's store. */
    @Override
    public void close() {
        closeOpened();
    }

    private void closeOpened() {
        if (loops != null) {
            loops.shutdownNow();
            try {
                if (!loops.awaitTermination(2, TimeUnit.SECONDS)) {
                    LOG.warn("the people watch still ran 2 s after it was stopped");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (AutoCloseable listener : listeners) {
            try {
                listener.close();
            } catch (Exception e) {
                LOG.warn("could not remove a fingerprint prompt listener", e);
            }
        }
        if (fingerprints != null) {
            fingerprints.close();
        }
        for (AutoCloseable listener : faceListeners) {
            try {
                listener.close();
            } catch (Exception e) {
                LOG.warn("could not remove a face prompt listener", e);
            }
        }
        if (faces != null) {
            faces.close();
        }
        if (work != null) {
            work.close();
        }
        if (storedValue != null) {
            storedValue.close();
        }
        till.close();
    }

    /** The members' stored value (issue 12.3: a member-paid return goes back to it); null without Redis. */
    public pos.core.people.StoredValue storedValue() {
        return storedValue;
    }
}
