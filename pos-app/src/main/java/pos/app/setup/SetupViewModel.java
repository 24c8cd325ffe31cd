package pos.app.setup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Currency;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;
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
import pos.app.catalog.CatalogLoadException;
import pos.app.config.TillConfig;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;

/**
 * The first-run set-up (issue 14 point 2), one step after the other: language, store, till id, currency, hub, catalog,
 * printer, scanner, first supervisor, then the summary. Enter ({@link #next()}) takes the step's input and goes on,
 * {@link #skip()} goes on leaving that part as it was, {@link #back()} returns to the step before. Choosing Chinese
 * switches the set-up's own texts at once ({@link #textProperty()}). The summary's Enter writes everything
 * ({@link SetupWriter}: the configuration file, the catalog, the supervisor) off the FX thread and hands the result on.
 * FX thread (or the test's thread with {@link UiThread#sameThread()}).
 */
public final class SetupViewModel {

    /** The steps, in order. */
    public enum Step { LANGUAGE, STORE, TILL, CURRENCY, HUB, CATALOG, PRINTER, SCANNER, SUPERVISOR, FINISH }

    /** The set-up's languages, each named in the bundle by its own name first (a person finds their language by it). */
    public enum Language {
        ENGLISH("setup.language.english"), CHINESE("setup.language.chinese");

        private final String key;

        Language(String key) {
            this.key = key;
        }

        /** The bundle key of the language's name. */
        public String nameKey() {
            return key;
        }

        static Language of(Locale locale) {
            return locale.getLanguage().equals("zh") ? CHINESE : ENGLISH;
        }
    }

    /**
     * The currencies offered and the region of an English till's locale with each (a Chinese till is zh-CN: its
     * bundle is messages_zh_CN, and money is formatted in the catalog's currency whatever the region).
     */
    public enum Money {
        CNY("CN"), USD("US"), EUR("IE"), GBP("GB");

        private final String region;

        Money(String region) {
            this.region = region;
        }

        public Currency currency() {
            return Currency.getInstance(name());
        }

        static Money of(Currency currency) {
            for (Money money : values()) {
                if (money.name().equals(currency.getCurrencyCode())) {
                    return money;
                }
            }
            return null;
        }
    }

    /** Where the catalog comes from. */
    public enum CatalogSource { DEMO, IMPORT }

    /** What the set-up ended with: the configuration file written, and the device screens to open on the sell screen. */
    public record Result(Path configFile, boolean openPrinterSettings, boolean openScannerSetup) {
    }

    private final TillConfig config;
    private final SetupWriter writer;
    private final HubProbe probe;
    private final TaskExecutor background;
    private final UiThread ui;
    private final Consumer<Result> done;

    private final ObjectProperty<Step> step = new SimpleObjectProperty<>(Step.LANGUAGE);
    private final ObjectProperty<ResourceBundle> text = new SimpleObjectProperty<>();
    private final ObjectProperty<Language> language = new SimpleObjectProperty<>();
    private final ObjectProperty<Money> money = new SimpleObjectProperty<>();
    private final ObjectProperty<CatalogSource> catalogSource = new SimpleObjectProperty<>(CatalogSource.DEMO);
    private final StringProperty storeName = new SimpleStringProperty("");
    private final StringProperty storeAddress = new SimpleStringProperty("");
    private final StringProperty taxNumber = new SimpleStringProperty("");
    private final StringProperty tillId = new SimpleStringProperty("");
    private final StringProperty hubAddress = new SimpleStringProperty("");
    private final StringProperty catalogPath = new SimpleStringProperty("");
    private final StringProperty supervisorName = new SimpleStringProperty("");
    private final StringProperty pin = new SimpleStringProperty("");
    private final StringProperty pinAgain = new SimpleStringProperty("");
    private final BooleanProperty openPrinter = new SimpleBooleanProperty(true);
    private final BooleanProperty openScanner = new SimpleBooleanProperty(true);
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty hubResult = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final Set<Step> skipped = EnumSet.noneOf(Step.class);
    /** Esc on the first step when the set-up was opened again from the sell screen: back to the sale; or null. */
    private Runnable cancel;
    /** The hub address last tested, so that Enter tests a new address once before going on. */
    private String hubTested;

    /**
     * @param config     the configuration the till has now (the set-up starts from it)
     * @param writer     writes what was chosen
     * @param probe      the hub's connection test
     * @param done       called on the UI thread once everything is written
     */
    public SetupViewModel(TillConfig config, SetupWriter writer, HubProbe probe, TaskExecutor background, UiThread ui,
            Consumer<Result> done) {
        this.config = Objects.requireNonNull(config, "config");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.done = Objects.requireNonNull(done, "done");
        TillSettingsFile file = writer.file();
        language.set(Language.of(config.locale()));
        text.set(bundleFor(language.get()));
        Currency now = writer.catalogCurrency().orElse(null);
        money.set(now != null && Money.of(now) != null ? Money.of(now) : language.get() == Language.CHINESE ? Money.CNY : Money.EUR);
        storeName.set(file.get("pos.store.name").orElse(""));
        storeAddress.set(file.get("pos.store.address").orElse(""));
        taxNumber.set(file.get("pos.store.taxNumber").orElse(""));
        tillId.set(config.tillId());
        hubAddress.set(config.hubUrl().orElse(""));
        catalogPath.set(config.catalogFile().map(Path::toString).orElse(""));
        language.addListener((o, was, is) -> text.set(bundleFor(is)));
        text.addListener((o, was, is) -> {
            message.set("");
            hubResult.set("");
            summary.set(summaryText());
        });
    }

    private static ResourceBundle bundleFor(Language language) {
        return ResourceBundle.getBundle("pos.app.i18n.messages",
                language == Language.CHINESE ? Locale.SIMPLIFIED_CHINESE : Locale.US);
    }

    /** Opened again from the sell screen: Esc on the first step runs {@code back} (returns to the sale). */
    public void onCancel(Runnable back) {
        this.cancel = Objects.requireNonNull(back, "back");
    }

    // ---- the steps

    /** Enter: takes this step's input when it is good (else says what is wrong, on {@link #messageProperty()}) and goes on. */
    public void next() {
        if (busy.get()) {
            return;
        }
        message.set("");
        Step now = step.get();
        switch (now) {
            case LANGUAGE, PRINTER, SCANNER -> advance(now);
            case STORE -> {
                if (storeName.get().strip().length() > 60) {
                    say("setup.store.nameTooLong");
                } else {
                    advance(now);
                }
            }
            case TILL -> {
                if (!tillId.get().strip().matches("[A-Za-z0-9_.-]{1,32}")) {
                    say("setup.till.invalid");
                } else {
                    advance(now);
                }
            }
            case CURRENCY -> advance(now);
            case HUB -> nextFromHub();
            case CATALOG -> nextFromCatalog();
            case SUPERVISOR -> nextFromSupervisor();
            case FINISH -> finish();
        }
    }

    /** Goes on, leaving what this step sets as it was. */
    public void skip() {
        if (busy.get() || step.get() == Step.FINISH) {
            return;
        }
        message.set("");
        skipped.add(step.get());
        if (step.get() == Step.SUPERVISOR) {
            pin.set("");
            pinAgain.set("");
        }
        move(1);
    }

    /** Returns to the step before; on the first step, back to the sale when the set-up was opened from it. */
    public void back() {
        if (busy.get()) {
            return;
        }
        if (step.get() == Step.LANGUAGE) {
            if (cancel != null) {
                cancel.run();
            }
            return;
        }
        message.set("");
        move(-1);
    }

    private void advance(Step now) {
        skipped.remove(now);
        move(1);
    }

    private void move(int by) {
        Step to = Step.values()[step.get().ordinal() + by];
        if (to == Step.FINISH) {
            summary.set(summaryText());
        }
        step.set(to);
    }

    /** Picks the n-th choice (1-based) of a choice step: language, currency, catalog source, printer, scanner. */
    public void choose(int n) {
        switch (step.get()) {
            case LANGUAGE -> {
                if (n >= 1 && n <= Language.values().length) {
                    Language chosen = Language.values()[n - 1];
                    language.set(chosen);
                    if (writer.catalogCurrency().isEmpty()) {
                        // no catalog of its own yet: a Chinese store sells in yuan (the Chinese demo catalog), else euros
                        money.set(chosen == Language.CHINESE ? Money.CNY : Money.EUR);
                    }
                }
            }
            case CURRENCY -> {
                if (n >= 1 && n <= Money.values().length) {
                    money.set(Money.values()[n - 1]);
                }
            }
            case CATALOG -> {
                if (n >= 1 && n <= CatalogSource.values().length) {
                    catalogSource.set(CatalogSource.values()[n - 1]);
                }
            }
            case PRINTER -> openPrinter.set(n == 1);
            case SCANNER -> openScanner.set(n == 1);
            default -> { }
        }
    }

    private void nextFromHub() {
        String typed = hubAddress.get().strip();
        if (typed.isEmpty()) {
            advance(Step.HUB); // no hub: the till works standalone
            return;
        }
        if (HubProbe.normalise(typed) == null) {
            hubResult.set(format("setup.hub.notUrl", typed));
            return;
        }
        if (typed.equals(hubTested)) {
            advance(Step.HUB); // tested: the result was shown; Enter again goes on whatever it was
            return;
        }
        testHub();
    }

    /** Tests the typed hub address off the FX thread; the result sentence comes on {@link #hubResultProperty()}. */
    public void testHub() {
        String typed = hubAddress.get().strip();
        if (busy.get()) {
            return;
        }
        busy.set(true);
        hubResult.set(format("setup.hub.testing", typed));
        background.execute(() -> {
            HubProbe.Result result = probe.test(typed);
            ui.execute(() -> {
                busy.set(false);
                hubTested = typed;
                hubResult.set(switch (result.outcome()) {
                    case REACHED -> format("setup.hub.reached", typed, result.status());
                    case REFUSED -> format("setup.hub.refused", typed);
                    case TIMED_OUT -> format("setup.hub.timedOut", typed);
                    case NOT_A_URL -> format("setup.hub.notUrl", typed);
                    case UNKNOWN_HOST -> format("setup.hub.unknownHost", typed);
                    case FAILED -> format("setup.hub.failed", typed, result.detail());
                });
            });
        });
    }

    private void nextFromCatalog() {
        CatalogSource source = catalogSource.get();
        Money wanted = money.get();
        if (source == CatalogSource.DEMO) {
            if (SetupWriter.demoCatalog(wanted.currency()).isEmpty()) {
                say("setup.catalog.noDemoIn", wanted.name());
                return;
            }
            advance(Step.CATALOG);
            return;
        }
        String typed = catalogPath.get().strip();
        if (typed.isEmpty()) {
            say("setup.catalog.pathMissing");
            return;
        }
        Path file = Path.of(typed);
        busy.set(true);
        background.execute(() -> {
            String problem;
            Currency currency = null;
            if (!Files.isRegularFile(file)) {
                problem = format("setup.catalog.noFile", file);
            } else {
                try {
                    currency = SetupWriter.checkCatalog(file);
                    problem = null;
                } catch (CatalogLoadException e) {
                    problem = format("setup.catalog.bad", e.getMessage()); // names the file and the line
                }
            }
            String why = problem;
            Currency found = currency;
            ui.execute(() -> {
                busy.set(false);
                if (why != null) {
                    message.set(why);
                } else if (!found.equals(wanted.currency())) {
                    say("setup.catalog.otherCurrency", found.getCurrencyCode(), wanted.name());
                } else {
                    advance(Step.CATALOG);
                }
            });
        });
    }

    private void nextFromSupervisor() {
        if (supervisorName.get().isBlank()) {
            say("setup.supervisor.nameMissing");
        } else if (!pin.get().matches("[0-9]{" + pos.core.people.PinHash.SUPERVISOR_MIN_DIGITS + ","
                + pos.core.people.PinHash.MAX_DIGITS + "}")) {
            say("setup.supervisor.pinDigits", pos.core.people.PinHash.SUPERVISOR_MIN_DIGITS, pos.core.people.PinHash.MAX_DIGITS);
        } else if (!pin.get().equals(pinAgain.get())) {
            pinAgain.set("");
            say("setup.supervisor.pinsDiffer");
        } else {
            advance(Step.SUPERVISOR);
        }
    }

    // ---- the end

    /** What the set-up will write, as choices: each step taken, or skipped. */
    public SetupWriter.Choices choices() {
        boolean take = !skipped.contains(Step.CURRENCY);
        // a skipped language step leaves the till's language as it was, even when a choice was made before skipping
        Language chosen = skipped.contains(Step.LANGUAGE) ? Language.of(config.locale()) : language.get();
        Locale locale = localeFor(chosen, take ? money.get() : null);
        return new SetupWriter.Choices(
                skipped.contains(Step.LANGUAGE) && skipped.contains(Step.CURRENCY) ? null : locale,
                skipped.contains(Step.STORE) ? null : new SetupWriter.Store(storeName.get().strip(),
                        storeAddress.get().strip(), taxNumber.get().strip()),
                skipped.contains(Step.TILL) ? null : tillId.get().strip(),
                take ? money.get().currency() : null,
                skipped.contains(Step.HUB) ? null : HubProbe.normalise(hubAddress.get()) == null ? ""
                        : HubProbe.normalise(hubAddress.get()),
                skipped.contains(Step.CATALOG) ? null : catalogSource.get() == CatalogSource.DEMO
                        ? SetupWriter.CatalogChoice.demo() : SetupWriter.CatalogChoice.imported(Path.of(catalogPath.get().strip())),
                skipped.contains(Step.SUPERVISOR) ? null : supervisorName.get().strip(),
                skipped.contains(Step.SUPERVISOR) ? null : pin.get().toCharArray());
    }

    /** An English till's locale takes the currency's region (else the one it has); a Chinese till's is zh-CN. */
    private Locale localeFor(Language chosen, Money currency) {
        if (chosen == Language.CHINESE) {
            return Locale.SIMPLIFIED_CHINESE;
        }
        String region = currency != null ? currency.region
                : config.locale().getLanguage().equals("en") && !config.locale().getCountry().isEmpty()
                        ? config.locale().getCountry() : "US";
        return new Locale("en", region);
    }

    private void finish() {
        SetupWriter.Choices choices = choices();
        java.util.Optional<Currency> mismatch = writer.currencyMismatch(choices);
        if (mismatch.isPresent()) {
            say("setup.finish.currencyMismatch", mismatch.get().getCurrencyCode(), choices.currency().getCurrencyCode());
            return;
        }
        pin.set("");
        pinAgain.set("");
        busy.set(true);
        message.set(text().getString("setup.finish.writing"));
        background.execute(() -> {
            String problem = null;
            try {
                writer.write(choices);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(SetupViewModel.class).error("the set-up could not write its settings", e);
                problem = format("setup.finish.failed", e.getMessage());
            } finally {
                choices.clearPin();
            }
            String why = problem;
            ui.execute(() -> {
                busy.set(false);
                if (why != null) {
                    message.set(why);
                    return;
                }
                message.set("");
                done.accept(new Result(writer.file().file(), !skipped.contains(Step.PRINTER) && openPrinter.get(),
                        !skipped.contains(Step.SCANNER) && openScanner.get()));
            });
        });
    }

    private String summaryText() {
        ResourceBundle t = text();
        String skip = t.getString("setup.summary.skipped");
        StringBuilder out = new StringBuilder();
        line(out, t, "setup.summary.language", skipped.contains(Step.LANGUAGE) ? skip : t.getString(language.get().nameKey()));
        line(out, t, "setup.summary.store", skipped.contains(Step.STORE) ? skip
                : storeName.get().isBlank() ? t.getString("setup.summary.none") : storeName.get().strip());
        line(out, t, "setup.summary.till", skipped.contains(Step.TILL) ? skip : tillId.get().strip());
        line(out, t, "setup.summary.currency", skipped.contains(Step.CURRENCY) ? skip : money.get().name());
        line(out, t, "setup.summary.hub", skipped.contains(Step.HUB) ? skip
                : hubAddress.get().isBlank() ? t.getString("setup.summary.none") : hubAddress.get().strip());
        line(out, t, "setup.summary.catalog", skipped.contains(Step.CATALOG) ? skip
                : catalogSource.get() == CatalogSource.DEMO ? t.getString("setup.catalog.demo") : catalogPath.get().strip());
        line(out, t, "setup.summary.supervisor", skipped.contains(Step.SUPERVISOR) ? skip : supervisorName.get().strip());
        out.append(MessageFormat.format(t.getString("setup.summary.file"), writer.file().file()));
        return out.toString();
    }

    private static void line(StringBuilder out, ResourceBundle t, String key, String value) {
        out.append(MessageFormat.format(t.getString(key), value)).append('\n');
    }

    private void say(String key, Object... args) {
        message.set(format(key, args));
    }

    private String format(String key, Object... args) {
        return new MessageFormat(text().getString(key), text().getLocale()).format(args);
    }

    // ---- what the view binds to

    public ResourceBundle text() {
        return text.get();
    }

    public ReadOnlyObjectProperty<ResourceBundle> textProperty() {
        return text;
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step;
    }

    public ReadOnlyObjectProperty<Language> languageProperty() {
        return language;
    }

    public ReadOnlyObjectProperty<Money> moneyProperty() {
        return money;
    }

    public ReadOnlyObjectProperty<CatalogSource> catalogSourceProperty() {
        return catalogSource;
    }

    public StringProperty storeNameProperty() {
        return storeName;
    }

    public StringProperty storeAddressProperty() {
        return storeAddress;
    }

    public StringProperty taxNumberProperty() {
        return taxNumber;
    }

    public StringProperty tillIdProperty() {
        return tillId;
    }

    public StringProperty hubAddressProperty() {
        return hubAddress;
    }

    public StringProperty catalogPathProperty() {
        return catalogPath;
    }

    public StringProperty supervisorNameProperty() {
        return supervisorName;
    }

    public StringProperty pinProperty() {
        return pin;
    }

    public StringProperty pinAgainProperty() {
        return pinAgain;
    }

    public ReadOnlyBooleanProperty openPrinterProperty() {
        return openPrinter;
    }

    public ReadOnlyBooleanProperty openScannerProperty() {
        return openScanner;
    }

    /** A sentence about the step's input (what is wrong with it), or "". */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /** The hub test's result sentence, or "". */
    public ReadOnlyStringProperty hubResultProperty() {
        return hubResult;
    }

    /** The summary step's lines. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    /** True while the hub test, the catalog check or the writing runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public boolean skipped(Step which) {
        return skipped.contains(which);
    }
}
