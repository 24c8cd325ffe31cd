package pos.app;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.ResourceBundle;
import javafx.scene.Parent;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.catalog.CsvCatalogLoader;
import pos.app.config.ConfigException;
import pos.app.config.TillConfig;
import pos.app.camera.CameraChoice;
import pos.app.camera.CameraSettingsView;
import pos.app.camera.CameraSettingsViewModel;
import pos.app.reports.ReportsView;
import pos.device.webcam.WebcamCameras;
import pos.device.webcam.WebcamPreview;
import pos.device.webcam.WebcamScanner;
import pos.device.webcam.WebcamScannerSettings;
import pos.app.reports.ReportsViewModel;
import pos.app.sell.SellView;
import pos.app.sell.SellViewModel;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.catalog.Catalog;
import pos.core.pay.CardCharge;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PinKey;
import pos.sync.rules.RuleBaseKeeper;
import pos.sync.rules.RuleBaseStatus;
import pos.sync.card.CardTokens;
import pos.sync.card.JournalCardSpending;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.device.Scanner;
import pos.core.events.EventRecorder;
import pos.core.events.EventSink;
import pos.core.sale.TransactionId;
import pos.device.wedge.KeyboardWedgeScanner;
import pos.device.wedge.WedgeScannerSettings;
import pos.sync.SyncService;
import pos.sync.SyncSettings;
import pos.sync.events.UiEventService;
import pos.sync.journal.SqliteSaleJournal;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.sync.pay.PaymentSettings;
import pos.sync.pay.PendingQueue;
import pos.sync.pay.TillPaymentDesk;
import pos.contract.pay.RedisPendingPayments;
import pos.contract.pay.RedisResultBoard;
import pos.contract.redis.RedisConnections;
import pos.core.pay.PaymentGateway;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the till from its configuration, in one place: catalog, journal, sync, scanner, screens;
 * and takes it down again in reverse order. Start and close on the FX thread.
 */
public final class Wiring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);

    private final TillConfig config;
    private final Currency currency;
    private final ResourceBundle text;
    private final MoneyFormat money;
    private final Catalog catalog;
    private final SqliteSaleJournal journal;
    private final SyncService sync;
    private final Clock clock;
    private final UiEventService events;
    private final EventRecorder eventRecorder;
    private final TaskExecutor.Background reportsBackground;
    private final TaskExecutor.Background background;
    private final KeyboardWedgeScanner scanner;
    /** The scanner settings from the configuration alone; the scanner set-up (Ctrl+J) adds to these. */
    private final WedgeScannerSettings scannerConfigured;
    private final SellViewModel sellModel;
    private final List<Scanner.Registration> registrations = new ArrayList<>();
    private final Payments payments;
    private final RedisConnections alertRedis;
    private final RuleBaseKeeper rules;
    /** The webcam scanning codes besides the wedge scanner, or null when pos.webcam is off. */
    private final WebcamScanner webcam;
    private final WebcamCameras cameras;
    /** Voucher redemption through the store's Redis (R2, R6), or null without Redis. */
    private final pos.contract.voucher.RedisVoucherRedemption vouchers;
    private final AutoCloseable rulesSubscription;
    private final pos.sync.alert.RedisAlertFeed alerts;
    /** The store's people on this till, or null when {@code pos.signin=off}. */
    private final People people;

    /**
     * The payment component and what it owns, present when the gateway, the hub and Redis are
     * configured.
     */
    private record Payments(TillPaymentDesk desk, RedisConnections redis, RedisResultBoard board,
            RedisPendingPayments pending, ScheduledExecutorService scheduler) {

        static Payments create(TillConfig config, SqliteSaleJournal journal, Clock clock, CardTokens cardTokens) {
            String hub = config.hubUrl().orElseThrow();
            String notifyUrl = hub + "/notify/sandbox";
            RedisConnections redis = RedisConnections.create(config.redisUrl().orElseThrow(), redisSettings(config));
            RedisResultBoard board = new RedisResultBoard(redis);
            RedisPendingPayments pending = new RedisPendingPayments(redis);
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4, new ThreadFactory() {
                private final AtomicInteger count = new AtomicInteger();

                @Override
                public Thread newThread(Runnable task) {
                    Thread thread = new Thread(task, "pos-pay-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }
            });
            PaymentGateway gateway = new SandboxPaymentGateway(URI.create(config.gatewayUrl().orElseThrow()),
                    SandboxPaymentGateway.DEFAULT_TIMEOUT, SandboxPaymentGateway.DEFAULT_TIMEOUT,
                    SandboxPaymentGateway.DEFAULT_ORDER_EXPIRY, notifyUrl);
            PaymentSettings settings = PaymentSettings.defaults(notifyUrl, URI.create(hub)).withQrTimeout(config.qrTimeout())
                    .withHubPublicKey(config.hubPublicKey().orElse(null)); // issue 10: only the hub's signed results
            TillPaymentDesk desk = new TillPaymentDesk(settings, gateway, journal, board, PendingQueue.of(pending), clock, scheduler,
                    cardTokens, hubClient(config, settings.hubTimeout()).orElseThrow());
            return new Payments(desk, redis, board, pending, scheduler);
        }

        void close() {
            desk.close();
            board.close();
            pending.close();
            scheduler.shutdownNow();
            redis.close();
        }
    }

    /**
     * The store's people at this till (issue 6): clerks and members, the fingerprint reader, sign-in,
     * supervisor approval and member pay, and the thread that syncs people and watches the reader.
     */
    private final class People {
        final pos.sync.people.TillPeople till;
        final pos.app.people.Fingerprints fingerprints;
        final pos.core.people.Authority authority;
        final pos.core.people.PinSignIn pinSignIn;
        final pos.sync.people.RedisStoredValue storedValue;
        final pos.app.people.SignInViewModel signIn;
        final pos.app.people.ApprovalViewModel approval;
        final pos.app.people.MemberPayViewModel memberPay;
        final ScheduledExecutorService watcher;
        final List<AutoCloseable> listeners = new ArrayList<>();
        final TaskExecutor.Background work = TaskExecutor.background("till-people");
        /** The clerk signed in now, or null; UI thread. */
        pos.core.people.SignedIn shift;
        /** Whether voids and cancels need a supervisor and the till needs a signed-in clerk. */
        boolean active;
        private String lastReader = "";
        private boolean syncFailing;

        People() {
            pos.sync.people.PrintKeys keys = pos.sync.people.PrintKeys.configuredOrIn(config.printKeys(), config.dataDir());
            pos.sync.auth.StreamSigner signer = streamSigner(config);
            this.till = pos.sync.people.TillPeople.open(config.dataDir(), keys, alertRedis, clock,
                    hubClient(config, java.time.Duration.ofSeconds(5)).orElse(null), signer);
            if (config.fingerprintWanted()) {
                pos.device.fingerprint.FingerprintWorkerSettings settings = pos.device.fingerprint.FingerprintWorkerSettings.defaults();
                if (config.virtualFingerprintSocket().isPresent()) {
                    settings = settings.withVirtualImageSocket(config.virtualFingerprintSocket().get());
                }
                this.fingerprints = new pos.app.people.Fingerprints(new pos.device.fingerprint.LibfprintReader(settings), till);
            } else {
                this.fingerprints = pos.app.people.Fingerprints.off(till, "switched off: pos.fingerprint=off");
            }
            this.authority = new pos.core.people.Authority(clock);
            this.pinSignIn = new pos.core.people.PinSignIn(till, config.tillId(), pos.core.people.PinSignIn.DEFAULT_MAX_WRONG_PINS,
                    pos.core.people.PinSignIn.DEFAULT_LOCKOUT, clock);
            this.storedValue = alertRedis == null ? null
                    : new pos.sync.people.RedisStoredValue(alertRedis, pos.contract.people.PeopleRedisKeys.DEFAULT, clock, till.store(),
                            signer);
            this.signIn = new pos.app.people.SignInViewModel(till, pinSignIn, fingerprints, clock, config.tillId(), text,
                    config.locale(), work, UiThread.javaFx(), this::signedIn);
            this.approval = new pos.app.people.ApprovalViewModel(till, pinSignIn, authority, fingerprints, () -> shift, text,
                    config.locale(), work, UiThread.javaFx());
            this.memberPay = new pos.app.people.MemberPayViewModel(fingerprints, till, storedValue, sellModel.checkout(), config.tillId(),
                    money, text, work, UiThread.javaFx());
            listeners.add(fingerprints.onPrompt(signIn::prompt));
            listeners.add(fingerprints.onPrompt(approval::prompt));
            listeners.add(fingerprints.onPrompt(memberPay::prompt));
            this.watcher = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "till-people-watch");
                thread.setDaemon(true);
                return thread;
            });
            sellModel.useApproverNames(id -> till.clerk(id).map(pos.core.people.Clerk::name).orElse(id));
            sellModel.usePeopleActions(new SellViewModel.PeopleActions(memberPay::open, this::switchClerk, this::openPeople));
            this.active = config.signInRequired() || !till.clerks().isEmpty();
        }

        void start() {
            fingerprints.start();
            if (active) {
                lock("signin.reason.start");
            }
            watcher.scheduleWithFixedDelay(this::watchReader, 0, 1, java.util.concurrent.TimeUnit.SECONDS);
            if (till.syncs()) {
                watcher.scheduleWithFixedDelay(this::sync, 0, 5, java.util.concurrent.TimeUnit.SECONDS);
            }
        }

        private void lock(String reason) {
            sellModel.useSupervision(approval, new pos.core.people.SupervisedSale(authority));
            shift = null;
            sellModel.showClerk(null, "");
            signIn.show(reason);
        }

        private void signedIn(pos.core.people.SignedIn who) {
            if (!active) {
                active = true; // the first supervisor was just made: from now on the till needs a signed-in clerk
                sellModel.useSupervision(approval, new pos.core.people.SupervisedSale(authority));
            }
            shift = who;
            LOG.info("{} ({}, {}) signed in on {} by {}", who.clerk().name(), who.clerk().id(), who.clerk().role(),
                    config.tillId(), who.method());
            sellModel.showClerk(who.clerk().name(), text.getString("role." + who.clerk().role().name()));
        }

        void switchClerk() {
            if (!active) {
                // a store without clerks: make the first supervisor now (Esc: go on selling without)
                signIn.show("signin.reason.start", true);
                return;
            }
            LOG.info("{} hands the till over", shift == null ? "nobody" : shift.clerk().id());
            lock("signin.reason.switch");
        }

        void openPeople() {
            if (!active) {
                signIn.show("signin.reason.start", true);
                return;
            }
            if (shift == null || !shift.clerk().isSupervisor()) {
                sellModel.say("people.supervisorOnly");
                return;
            }
            pos.app.people.PeopleViewModel model = new pos.app.people.PeopleViewModel(till, fingerprints, storedValue,
                    shift, clock, money, text, work, UiThread.javaFx(), currency);
            AutoCloseable prompts = fingerprints.onPrompt(model::prompt);
            pos.app.people.PeopleView.open(stageOwner(), model, text, () -> {
                try {
                    prompts.close();
                } catch (Exception e) {
                    LOG.warn("could not stop the people window's fingerprint prompts", e);
                }
                signIn.refreshClerks();
                approval.readerChanged();
            });
        }

        private long lastRecheck;

        private void watchReader() {
            pos.core.biometric.ReaderStatus status = fingerprints.status();

            String key = status.state() + "|" + status.sentence();
            boolean changed = !key.equals(lastReader);
            lastReader = key;
            UiThread.javaFx().execute(() -> {
                if (changed) {
                    sellModel.showFingerprint(status.state().name(), status.sentence(), !status.isReady());
                }
                signIn.readerChanged();
                approval.readerChanged();
                memberPay.readerChanged();
                // hot-plug: while a screen waits for a finger and there is no reader, look for one every 10 s
                boolean fingerWanted = signIn.shownProperty().get() || approval.shownProperty().get()
                        || memberPay.shownProperty().get();
                if (!status.isReady() && fingerWanted && System.nanoTime() - lastRecheck > 10_000_000_000L) {
                    lastRecheck = System.nanoTime();
                    fingerprints.recheck();
                }
            });
        }

        private void sync() {
            try {
                int before = till.clerks().size();
                till.sync();
                if (syncFailing) {
                    LOG.info("people sync with the store works again");
                    syncFailing = false;
                }
                if (till.clerks().size() != before) {
                    UiThread.javaFx().execute(() -> {
                        signIn.refreshClerks();
                        if (!active && !till.clerks().isEmpty() && config.signInWanted()) {
                            active = true;
                            lock("signin.reason.start");
                        }
                    });
                }
            } catch (pos.sync.auth.MissingTillCredentialException e) {
                if (!syncFailing) {
                    LOG.warn("people changes made here wait on this till: {}", e.getMessage());
                    syncFailing = true;
                }
            } catch (RuntimeException e) {
                if (!syncFailing) {
                    LOG.warn("people sync with the store failed; this till goes on with the people it knows and tries "
                            + "again every 5 s", e);
                    syncFailing = true;
                } else {
                    LOG.debug("people sync still failing: {}", e.getMessage());
                }
            }
        }

        void close() {
            watcher.shutdownNow();
            for (AutoCloseable listener : listeners) {
                try {
                    listener.close();
                } catch (Exception e) {
                    LOG.warn("could not remove a fingerprint prompt listener", e);
                }
            }
            fingerprints.close();
            work.close();
            if (storedValue != null) {
                storedValue.close();
            }
            till.close();
        }
    }

    private javafx.stage.Window stageOwner() {
        return javafx.stage.Window.getWindows().stream().filter(javafx.stage.Window::isFocused).findFirst()
                .orElse(javafx.stage.Window.getWindows().isEmpty() ? null : javafx.stage.Window.getWindows().get(0));
    }

    private Wiring(TillConfig config, Clock clock, WebcamCameras cameras) {
        this.config = config;
        this.text = ResourceBundle.getBundle("pos.app.i18n.messages", config.locale());
        this.money = new MoneyFormat(config.locale());
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new ConfigException("cannot create the data directory " + config.dataDir() + ": " + e.getMessage(), e);
        }
        CsvCatalogLoader loader = new CsvCatalogLoader();
        this.catalog = config.catalogFile()
                .map(file -> loader.load(file, VariableMeasureLayout.DEFAULT))
                .orElseGet(() -> loader.loadBundledSample(VariableMeasureLayout.DEFAULT));
        Currency currency = catalog.products().isEmpty()
                ? Currency.getInstance(config.locale())
                : catalog.products().get(0).unitPrice().currency();
        this.journal = SqliteSaleJournal.open(config.dataDir());
        this.sync = new SyncService(syncSettings(config), journal);
        this.clock = clock;
        this.events = UiEventService.open(syncSettings(config), config.dataDir());
        this.eventRecorder = new EventRecorder(events.sink(), config.tillId(), clock);
        this.reportsBackground = TaskExecutor.background("till-reports");
        this.background = TaskExecutor.background("till-journal");
        CardTokens cardTokens = CardTokens.openIn(config.dataDir());
        this.payments = config.paymentsConfigured() ? Payments.create(config, journal, clock, cardTokens) : null;
        this.sellModel = new SellViewModel(catalog, journal, sync, payments == null ? null : payments.desk(),
                new TransactionId.Generator(clock), clock, config.tillId(), currency, money, text, background, UiThread.javaFx());
        this.alertRedis = config.redisUrl().map(url -> RedisConnections.create(url, redisSettings(config))).orElse(null);
        this.rules = RuleBaseKeeper.start(config.dataDir(), alertRedis, ruleBaseTrust(config));
        sellModel.useRules(rules::current, new JournalCardSpending(journal, cardTokens, clock.getZone()), config.merchantId());
        sellModel.useEvents(eventRecorder);
        sellModel.showDemoMode(config.demo() && config.usesSandboxKeys()); // issue 10: the sandbox's keys, said on screen
        pos.core.voucher.VoucherCodec voucherCodec;
        try {
            voucherCodec = new pos.core.voucher.VoucherCodec(pos.core.voucher.VoucherKeys.parse(config.voucherKeys()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("pos.voucher.keys: " + e.getMessage(), e);
        }
        this.vouchers = alertRedis == null ? null : new pos.contract.voucher.RedisVoucherRedemption(alertRedis, config.storeId());
        sellModel.useVouchers(voucherCodec, config.storeId(), vouchers);
        showRuleBase(rules.status());
        this.rulesSubscription = rules.onStatus(status -> UiThread.javaFx().execute(() -> showRuleBase(status)));
        if (payments != null) {
            PinKey pinKey = PinKey.fromText(config.gatewayPinKey());
            TillPaymentDesk desk = payments.desk();
            sellModel.useCardPayments((attempt, amount, description, card, pin) -> {
                PaymentOrder order = new PaymentOrder(attempt, config.tillId(), PaymentMethod.BANK_CARD, amount, description,
                        clock.instant());
                return desk.startCard(order, CardCharge.of(card, pin, pinKey, order));
            });
        }
        if (alertRedis != null) {
            alerts = new pos.sync.alert.RedisAlertFeed(alertRedis, pos.sync.alert.RedisAlertFeed.DEFAULT_KEY,
                    java.time.Duration.ofSeconds(2));
            sellModel.followAlerts(alerts);
        } else {
            alerts = null;
        }
        this.currency = currency;
        this.people = config.signInWanted() ? new People() : null;
        if (payments != null) {
            payments.desk().onLatePayment(late -> UiThread.javaFx().execute(() -> sellModel.handleLatePayment(
                    late.order().amount(), late.order().outTradeNo(), late.outcome().name())));
        }
        WedgeScannerSettings wedge = WedgeScannerSettings.defaults();
        this.scannerConfigured = wedge
                // a voucher's QR code (R1) is longer than any product code: a wedge scanner reading it must not be refused
                .withLengths(wedge.minLength(), Math.max(wedge.maxLength(), pos.core.voucher.VoucherCodec.MAX_CODE_LENGTH))
                .withMaxInterKeyGap(config.scannerMaxGap())
                .withPrefix(config.scannerPrefix())
                .withSuffix(config.scannerSuffix());
        this.scanner = new KeyboardWedgeScanner(new pos.app.scanner.LearnedScannerFile(config.dataDir()).appliedTo(scannerConfigured));
        registrations.add(scanner.onScan(scan -> sellModel.handleScan(scan.code())));
        registrations.add(scanner.onRejected(rejected -> sellModel.handleRejectedScan(rejected.reason().name())));
        if (cameras != null) {
            String camera = config.webcam().equalsIgnoreCase("simulated") ? ""
                    : config.webcam().equalsIgnoreCase("auto") ? new CameraChoice(config.dataDir()).saved().orElse("")
                    : config.webcam();
            this.cameras = cameras;
            this.webcam = new WebcamScanner(cameras, WebcamScannerSettings.defaults().withCamera(camera));
            // the scanner's threads hand reads and status to the UI thread; the wedge scanner goes on either way
            registrations.add(webcam.onScan(scan -> UiThread.javaFx().execute(() -> sellModel.handleScan(scan.code()))));
            registrations.add(webcam.onStatus(status -> UiThread.javaFx().execute(() -> sellModel.showCamera(
                    status.state().name(), status.camera(), status.message()))));
        } else {
            this.webcam = null;
            this.cameras = null;
        }
    }

    /**
     * The till's client of the hub (issue 10): this till's credential from {@code pos.hub.credentialFile} (0600) or
     * POS_HUB_CREDENTIAL, the hub's certificate from {@code pos.hub.trustStore}; empty without {@code pos.hub.url}.
     */
    static java.util.Optional<pos.sync.hub.HubClient> hubClient(TillConfig config, java.time.Duration timeout) {
        if (config.hubUrl().isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(pos.sync.hub.HubClient.forTill(URI.create(config.hubUrl().get()),
                config.hubCredentialFile(), config.hubTrustStore(), System.getenv(), timeout));
    }

    static SyncSettings syncSettings(TillConfig config) {
        SyncSettings settings = SyncSettings.standalone(config.tillId());
        return config.redisUrl().map(settings::withRedis).map(s -> s.withSigner(streamSigner(config)))
                .map(s -> s.withRedisSettings(redisSettings(config))).orElse(settings);
    }

    /**
     * Issue 10: how every connection of this till logs in to the store's Redis: {@code pos.redis.user},
     * {@code pos.redis.passwordFile} (0600) or POS_REDIS_PASSWORD, {@code pos.redis.caFile} for {@code rediss://}.
     */
    static pos.contract.redis.RedisSettings redisSettings(TillConfig config) {
        return pos.app.config.TillRedisSettings.of(config, System.getenv());
    }

    /**
     * Issue 10: what this till writes into the store's streams is signed with its credential from the hub
     * ({@code pos.hub.credentialFile} or {@code POS_HUB_CREDENTIAL}); without one the outboxes hold and the
     * status bar says which setting is missing.
     */
    static pos.sync.auth.StreamSigner streamSigner(TillConfig config) {
        if (config.redisUrl().isEmpty()) {
            return pos.sync.auth.StreamSigner.missing(config.tillId());
        }
        return pos.sync.auth.StreamSigner.configured(config.hubCredentialFile(), System.getenv(), config.tillId());
    }

    /** The till's look: AtlantaFX Primer Light under the screens' own style sheets. FX thread. */
    public static void applyTheme() {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
    }

    /** Builds everything and starts background sync. */
    public static Wiring start(TillConfig config) {
        return start(config, Clock.systemDefaultZone());
    }

    /** As {@link #start(TillConfig)}, on the given clock (tests drive payment deadlines with it). */
    public static Wiring start(TillConfig config, Clock clock) {
        WebcamCameras cameras = !config.webcamWanted() ? null
                : config.webcam().equalsIgnoreCase("simulated") ? DemoCamera.cameras()
                : WebcamCameras.defaultDriver();
        return start(config, clock, cameras);
    }

    /**
     * As {@link #start(TillConfig, Clock)}, scanning with the webcams of {@code cameras} (tests and
     * demos pass a simulated camera), or none when null.
     */
    public static Wiring start(TillConfig config, Clock clock, WebcamCameras cameras) {
        Wiring wiring = new Wiring(config, clock, cameras);
        if (wiring.webcam != null) {
            wiring.webcam.start();
        }
        wiring.sync.start();
        wiring.events.start();
        if (wiring.people != null) {
            wiring.people.start();
        }
        if (wiring.payments != null) {
            wiring.payments.desk().start();
        }
        LOG.info("till {} ready: {} products, journal {}, sync {}", config.tillId(), wiring.catalog.size(),
                wiring.journal.file(), config.syncConfigured() ? "on" : "off");
        if (wiring.payments == null) {
            LOG.info("QR and pay-code tenders are off: they need pos.gateway.url, pos.hub.url and pos.redis.url");
        }
        return wiring;
    }

    /** Issue 10: whose rule bases this till takes (pos.rules.ownerPublicKey; checked when the config was loaded). */
    private static pos.sync.rules.RuleBaseTrust ruleBaseTrust(TillConfig config) {
        return config.rulesOwnerPublicKey()
                .map(key -> key.equals(TillConfig.UNSIGNED_RULES_DEMO) ? pos.sync.rules.RuleBaseTrust.unsignedForDemo()
                        : pos.sync.rules.RuleBaseTrust.owner(pos.contract.rules.RuleBaseSignature.ownerPublicKey(key,
                                "pos.rules.ownerPublicKey"), config.storeId()))
                .orElse(pos.sync.rules.RuleBaseTrust.none(config.storeId()));
    }

    /**
     * The status bar's rule-base text: the version in force and where it came from, and a refused
     * update when it is newer than the version in force.
     */
    private void showRuleBase(RuleBaseStatus status) {
        boolean refusedSince = status.lastRefusal() != null && status.refusedAt() != null
                && !status.refusedAt().isBefore(status.since());
        sellModel.showRuleBase(status.version(), status.source().name(), refusedSince ? status.lastRefusal() : "");
    }

    /** The rule base in force and where it came from (R14). */
    public RuleBaseKeeper rules() {
        return rules;
    }

    public Parent sellScreen() {
        javafx.scene.Node preview = null;
        if (webcam != null) {
            WebcamPreview webcamPreview = new WebcamPreview();
            webcamPreview.attach(webcam);
            preview = webcamPreview;
        }
        Parent sell = SellView.load(sellModel, text, money, config.tillId(), config.dataDir().toString(),
                java.text.MessageFormat.format(text.getString("status.scanner"), scanner.name()), this::openReports, preview,
                webcam == null ? null : this::openCameraSettings);
        if (people == null) {
            return sell;
        }
        // sign-in, supervisor approval and member pay lie over the sell screen, never in a window of their own
        return new javafx.scene.layout.StackPane(sell,
                pos.app.people.ApprovalView.load(people.approval, text),
                pos.app.people.MemberPayView.load(people.memberPay, text),
                pos.app.people.SignInView.load(people.signIn, text));
    }

    /** The sign-in screen's model, or empty when {@code pos.signin=off}. */
    public java.util.Optional<pos.app.people.SignInViewModel> signIn() {
        return java.util.Optional.ofNullable(people).map(p -> p.signIn);
    }

    /** The supervisor approval's model, or empty when {@code pos.signin=off}. */
    public java.util.Optional<pos.app.people.ApprovalViewModel> approval() {
        return java.util.Optional.ofNullable(people).map(p -> p.approval);
    }

    /** The member pay's model, or empty when {@code pos.signin=off}. */
    public java.util.Optional<pos.app.people.MemberPayViewModel> memberPay() {
        return java.util.Optional.ofNullable(people).map(p -> p.memberPay);
    }

    /** The till's people (clerks, members, sealed prints), or empty when {@code pos.signin=off}. */
    public java.util.Optional<pos.sync.people.TillPeople> people() {
        return java.util.Optional.ofNullable(people).map(p -> p.till);
    }

    /** The fingerprint reader as the screens use it, or empty when {@code pos.signin=off}. */
    public java.util.Optional<pos.app.people.Fingerprints> fingerprints() {
        return java.util.Optional.ofNullable(people).map(p -> p.fingerprints);
    }

    /** The clerk signed in now, or empty (nobody, or no sign-in); FX thread. */
    public java.util.Optional<pos.core.people.SignedIn> shift() {
        return java.util.Optional.ofNullable(people).map(p -> p.shift);
    }

    /** The camera settings over {@code owner} (FX thread): choose the camera the till scans with. */
    public javafx.stage.Stage openCameraSettings(javafx.stage.Window owner) {
        CameraSettingsViewModel model = new CameraSettingsViewModel(cameras, webcam, new CameraChoice(config.dataDir()), text,
                reportsBackground, UiThread.javaFx());
        return CameraSettingsView.open(owner, model, text);
    }

    /** The webcam scanner, or empty when pos.webcam is off. */
    public java.util.Optional<WebcamScanner> webcam() {
        return java.util.Optional.ofNullable(webcam);
    }

    /** The customer-facing window's content, following this till's sell screen. */
    public Parent customerDisplay() {
        return pos.app.customer.CustomerDisplayView.load(new pos.app.customer.CustomerDisplayViewModel(sellModel.checkout()), text);
    }

    public boolean customerDisplayWanted() {
        return config.customerDisplay();
    }

    /** Lets the scanner see every key of the window; Ctrl+J opens the scanner set-up. */
    public void attach(Scene scene) {
        scanner.install(scene);
        scene.getAccelerators().put(pos.app.scanner.ScannerSetupView.SHORTCUT, () -> {
            if (!sellModel.lockedProperty().get()) {
                openScannerSetup(scene.getWindow());
            }
        });
    }

    /** The barcode scanner set-up over {@code owner} (FX thread): learns and keeps the scanner's prefix, suffix and pace. */
    public javafx.stage.Stage openScannerSetup(javafx.stage.Window owner) {
        pos.app.scanner.ScannerSetupViewModel model = new pos.app.scanner.ScannerSetupViewModel(
                pos.app.scanner.ScannerSetupViewModel.newCode(), scannerConfigured, scanner::reconfigure,
                new pos.app.scanner.LearnedScannerFile(config.dataDir()), text, reportsBackground, UiThread.javaFx());
        return pos.app.scanner.ScannerSetupView.open(owner, model, text);
    }

    public String title() {
        return text.getString("app.title") + " — " + config.tillId();
    }

    public SellViewModel sellModel() {
        return sellModel;
    }

    public SqliteSaleJournal journal() {
        return journal;
    }

    /** Where the screens report buried points (R19): {@code eventRecorder().pageShown(PageIds.TENDER_CARD)}. */
    public EventRecorder eventRecorder() {
        return eventRecorder;
    }

    /** The raw sink behind {@link #eventRecorder()} (never blocks, never throws). */
    public EventSink eventSink() {
        return events.sink();
    }

    /** The till's UI event service (journal, sync, conversion reports). */
    public UiEventService events() {
        return events;
    }

    /** Opens the reports view (R19) over {@code owner}; FX thread. */
    public javafx.stage.Stage openReports(javafx.stage.Window owner) {
        ReportsViewModel model = new ReportsViewModel(events.reports(), eventRecorder, clock, clock.getZone(),
                config.locale(), text, reportsBackground, UiThread.javaFx());
        return ReportsView.open(owner, model, text);
    }

    public KeyboardWedgeScanner scanner() {
        return scanner;
    }

    /** Stops in reverse order; queued journal writes finish first. */
    @Override
    public void close() {
        registrations.forEach(Scanner.Registration::close);
        scanner.uninstall();
        if (webcam != null) {
            webcam.close();
        }
        if (people != null) {
            people.close();
        }
        sellModel.dispose();
        background.close();
        if (payments != null) {
            payments.close();
        }
        try {
            rulesSubscription.close();
        } catch (Exception e) {
            LOG.warn("could not stop following the rule base", e);
        }
        rules.close();
        if (vouchers != null) {
            vouchers.close();
        }
        if (alerts != null) {
            alerts.close();
        }
        if (alertRedis != null) {
            alertRedis.close();
        }
        reportsBackground.close();
        events.close();
        sync.stop();
        journal.close();
        LOG.info("till {} stopped", config.tillId());
    }
}
