package pos.app;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.Optional;
import java.util.ResourceBundle;
import javafx.scene.Parent;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.camera.CameraChoice;
import pos.app.camera.CameraSettingsView;
import pos.app.camera.CameraSettingsViewModel;
import pos.app.catalog.CsvCatalogLoader;
import pos.app.config.ConfigException;
import pos.app.config.TillConfig;
import pos.app.people.PeopleModule;
import pos.app.reports.ReportsView;
import pos.app.reports.ReportsViewModel;
import pos.app.sell.SellView;
import pos.app.sell.SellViewModel;
import pos.app.start.DevicesModule;
import pos.app.start.PaymentsModule;
import pos.app.start.StartupStack;
import pos.app.start.StoreClients;
import pos.app.start.StoreRedis;
import pos.app.start.SyncModule;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.contract.redis.RedisConnections;
import pos.contract.voucher.RedisVoucherRedemption;
import pos.core.catalog.Catalog;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.events.EventRecorder;
import pos.core.events.EventSink;
import pos.core.pay.CardCharge;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.sale.TransactionId;
import pos.core.voucher.VoucherCodec;
import pos.device.webcam.WebcamCameras;
import pos.device.webcam.WebcamPreview;
import pos.device.webcam.WebcamScanner;
import pos.device.webcam.WebcamStatus;
import pos.device.wedge.KeyboardWedgeScanner;
import pos.sync.alert.RedisAlertFeed;
import pos.sync.auth.StreamSigner;
import pos.sync.card.CardTokens;
import pos.sync.card.JournalCardSpending;
import pos.sync.events.UiEventService;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.rules.RuleBaseKeeper;
import pos.sync.rules.RuleBaseStatus;

/**
 * The till's composition root: builds the till from its configuration, one module after the other, each registered
 * in a {@link StartupStack} so that a failure at any step closes what was opened, in reverse order, and says which
 * step failed; {@link #close()} takes the till down in the same reverse order. Holds no behaviour of its own. Start
 * and close on the FX thread.
 */
public final class Wiring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);

    private final TillConfig config;
    private final Clock clock;
    private final ResourceBundle text;
    private final MoneyFormat money;
    private final StartupStack stack;
    private final SqliteSaleJournal journal;
    private final SyncModule sync;
    private final EventRecorder eventRecorder;
    private final TaskExecutor.Background reportsBackground;
    private final SellViewModel sellModel;
    private final RuleBaseKeeper rules;
    /** The payment component, or null when the gateway, the hub or Redis is not configured. */
    private final PaymentsModule payments;
    /** Issue 13: why the configured payment provider cannot be used, or null. */
    private pos.app.start.PaymentProviderUnavailableException providerProblem;
    /** The store's people on this till, or null when {@code pos.signin=off}. */
    private final PeopleModule people;
    private final DevicesModule devices;
    /** Issue 12: the shifts (Ctrl+S shift screen, Ctrl+N no sale). */
    private final pos.app.shift.ShiftDesk shiftDesk;
    /** Issue 12: receipts, the drawer and the printer's state. */
    private final pos.app.receipt.ReceiptModule receipts;
    /** Issue 12.7: the open sale kept across a restart, park and recall, payments taken without a finished sale. */
    private final pos.app.recovery.TillRecovery recovery;
    /** The simulated camera of {@code pos.webcam=simulated} (Ctrl+D shows a code), or null. */
    private DemoCamera demoCamera;
    /** Issue 12 point 3: returns and refunds (Ctrl+U). */
    private final pos.sync.refund.TillRefunds refunds;
    private final pos.app.returns.ReturnsViewModel returnsModel;
    private volatile pos.app.returns.ReturnOutput returnOutput = pos.app.returns.ReturnOutput.notWired();

    private Wiring(StartupStack stack, TillConfig config, Clock clock, WebcamCameras cameras) {
        this.stack = stack;
        this.config = config;
        this.clock = clock;
        this.text = pos.app.i18n.Texts.forLocale(config.locale());
        this.money = new MoneyFormat(config.locale());
        stack.run("start.step.dataDir", () -> createDataDir(config));
        // issue 14: the launcher began reading the catalog and opening the journal while JavaFX started
        Catalog catalog = stack.call("start.step.catalog", () -> pos.app.start.EarlyStart.catalogFor(config)
                .orElseGet(() -> loadCatalog(config)));
        Currency currency = catalog.products().isEmpty() ? Currency.getInstance(config.locale())
                : catalog.products().get(0).unitPrice().currency();
        this.journal = stack.open("start.step.journal", () -> pos.app.start.EarlyStart.journalFor(config)
                .orElseGet(() -> SqliteSaleJournal.open(config.dataDir())));
        RedisConnections redis = stack.open("start.step.redis", () -> StoreRedis.open(config));
        // read once: the sale and event outboxes and the people sync sign with it
        StreamSigner signer = StoreClients.streamSigner(config);
        this.sync = stack.open("start.step.sync", () -> new SyncModule(StoreClients.syncSettings(config, signer), journal,
                redis, config.dataDir()));
        this.eventRecorder = new EventRecorder(sync.events().sink(), config.tillId(), clock);
        CardTokens cardTokens = stack.call("start.step.payments", () -> CardTokens.openIn(config.dataDir()));
        this.payments = stack.open("start.step.payments", () -> openPayments(redis, cardTokens));
        // after the payments: at close the journal's queued work finishes before the payment component stops
        this.reportsBackground = stack.open("start.step.screens", () -> TaskExecutor.background("till-reports"));
        TaskExecutor.Background background = stack.open("start.step.screens", () -> TaskExecutor.background("till-journal"));
        this.sellModel = stack.open("start.step.screens", () -> new SellViewModel(catalog, journal, sync.sales(),
                payments == null ? null : payments.desk(), new TransactionId.Generator(clock), clock, config.tillId(),
                currency, money, text, background, UiThread.javaFx()), SellViewModel::dispose);
        this.rules = stack.open("start.step.rules", () -> RuleBaseKeeper.start(config.dataDir(), redis,
                StoreClients.ruleBaseTrust(config)));
        stack.run("start.step.rules", () -> {
            sellModel.useRules(rules::current, new JournalCardSpending(journal, cardTokens, clock.getZone()), config.merchantId());
            showRuleBase(rules.status());
            stack.onClose("start.step.rules", rules.onStatus(status -> UiThread.javaFx().execute(() -> showRuleBase(status))));
        });
        sellModel.useEvents(eventRecorder);
        if (providerProblem != null) {
            sellModel.showPaymentsNotSetUp(providerProblem.provider(), providerProblem.sentence(),
                    providerProblem.credentialsDir(), providerProblem.missing());
        }
        this.shiftDesk = stack.call("start.step.screens", () -> new pos.app.shift.ShiftDesk(journal, config.tillId(), currency,
                clock, text, money, reportsBackground));
        sellModel.checkout().useShifts(shiftDesk.shifts()::currentShiftId);
        sellModel.checkout().cart().mergeSameProduct(config.cartMerge());
        sellModel.checkout().cash().use(config.tenderLimits());
        sellModel.checkout().cash().use(config.cashRounding());
        sellModel.checkout().discounts().use(config.discountLimits());
        sellModel.showDemoMode(config.demo() && config.usesSandboxKeys()); // issue 10: the sandbox's keys, said on screen
        RedisVoucherRedemption vouchers = stack.open("start.step.vouchers",
                () -> redis == null ? null : new RedisVoucherRedemption(redis, config.storeId()));
        sellModel.useVouchers(new VoucherCodec(config.voucherKeys()), config.storeId(), vouchers);
        if (payments != null) {
            stack.run("start.step.payments", () -> wirePayments(payments));
        }
        // one step, one closer: the recovery owns its store of open and parked sales (in the journal's file)
        this.recovery = stack.open("start.step.recovery", () -> pos.app.recovery.TillRecovery.open(journal,
                payments == null ? null : payments.gateway(), sellModel.checkout(), config.tillId(), clock));
        stack.run("start.step.recovery", () -> {
            StoreClients.hubClient(config, Duration.ofSeconds(5))
                    .ifPresent(hub -> recovery.useHub(hub, reportsBackground, UiThread.javaFx())); // parked sales in the store
            recovery.start();
            recovery.onUnfinished(() -> sellModel.status().showRecovery(recovery.unfinished().size()));
            sellModel.status().showRecovery(recovery.unfinished().size());
        });
        RedisAlertFeed alerts = stack.open("start.step.alerts", () -> redis == null ? null
                : new RedisAlertFeed(redis, RedisAlertFeed.DEFAULT_KEY, Duration.ofSeconds(2)));
        if (alerts != null) {
            sellModel.followAlerts(alerts);
        }
        this.people = stack.open("start.step.people", () -> !config.signInWanted() ? null : new PeopleModule(config, clock, text,
                money, currency, sellModel, redis, signer, StoreClients.hubClient(config, Duration.ofSeconds(5))));
        if (people != null) {
            shiftDesk.usePeople(people.approval(), () -> people.shift().map(s -> s.clerk().id()).orElse(null));
        }
        pos.sync.refund.SqliteRefundSteps refundSteps = stack.open("start.step.returns",
                () -> pos.sync.refund.SqliteRefundSteps.open(journal, clock));
        this.refunds = new pos.sync.refund.TillRefunds(journal, refundSteps, payments == null ? null : payments.gateway(),
                clock, pos.sync.refund.RefundSettings.defaults(), StoreClients.hubClient(config, Duration.ofSeconds(5))
                        .<pos.sync.refund.CreditVouchers>map(hub -> hub::creditVoucher).orElse(null),
                people == null ? null : people.storedValue()); // issue 12.3: credit vouchers, stored value
        TaskExecutor.Background returnsBackground = stack.open("start.step.returns", () -> TaskExecutor.background("till-returns"));
        pos.app.returns.StoreSales storeSales = StoreClients.hubClient(config, Duration.ofSeconds(3))
                .map(pos.app.returns.HubStoreSales::new).orElse(null);
        this.returnsModel = new pos.app.returns.ReturnsViewModel(new pos.app.returns.ReturnLookup(refunds, journal, storeSales,
                clock.getZone()), refunds, people == null ? null : people.approval(), this::shift, () -> shiftDesk.shifts().currentShiftId().orElse(null),
                (done, cashMinor) -> returnOutput.returned(done, cashMinor), new TransactionId.Generator(clock), config.tillId(),
                config.refundApprovalAboveMinor(), currency, clock, money, text, returnsBackground, UiThread.javaFx());
        this.devices = stack.open("start.step.devices", () -> new DevicesModule(config, cameras, scanListener()));
        this.receipts = stack.open("start.step.printer", () -> new pos.app.receipt.ReceiptModule(config.dataDir(),
                config.receipt(), catalog.products().stream().map(pos.core.catalog.Product::taxClass).distinct().toList(),
                text, money, journal, clock, config.tillId(), sellModel.checkout(), UiThread.javaFx()));
        wirePrinting();
        // the data directory is for support: here in the log, not on the clerk's status bar (issue 11 defect 12)
        LOG.info("till {} built: {} products, data directory {}, journal {}, sync {}", config.tillId(), catalog.size(),
                config.dataDir(), journal.file(), config.syncConfigured() ? "on" : "off");
    }

    /** Issue 12: X/Z reports, the drawer (no sale, pay-in/out) and refund receipts go to the receipt printer. */
    private void wirePrinting() {
        pos.app.receipt.PrintedShifts printed = receipts.shiftPrinting(this::clerkId);
        shiftDesk.usePrinting(printed);
        shiftDesk.useDrawer(printed);
        receipts.printing().useShift(() -> shiftDesk.shifts().currentShiftId().orElse(null));
        useReturnOutput((done, cashMinor) -> receipts.printing().printReturn(done).whenComplete((outcome, failure) -> {
            if (failure != null || outcome != pos.app.receipt.ReceiptPrinting.Outcome.PRINTED) {
                LOG.warn("refund receipt of return {} not printed ({}); Shift+Alt+R reprints it", done.returnId(),
                        failure != null ? failure.getMessage() : outcome, failure);
            }
        }));
    }

    private static void createDataDir(TillConfig config) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new ConfigException("cannot create the data directory " + config.dataDir() + ": " + e.getMessage(), e);
        }
    }

    static Catalog loadCatalog(TillConfig config) {
        CsvCatalogLoader loader = new CsvCatalogLoader();
        return config.catalogFile().map(file -> loader.load(file, VariableMeasureLayout.DEFAULT))
                .orElseGet(() -> loader.loadBundledSample(VariableMeasureLayout.DEFAULT));
    }

    /**
     * Issue 13: the payment component with the configured provider, or null. A provider whose credentials are missing
     * or unusable leaves the till without QR, pay-code and card, never without cash: one ERROR line in the log (the
     * provider's sentence names each file and variable, never a secret), and the clerk reads what is missing on the
     * status bar and the message line.
     */
    private PaymentsModule openPayments(RedisConnections redis, CardTokens cardTokens) {
        try {
            if (!config.paymentsConfigured()) {
                if (config.realProvider()) {
                    PaymentsModule.checkCredentials(config); // said at start even before the hub and Redis are set up
                }
                return null;
            }
            return PaymentsModule.open(config, journal, redis, clock, cardTokens,
                    timeout -> StoreClients.hubClient(config, timeout).orElseThrow());
        } catch (pos.app.start.PaymentProviderUnavailableException e) {
            providerProblem = e;
            LOG.error("payments by {} are off on this till (cash goes on): {}", e.provider(), e.sentence());
            LOG.debug("the payment provider {} could not be opened", e.provider(), e);
            return null;
        }
    }

    private void wirePayments(PaymentsModule payments) {
        stack.onClose("start.step.payments", payments.desk().onLatePayment(late -> UiThread.javaFx().execute(
                () -> sellModel.handleLatePayment(late.order().amount(), late.order().outTradeNo(), late.outcome().name()))));
        sellModel.useCardPayments((attempt, amount, description, card, pin) -> {
            PaymentOrder order = new PaymentOrder(attempt, config.tillId(), PaymentMethod.BANK_CARD, amount, description,
                    clock.instant());
            return payments.desk().startCard(order, CardCharge.of(card, pin, config.gatewayPinKey(), order));
        });
    }

    private DevicesModule.Listener scanListener() {
        return new DevicesModule.Listener() {
            @Override
            public void scanned(String code, boolean fromWebcam) {
                if (fromWebcam) {
                    // the webcam's threads hand reads to the UI thread; the wedge scanner goes on either way
                    UiThread.javaFx().execute(() -> scannedHere(code));
                } else {
                    scannedHere(code);
                }
            }

            @Override
            public void rejected(String reason) {
                sellModel.handleRejectedScan(reason);
            }

            @Override
            public void webcamStatus(WebcamStatus status) {
                UiThread.javaFx().execute(() -> sellModel.showCamera(status.state().name(), status.camera(), status.message()));
            }
        };
    }

    /** A scan goes to the returns screen while it shows (the receipt's code), else to the sale. FX thread. */
    private void scannedHere(String code) {
        if (returnsModel != null && returnsModel.shownProperty().get()) {
            returnsModel.scanned(code);
        } else {
            sellModel.handleScan(code);
        }
    }

    /** The status bar's rule-base text: the version in force and where it came from, and a refused newer update. */
    private void showRuleBase(RuleBaseStatus status) {
        boolean refusedSince = status.lastRefusal() != null && status.refusedAt() != null
                && !status.refusedAt().isBefore(status.since());
        sellModel.showRuleBase(status.version(), status.source().name(), refusedSince ? status.lastRefusal() : "",
                status.refusal() == null ? null : status.refusal().key(),
                status.refusal() == null ? java.util.List.of() : status.refusal().values());
    }

    /** The till's look: AtlantaFX Primer Light under the screens' own style sheets. FX thread. */
    public static void applyTheme() {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        pos.app.i18n.CjkFont.uninstall(); // issue 14.3: the Chinese font only with applyTheme(a Chinese locale)
    }

    /** As {@link #applyTheme()}, and for a Chinese till a Simplified Chinese font in every window (issue 14.3). */
    public static void applyTheme(java.util.Locale locale) {
        applyTheme();
        pos.app.i18n.CjkFont.install(locale);
    }

    /** Builds everything and starts background sync. */
    public static Wiring start(TillConfig config) {
        return start(config, Clock.systemDefaultZone());
    }

    /** As {@link #start(TillConfig)}, on the given clock (tests drive payment deadlines with it). */
    public static Wiring start(TillConfig config, Clock clock) {
        DemoCamera demo = config.webcam().mode() == pos.app.config.WebcamMode.SIMULATED ? new DemoCamera() : null;
        Wiring wiring = start(config, clock, DevicesModule.camerasFor(config, () -> demo.webcams()));
        wiring.demoCamera = demo;
        if (demo != null) {
            wiring.sellModel.status().showSimulatedCamera(true);
        }
        return wiring;
    }

    /**
     * As {@link #start(TillConfig, Clock)}, scanning with the webcams of {@code cameras} (tests and demos pass a
     * simulated camera), or none when null.
     *
     * @throws pos.app.start.TillStartException naming the step that failed, after closing what was opened
     */
    public static Wiring start(TillConfig config, Clock clock, WebcamCameras cameras) {
        StartupStack stack = new StartupStack();
        Wiring wiring;
        try {
            wiring = new Wiring(stack, config, clock, cameras);
        } catch (pos.app.start.TillStartException e) {
            throw e;
        } catch (RuntimeException e) {
            throw stack.failed("start.step.screens", e); // wiring a built part into the screens failed
        }
        stack.run("start.step.devices", wiring.devices::start);
        stack.run("start.step.sync", wiring.sync::start);
        stack.run("start.step.printer", () -> wiring.receipts.start(wiring.sellModel.status(), wiring::clerkId));
        if (wiring.people != null) {
            stack.run("start.step.people", () -> {
                wiring.people.useFaceReader(wiring.faceReader()); // issue 16: after the devices opened the webcam
                wiring.people.start();
            });
        }
        if (wiring.payments != null) {
            stack.run("start.step.payments", wiring.payments.desk()::start);
        }
        LOG.info("till {} ready", config.tillId());
        if (!config.paymentsConfigured()) {
            LOG.info("QR and pay-code tenders are off: they need {}pos.hub.url and pos.redis.url",
                    config.realProvider() ? "" : "pos.gateway.url, ");
        }
        return wiring;
    }

    /**
     * The webcam's face reader for {@code pos.face=on} (issue 16), or empty (face off, or no webcam: then face shows
     * nowhere, and with pos.face=on the people window and the status bar say why). Made only when face is on, so a
     * till with face off never starts OpenCV's worker; the people module closes it.
     */
    private Optional<pos.core.biometric.BiometricReader> faceReader() {
        WebcamScanner webcam = devices.webcam();
        if (!config.face().on() || webcam == null) {
            return Optional.empty();
        }
        return Optional.of(new pos.device.face.FaceReader(pos.device.face.FrameSource.of(webcam),
                pos.device.face.FaceSettings.defaults().withCrashDirectory(config.dataDir().resolve("logs"))));
    }

    /** The rule base in force and where it came from (R14). */
    public RuleBaseKeeper rules() {
        return rules;
    }

    public Parent sellScreen() {
        WebcamScanner webcam = devices.webcam();
        WebcamPreview preview = null;
        if (webcam != null) {
            WebcamPreview webcamPreview = new WebcamPreview();
            webcamPreview.attach(webcam);
            preview = webcamPreview;
        }
        Parent sell = SellView.load(sellModel, text, money, config.tillId(),
                java.text.MessageFormat.format(text.getString("status.scanner"), KeyboardWedgeScanner.DEFAULT_NAME.equals(devices.scanner()
                        .name()) ? text.getString("status.scanner.keyboard") : devices.scanner().name()), this::openReports,
                preview, webcam == null ? null : this::openCameraSettings);
        // the returns screen (Ctrl+U) lies over the sell screen, under the supervisor's approval
        javafx.scene.layout.StackPane screen = new javafx.scene.layout.StackPane(sell,
                pos.app.returns.ReturnsView.load(returnsModel, text));
        if (people == null) {
            return screen;
        }
        // sign-in, supervisor approval and member pay lie over the sell screen, never in a window of their own
        screen.getChildren().addAll(people.overlays());
        return screen;
    }

    /** The sign-in screen's model, or empty when {@code pos.signin=off}. */
    public Optional<pos.app.people.SignInViewModel> signIn() {
        return Optional.ofNullable(people).map(PeopleModule::signIn);
    }

    /** The supervisor approval's model, or empty when {@code pos.signin=off}. */
    public Optional<pos.app.people.ApprovalViewModel> approval() {
        return Optional.ofNullable(people).map(PeopleModule::approval);
    }

    /** The member pay's model, or empty when {@code pos.signin=off}. */
    public Optional<pos.app.people.MemberPayViewModel> memberPay() {
        return Optional.ofNullable(people).map(PeopleModule::memberPay);
    }

    /** The till's people (clerks, members, sealed prints), or empty when {@code pos.signin=off}. */
    public Optional<pos.sync.people.TillPeople> people() {
        return Optional.ofNullable(people).map(PeopleModule::people);
    }

    /** The fingerprint reader as the screens use it, or empty when {@code pos.signin=off}. */
    public Optional<pos.app.people.Fingerprints> fingerprints() {
        return Optional.ofNullable(people).map(PeopleModule::fingerprints);
    }

    /** The clerk signed in now, or empty (nobody, or no sign-in); FX thread. */
    public Optional<pos.core.people.SignedIn> shift() {
        return Optional.ofNullable(people).flatMap(PeopleModule::shift);
    }

    /** The camera settings over {@code owner} (FX thread): choose the camera the till scans with. */
    public javafx.stage.Stage openCameraSettings(javafx.stage.Window owner) {
        CameraSettingsViewModel model = new CameraSettingsViewModel(devices.cameras(), devices.webcam(),
                new CameraChoice(config.dataDir()), text, reportsBackground, UiThread.javaFx());
        // issue 11 defect 10: while the settings are open the camera's reads show there, never in the sale
        pos.core.device.Scanner.Registration held = devices.holdWebcamReads();
        javafx.stage.Stage stage;
        try {
            stage = CameraSettingsView.open(owner, model, text);
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> held.close());
        return stage;
    }

    /** The webcam scanner, or empty when pos.webcam is off. */
    public Optional<WebcamScanner> webcam() {
        return Optional.ofNullable(devices.webcam());
    }

    /** The customer-facing window's content, following this till's sell screen. */
    public Parent customerDisplay() {
        return pos.app.customer.CustomerDisplayView.load(new pos.app.customer.CustomerDisplayViewModel(sellModel.checkout()), text);
    }

    public boolean customerDisplayWanted() {
        return config.customerDisplay();
    }

    /** Lets the scanner see every key of the window; Ctrl+J opens the scanner set-up; Ctrl+D shows the simulated camera a code. */
    public void attach(Scene scene) {
        devices.scanner().install(scene);
        if (demoCamera != null) {
            scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.D,
                    javafx.scene.input.KeyCombination.SHORTCUT_DOWN), () -> {
                        if (!sellModel.lockedProperty().get()) {
                            demoCamera.showNextCode();
                        }
                    });
        }
        shiftDesk.install(scene, sellModel.lockedProperty()::get, () -> {
            pos.core.sale.Sale sale = sellModel.checkout().sale();
            return !sale.isEmpty() && !sale.state().isFinal();
        }, sentence -> sellModel.checkout().show(pos.app.checkout.MessageKind.INFO, sentence));
        pos.app.receipt.ReceiptKeys.install(scene, sellModel.lockedProperty(), () -> receipts.reprintLast(clerkId()),
                () -> openReprint(scene.getWindow()), () -> openPrinterSettings(scene.getWindow()));
        sellModel.status().useReprintByNumber(() -> openReprint(scene.getWindow()));
        // a filter, not an accelerator: the entry field takes Ctrl+H as backspace before accelerators see it
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            Runnable action = pos.app.recovery.ParkedSalesView.PARK.match(e) ? recovery::park
                    : pos.app.recovery.ParkedSalesView.RECALL.match(e) ? () -> openParkedSales(scene.getWindow())
                    : RECOVERY_SHORTCUT.match(e) ? () -> openRecovery(scene.getWindow()) : null;
            if (action != null) {
                e.consume();
                if (!sellModel.lockedProperty().get()) {
                    action.run();
                }
            }
        });
        scene.getAccelerators().put(pos.app.scanner.ScannerSetupView.SHORTCUT, () -> {
            if (!sellModel.lockedProperty().get()) {
                openScannerSetup(scene.getWindow());
            }
        });
        scene.getAccelerators().put(RETURNS_SHORTCUT, () -> {
            if (!sellModel.lockedProperty().get()) {
                returnsModel.open();
            }
        });
    }

    /** Ctrl+U: the returns screen (issue 12 point 3). */
    public static final javafx.scene.input.KeyCombination RETURNS_SHORTCUT = new javafx.scene.input.KeyCodeCombination(
            javafx.scene.input.KeyCode.U, javafx.scene.input.KeyCombination.SHORTCUT_DOWN);

    /** The returns screen's model (issue 12 point 3). */
    public pos.app.returns.ReturnsViewModel returnsModel() {
        return returnsModel;
    }

    /** Returns and refunds on this till: unfinished returns at start-up ({@code refunds().unfinished()}), resuming them. */
    public pos.sync.refund.TillRefunds refunds() {
        return refunds;
    }

    /** Where a journaled return goes next: the refund receipt and the drawer (the integrator wires the printer here). */
    public void useReturnOutput(pos.app.returns.ReturnOutput output) {
        this.returnOutput = java.util.Objects.requireNonNull(output, "output");
    }

    /** The barcode scanner set-up over {@code owner} (FX thread): learns and keeps the scanner's prefix, suffix and pace. */
    public javafx.stage.Stage openScannerSetup(javafx.stage.Window owner) {
        pos.app.scanner.ScannerSetupViewModel model = new pos.app.scanner.ScannerSetupViewModel(
                pos.app.scanner.ScannerSetupViewModel.newCode(), devices.scannerConfigured(), devices.scanner()::reconfigure,
                new pos.app.scanner.LearnedScannerFile(config.dataDir()), text, reportsBackground, UiThread.javaFx());
        return pos.app.scanner.ScannerSetupView.open(owner, model, text);
    }

    /** The clerk signed in now (for the journaled reprints), or null; FX thread. */
    private String clerkId() {
        return shift().map(signedIn -> signedIn.clerk().id()).orElse(null);
    }

    /** Issue 12: receipts and the drawer (returns print refunds with {@code receipts().printing().printReturn}). */
    public pos.app.receipt.ReceiptModule receipts() {
        return receipts;
    }

    /** Shift+Alt+R over {@code owner} (FX thread): type or scan a receipt's number, its copy is printed. */
    public javafx.stage.Stage openReprint(javafx.stage.Window owner) {
        return pos.app.receipt.ReprintView.open(owner, new pos.app.receipt.ReprintViewModel(receipts.printing(),
                this::clerkId, text, UiThread.javaFx()), text);
    }

    /** Ctrl+Shift+P over {@code owner} (FX thread): the receipt printer's settings, a test page, saved and used at once. */
    public javafx.stage.Stage openPrinterSettings(javafx.stage.Window owner) {
        return pos.app.receipt.PrinterSettingsView.open(owner, new pos.app.receipt.PrinterSettingsViewModel(
                receipts.printing(), config.dataDir(), text, reportsBackground, UiThread.javaFx()), text);
    }

    /** Ctrl+Shift+F: the payments taken without a finished sale (issue 12.7). */
    public static final javafx.scene.input.KeyCombination RECOVERY_SHORTCUT = new javafx.scene.input.KeyCodeCombination(
            javafx.scene.input.KeyCode.F, javafx.scene.input.KeyCombination.SHORTCUT_DOWN,
            javafx.scene.input.KeyCombination.SHIFT_DOWN);

    /** Issue 12.7: what the till took up at start-up, and park and recall. */
    public pos.app.recovery.TillRecovery recovery() {
        return recovery;
    }

    /** Whether payments taken without a finished sale wait: then the recovery screen opens at start-up. */
    public boolean recoveryWaiting() {
        return !recovery.unfinished().isEmpty();
    }

    /** The recovery screen over {@code owner} (FX thread): finish or refund each payment taken without a finished sale. */
    public javafx.stage.Stage openRecovery(javafx.stage.Window owner) {
        pos.core.catalog.TaxClass highest = sellModel.checkout().cart().catalog().products().stream()
                .map(pos.core.catalog.Product::taxClass)
                .max(java.util.Comparator.comparingInt(pos.core.catalog.TaxClass::rateBasisPoints))
                .orElse(new pos.core.catalog.TaxClass("STD", 0));
        return pos.app.recovery.RecoveryView.open(owner, new pos.app.recovery.RecoveryViewModel(recovery,
                sellModel.checkout().text(), highest, () -> sellModel.checkout().sale(), clock.getZone(), reportsBackground,
                UiThread.javaFx()));
    }

    /** The sales parked on this till over {@code owner} (FX thread); Enter recalls one. */
    public javafx.stage.Stage openParkedSales(javafx.stage.Window owner) {
        return pos.app.recovery.ParkedSalesView.open(owner, new pos.app.recovery.ParkedSalesViewModel(recovery,
                sellModel.checkout().text(), clock.getZone(), reportsBackground, UiThread.javaFx()));
    }

    public String title() {
        return text.getString("app.title") + " — " + config.tillId();
    }

    /** Issue 12: the shifts; the integrator wires printing ({@code usePrinting}) and the drawer ({@code useDrawer}) here. */
    public pos.app.shift.ShiftDesk shifts() {
        return shiftDesk;
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
        return sync.events().sink();
    }

    /** The till's UI event service (journal, sync, conversion reports). */
    public UiEventService events() {
        return sync.events();
    }

    /** Opens the reports view (R19) over {@code owner}; FX thread. */
    public javafx.stage.Stage openReports(javafx.stage.Window owner) {
        ReportsViewModel model = new ReportsViewModel(sync.events().reports(), eventRecorder, clock, clock.getZone(),
                config.locale(), text, reportsBackground, UiThread.javaFx());
        // issue 12 point 8: the takings from the journal beside the conversion, exported into <data dir>/exports
        pos.app.reports.TakingsViewModel takings = new pos.app.reports.TakingsViewModel(journal, sellModel.checkout().currency(),
                clock, clock.getZone(), config.locale(), text, reportsBackground, UiThread.javaFx());
        pos.app.reports.ReportExportViewModel export = new pos.app.reports.ReportExportViewModel(
                pos.app.reports.ReportExports.inDataDir(config.dataDir(), clock), text, reportsBackground, UiThread.javaFx());
        return ReportsView.open(owner, model, takings, export, text);
    }

    public KeyboardWedgeScanner scanner() {
        return devices.scanner();
    }

    /** Issue 10: how every connection of this till logs in to the store's Redis (made once, when the config was loaded). */
    static pos.contract.redis.RedisSettings redisSettings(TillConfig config) {
        return config.redisLogin();
    }

    /** Stops in reverse order of start-up; queued journal writes finish first. */
    @Override
    public void close() {
        stack.close();
        LOG.info("till {} stopped", config.tillId());
    }
}
