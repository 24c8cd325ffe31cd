package pos.app.sell.status;

import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import pos.app.checkout.Checkout;
import pos.app.checkout.CheckoutText;
import pos.app.checkout.MessageKind;
import pos.app.ui.Subscriptions;
import pos.app.ui.UiThread;
import pos.core.sync.AlertFeed;
import pos.core.sync.StoreAlert;
import pos.core.sync.SyncMonitor;
import pos.core.sync.SyncState;
import pos.core.sync.SyncStatus;

/**
 * The header and the status bar: clerk, sale number, date and time; sync state and backlog, the
 * hub's alerts (R12), the rule-base version, demo mode, the webcam and the fingerprint reader.
 * JavaFX properties, never a node. UI thread only; the feeds it follows come back through {@link UiThread}.
 */
public final class StatusViewModel {

    private final Checkout checkout;
    private final CheckoutText text;
    private final UiThread ui;
    private final Subscriptions subscriptions = new Subscriptions();
    private final SimpleStringProperty dateTimeText = new SimpleStringProperty(this, "dateTimeText", "");
    private final SimpleStringProperty saleNumberText = new SimpleStringProperty(this, "saleNumberText", "");
    private final SimpleStringProperty clerkText = new SimpleStringProperty(this, "clerkText", "");
    private final SimpleStringProperty syncText = new SimpleStringProperty(this, "syncText", "");
    private final SimpleObjectProperty<SyncState> syncState = new SimpleObjectProperty<>(this, "syncState", SyncState.OFF);
    private final SimpleStringProperty syncDetail = new SimpleStringProperty(this, "syncDetail", "");
    private final SimpleStringProperty alertText = new SimpleStringProperty(this, "alertText", "");
    private final SimpleBooleanProperty alertCritical = new SimpleBooleanProperty(this, "alertCritical", false);
    private final SimpleStringProperty ruleBaseText = new SimpleStringProperty(this, "ruleBaseText", "");
    private final SimpleBooleanProperty ruleBaseProblem = new SimpleBooleanProperty(this, "ruleBaseProblem", false);
    private final SimpleStringProperty demoText = new SimpleStringProperty(this, "demoText", "");
    private final SimpleStringProperty cameraText = new SimpleStringProperty(this, "cameraText", "");
    private final SimpleStringProperty cameraDetail = new SimpleStringProperty(this, "cameraDetail", "");
    private final SimpleBooleanProperty cameraProblem = new SimpleBooleanProperty(this, "cameraProblem", false);
    private final SimpleStringProperty fingerprintText = new SimpleStringProperty(this, "fingerprintText", "");
    private final SimpleStringProperty fingerprintDetail = new SimpleStringProperty(this, "fingerprintDetail", "");
    private final SimpleBooleanProperty fingerprintProblem = new SimpleBooleanProperty(this, "fingerprintProblem", false);
    /** Issue 16: the face reader's state; "" (nothing shown) unless pos.face=on. */
    private final SimpleStringProperty faceText = new SimpleStringProperty(this, "faceText", "");
    private final SimpleStringProperty faceDetail = new SimpleStringProperty(this, "faceDetail", "");
    private final SimpleBooleanProperty faceProblem = new SimpleBooleanProperty(this, "faceProblem", false);
    private boolean simulatedCamera;
    private final SimpleStringProperty printerText = new SimpleStringProperty(this, "printerText", "");
    private final SimpleStringProperty printerDetail = new SimpleStringProperty(this, "printerDetail", "");
    private final SimpleBooleanProperty printerProblem = new SimpleBooleanProperty(this, "printerProblem", false);
    private Runnable reprint;
    private Runnable reprintByNumber;
    private final SimpleStringProperty recoveryText = new SimpleStringProperty(this, "recoveryText", "");
    private final SimpleStringProperty paymentsText = new SimpleStringProperty(this, "paymentsText", "");
    private final SimpleStringProperty paymentsDetail = new SimpleStringProperty(this, "paymentsDetail", "");

    public StatusViewModel(Checkout checkout, SyncMonitor sync, UiThread ui) {
        this.checkout = checkout;
        this.text = checkout.text();
        this.ui = ui;
        tick();
        showSync(sync.current());
        subscriptions.add(sync.onChange(status -> ui.execute(() -> showSync(status))));
        subscriptions.add(checkout.onChange(this::refresh));
        refresh();
    }

    private void refresh() {
        saleNumberText.set(checkout.cart().saleNumber(checkout.sale()));
    }

    /** Refreshes the date and time (and a QR payment's seconds left); the view's clock calls it every second. */
    public void tick() {
        dateTimeText.set(checkout.dateTimeFormat().format(checkout.clock().instant().atZone(checkout.clock().getZone())));
        checkout.tick();
    }

    private void showSync(SyncStatus status) {
        syncState.set(status.state());
        syncDetail.set(status.detail());
        syncText.set(text.format("status.sync." + status.state(), status.backlog()));
    }

    /** Shows the store hub's alerts (R12) from now on. */
    public void followAlerts(AlertFeed alerts) {
        showAlerts(alerts.current());
        subscriptions.add(alerts.onChange(list -> ui.execute(() -> showAlerts(list))));
    }

    private void showAlerts(List<StoreAlert> alerts) {
        alertCritical.set(alerts.stream().anyMatch(StoreAlert::critical));
        alertText.set(alerts.isEmpty() ? "" : text.format("status.alerts", alerts.size(), alertSentence(alerts.get(0))));
    }

    /**
     * Issue 14.3: the hub writes its alerts in English for the store's IT person; the till says what the alert is in
     * its own language ({@code status.alert.<name>}, the name before any ':'), with the hub's sentence as the detail.
     */
    private String alertSentence(StoreAlert alert) {
        int colon = alert.name().indexOf(':');
        String key = "status.alert." + (colon < 0 ? alert.name() : alert.name().substring(0, colon));
        return text.has(key) ? text.format(key, alert.message()) : alert.message();
    }

    /** Issue 12.7: how many payments taken without a finished sale wait to be finished or refunded (0: none). */
    public void showRecovery(int waiting) {
        recoveryText.set(waiting <= 0 ? "" : text.format("recovery.status", waiting));
    }

    public javafx.beans.property.ReadOnlyStringProperty recoveryTextProperty() {
        return recoveryText;
    }

    /**
     * Issue 13: the configured payment provider cannot be used; {@code sentence} says what is missing or unsafe in a
     * line or two, {@code detail} (the tooltip) names every file and variable. Stays on the status bar: the till sells
     * cash meanwhile.
     */
    public void showPaymentsNotSetUp(String providerName, String sentence, String detail) {
        paymentsText.set(text.format("status.payments.notSetUp", providerName, sentence));
        paymentsDetail.set(detail);
    }

    public ReadOnlyStringProperty paymentsTextProperty() {
        return paymentsText;
    }

    public ReadOnlyStringProperty paymentsDetailProperty() {
        return paymentsDetail;
    }

    /** "Clerk: Ann (Supervisor)", or "nobody signed in" when {@code clerkName} is null. */
    public void showClerk(String clerkName, String roleText) {
        clerkText.set(clerkName == null ? text.format("status.clerk.none") : text.format("status.clerk", clerkName, roleText));
    }

    /** Says that the till runs in demo mode with the sandbox's built-in keys (or clears it). */
    public void showDemoMode(boolean demoWithSandboxKeys) {
        demoText.set(demoWithSandboxKeys ? text.bundle().getString("status.demo") : "");
    }

    /**
     * As {@link #showRuleBase(long, String, String)}, the refusal said from the till's text {@code refusalKey}
     * formatted with {@code values} (issue 14.3: a Chinese till says why in Chinese); {@code refusal} (the keeper's
     * English sentence) only when there is no such text.
     */
    public void showRuleBase(long version, String source, String refusal, String refusalKey, java.util.List<Object> values) {
        if (refusalKey == null || !text.has(refusalKey) || refusal == null || refusal.isEmpty()) {
            showRuleBase(version, source, refusal);
            return;
        }
        ruleBaseProblem.set(true);
        ruleBaseText.set(refusalKey.endsWith(".UPDATES_OFF") ? text.format("status.rules.updatesOff", version)
                : text.format("status.rules.refused", version,
                        CheckoutText.abbreviate(text.format(refusalKey, values.toArray()), 96)));
    }

    /** The rule-base version in force, where it came from, and the last refused update if any. */
    public void showRuleBase(long version, String source, String refusal) {
        boolean refused = refusal != null && !refusal.isEmpty();
        ruleBaseProblem.set(refused);
        // issue 10: the keeper's own sentences already say "update refused" or "rule updates off"
        boolean updatesOff = refused && refusal.startsWith("rule updates off");
        String reason = refused && refusal.startsWith("update refused: ") ? refusal.substring("update refused: ".length())
                : refusal;
        // issue 11 defect 6: the clerk reads what it means, not the setting's key (the log names the key)
        ruleBaseText.set(updatesOff ? text.format("status.rules.updatesOff", version)
                : refused ? text.format("status.rules.refused", version, CheckoutText.abbreviate(reason, 96))
                : text.format("status.rules", version, source == null || !text.has("status.rules.source." + source) ? ""
                        : text.bundle().getString("status.rules.source." + source)));
    }

    /**
     * The webcam's state: reading, or why not (no camera, busy, unplugged: scanning goes on with
     * the barcode scanner; the problem is also said on the message line).
     *
     * @param state  the webcam scanner's state name (OFF, STARTING, RUNNING, NO_CAMERA, BUSY, LOST)
     * @param camera the camera's name, or "" before one is chosen
     * @param detail the scanner's own sentence, for the tooltip
     */
    public void showCamera(String state, String camera, String detail) {
        String key = simulatedCamera && state.equals("RUNNING") ? "status.camera.simulated" : "status.camera." + state;
        cameraText.set(text.format(text.has(key) ? key : "status.camera.OFF", camera == null || camera.isEmpty()
                ? text.format("status.camera.unnamed") : camera));
        cameraDetail.set(detail == null ? "" : detail);
        boolean problem = state.equals("NO_CAMERA") || state.equals("BUSY") || state.equals("LOST");
        cameraProblem.set(problem);
        if (problem) {
            checkout.say(MessageKind.ERROR, "camera.problem", cameraText.get());
        }
    }

    /** The webcam is the simulated camera of a demo: while it runs, the status bar says how to show it a code. */
    public void showSimulatedCamera(boolean simulated) {
        simulatedCamera = simulated;
    }

    /** Issue 16: the face reader's state in a few words (pos.face=on only); {@code state} as a fingerprint reader's. */
    public void showFace(String state, String sentence, boolean problem) {
        faceText.set(text.format("status.face." + state));
        faceDetail.set(sentence);
        faceProblem.set(problem);
    }

    public ReadOnlyStringProperty faceTextProperty() { return faceText; }
    public ReadOnlyStringProperty faceDetailProperty() { return faceDetail; }
    public ReadOnlyBooleanProperty faceProblemProperty() { return faceProblem; }

    /** The fingerprint reader's state in a few words; {@code state} is READY, NO_READER, ERROR or STOPPED. */
    public void showFingerprint(String state, String sentence, boolean problem) {
        fingerprintText.set(text.format("status.fingerprint." + state));
        fingerprintDetail.set(sentence);
        fingerprintProblem.set(problem);
    }

    /** Issue 12: the receipt printer's state in clerk words (from pos.app.receipt); {@code problem} shows it as a warning. */
    public void showPrinter(String sentence, String detail, boolean problem) {
        printerText.set(sentence == null ? "" : sentence);
        printerDetail.set(detail == null ? "" : detail);
        printerProblem.set(problem);
    }

    /** Issue 12: what the status bar's reprint button (Alt+R) does; null: no button. */
    public void useReprint(Runnable action) {
        this.reprint = action;
    }

    /** Issue 12: what the status bar's reprint-by-number button (Shift+Alt+R) does; null: nothing. */
    public void useReprintByNumber(Runnable action) {
        this.reprintByNumber = action;
    }

    /** The reprint-by-number button was pressed. */
    public void reprintByNumber() {
        if (reprintByNumber != null) {
            reprintByNumber.run();
        }
    }

    /** The reprint button was pressed. */
    public void reprintLast() {
        if (reprint != null) {
            reprint.run();
        }
    }

    /** Stops following the checkout, sync status and alerts. */
    public void dispose() {
        subscriptions.close();
    }

    public ReadOnlyStringProperty dateTimeTextProperty() { return dateTimeText; }
    public ReadOnlyStringProperty saleNumberTextProperty() { return saleNumberText; }
    public ReadOnlyStringProperty clerkTextProperty() { return clerkText; }
    public ReadOnlyStringProperty syncTextProperty() { return syncText; }
    public ReadOnlyObjectProperty<SyncState> syncStateProperty() { return syncState; }
    public ReadOnlyStringProperty syncDetailProperty() { return syncDetail; }
    public ReadOnlyStringProperty alertTextProperty() { return alertText; }
    public ReadOnlyBooleanProperty alertCriticalProperty() { return alertCritical; }
    public ReadOnlyStringProperty ruleBaseTextProperty() { return ruleBaseText; }
    public ReadOnlyBooleanProperty ruleBaseProblemProperty() { return ruleBaseProblem; }
    public ReadOnlyStringProperty demoTextProperty() { return demoText; }
    public ReadOnlyStringProperty cameraTextProperty() { return cameraText; }
    public ReadOnlyStringProperty cameraDetailProperty() { return cameraDetail; }
    public ReadOnlyBooleanProperty cameraProblemProperty() { return cameraProblem; }
    public ReadOnlyStringProperty fingerprintTextProperty() { return fingerprintText; }
    public ReadOnlyStringProperty fingerprintDetailProperty() { return fingerprintDetail; }
    public ReadOnlyBooleanProperty fingerprintProblemProperty() { return fingerprintProblem; }
    public ReadOnlyStringProperty printerTextProperty() { return printerText; }
    public ReadOnlyStringProperty printerDetailProperty() { return printerDetail; }
    public ReadOnlyBooleanProperty printerProblemProperty() { return printerProblem; }
}
