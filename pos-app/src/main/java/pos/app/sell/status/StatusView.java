package pos.app.sell.status;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import pos.app.ui.Fxml;
import pos.app.ui.ViewBindings;

/**
 * The header ({@code Header.fxml}) and the status bar ({@code StatusBar.fxml}) bound to a
 * {@link StatusViewModel}; its clock ticks every second until {@link #dispose()}. FX thread only.
 */
public final class StatusView {

    /** Below this header width the brand gives way to the clerk, the sale and the time. */
    private static final double BRAND_MIN_WIDTH = 1280;

    private final StatusViewModel model;
    private final ViewBindings bindings = new ViewBindings();
    private Parent header;
    private Parent bar;

    @FXML private Label brandLabel;
    @FXML private Label tillLabel;
    @FXML private Label clerkLabel;
    @FXML private Label saleNumberLabel;
    @FXML private Label dateTimeLabel;
    @FXML private Label syncLabel;
    @FXML private Label scannerLabel;
    @FXML private Label ruleLabel;
    @FXML private Label demoLabel;
    @FXML private Label recoveryLabel;
    @FXML private Label cameraLabel;
    @FXML private Label fingerprintLabel;
    @FXML private Label faceLabel;
    @FXML private Label alertLabel;
    @FXML private Label printerLabel;
    @FXML private Label paymentsLabel;
    @FXML private javafx.scene.control.Button reprintButton;
    @FXML private javafx.scene.control.Button reprintByNumberButton;

    private StatusView(StatusViewModel model) {
        this.model = model;
    }

    /** @param scannerText the scanner's state in a few words */
    public static StatusView load(StatusViewModel model, ResourceBundle text, String tillId, String scannerText) {
        StatusView view = new StatusView(model);
        view.header = Fxml.load("/pos/app/sell/status/Header.fxml", text, view, null);
        view.bar = Fxml.load("/pos/app/sell/status/StatusBar.fxml", text, view, null);
        view.tillLabel.setText(MessageFormat.format(text.getString("label.till"), tillId));
        view.scannerLabel.setText(scannerText);
        view.bind();
        return view;
    }

    public Parent header() { return header; }
    public Parent bar() { return bar; }

    private void bind() {
        bindings.bind(clerkLabel.textProperty(), model.clerkTextProperty());
        if (header instanceof javafx.scene.layout.Region region) {
            // the brand only where the header has room for it beside a long clerk's name
            bindings.show(brandLabel, region.widthProperty().greaterThanOrEqualTo(BRAND_MIN_WIDTH));
        }
        bindings.bind(saleNumberLabel.textProperty(), model.saleNumberTextProperty());
        bindings.bind(dateTimeLabel.textProperty(), model.dateTimeTextProperty());
        Timeline clock = new Timeline(new KeyFrame(Duration.seconds(1), e -> model.tick()));
        clock.setCycleCount(Animation.INDEFINITE);
        clock.play();
        bindings.onClose(clock::stop);

        bindings.bind(syncLabel.textProperty(), model.syncTextProperty());
        bindings.listen(model.syncStateProperty(), state -> {
            syncLabel.getStyleClass().removeAll("off", "online", "offline");
            syncLabel.getStyleClass().add(state.name().toLowerCase(Locale.ROOT));
        });
        bindings.listen(model.syncDetailProperty(), detail ->
                syncLabel.setTooltip(detail == null || detail.isEmpty() ? null : new Tooltip(detail)));
        bindings.bind(alertLabel.textProperty(), model.alertTextProperty());
        tooltip(alertLabel, model.alertTextProperty());
        bindings.style(alertLabel, "critical", model.alertCriticalProperty());
        bindings.bind(ruleLabel.textProperty(), model.ruleBaseTextProperty());
        tooltip(ruleLabel, model.ruleBaseTextProperty());
        bindings.style(ruleLabel, "warning", model.ruleBaseProblemProperty());
        bindings.bind(recoveryLabel.textProperty(), model.recoveryTextProperty());
        bindings.show(recoveryLabel, model.recoveryTextProperty().isNotEmpty());
        bindings.bind(demoLabel.textProperty(), model.demoTextProperty());
        bindings.show(demoLabel, model.demoTextProperty().isNotEmpty());
        bindings.bind(cameraLabel.textProperty(), model.cameraTextProperty());
        bindings.show(cameraLabel, model.cameraTextProperty().isNotEmpty());
        tooltip(cameraLabel, model.cameraDetailProperty());
        bindings.style(cameraLabel, "warning", model.cameraProblemProperty());
        bindings.bind(fingerprintLabel.textProperty(), model.fingerprintTextProperty());
        bindings.show(fingerprintLabel, model.fingerprintTextProperty().isNotEmpty());
        tooltip(fingerprintLabel, model.fingerprintDetailProperty());
        bindings.style(fingerprintLabel, "warning", model.fingerprintProblemProperty());
        bindings.bind(faceLabel.textProperty(), model.faceTextProperty()); // issue 16: empty unless pos.face=on
        bindings.show(faceLabel, model.faceTextProperty().isNotEmpty());
        tooltip(faceLabel, model.faceDetailProperty());
        bindings.style(faceLabel, "warning", model.faceProblemProperty());
        bindings.bind(printerLabel.textProperty(), model.printerTextProperty());
        bindings.show(printerLabel, model.printerTextProperty().isNotEmpty());
        tooltip(printerLabel, model.printerDetailProperty());
        bindings.style(printerLabel, "warning", model.printerProblemProperty());
        bindings.show(reprintButton, model.printerTextProperty().isNotEmpty());
        bindings.show(reprintByNumberButton, model.printerTextProperty().isNotEmpty());
        bindings.bind(paymentsLabel.textProperty(), model.paymentsTextProperty()); // issue 13
        bindings.show(paymentsLabel, model.paymentsTextProperty().isNotEmpty());
        tooltip(paymentsLabel, model.paymentsDetailProperty());
    }

    @FXML
    private void onReprint() {
        model.reprintLast();
    }

    @FXML
    private void onReprintByNumber() {
        model.reprintByNumber();
    }

    private void tooltip(Label label, javafx.beans.value.ObservableValue<String> text) {
        Tooltip tip = new Tooltip();
        bindings.bind(tip.textProperty(), text);
        label.setTooltip(tip);
    }

    /** Stops the clock and undoes every binding. */
    public void dispose() {
        bindings.close();
    }
}
