package pos.app.sell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import pos.app.ui.MoneyFormat;
import pos.core.catalog.Product;

/**
 * The sell screen's view: binds {@code Sell.fxml} to a {@link SellViewModel} and forwards keys and
 * clicks. No logic lives here. FX thread only.
 */
public final class SellView {

    private final SellViewModel model;
    private final ResourceBundle text;
    private final MoneyFormat money;
    private final String tillId;
    private final String dataDirText;
    private final String scannerText;
    private final java.util.function.Consumer<javafx.stage.Window> openReports;
    private final javafx.scene.Node webcamPreview;
    private java.util.function.Consumer<javafx.stage.Window> openCameraSettings;
    @FXML private Button cameraButton;
    @FXML private javafx.scene.layout.StackPane cartStack;
    @FXML private Label cameraLabel;
    @FXML private Button reportsButton;
    @FXML private Button switchClerkButton;
    @FXML private Button peopleButton;
    @FXML private Button memberButton;
    @FXML private Label clerkLabel;
    @FXML private Label fingerprintLabel;

    @FXML private javafx.scene.layout.StackPane stack;
    @FXML private BorderPane root;
    @FXML private Button cardButton;
    @FXML private javafx.scene.control.CheckBox cashAgeCheck;
    @FXML private javafx.scene.control.CheckBox sellAgeCheck;
    @FXML private VBox cardPane;
    @FXML private Label cardDueLabel;
    @FXML private TextField cardNumberField;
    @FXML private Label cardBankLabel;
    @FXML private TextField cardAmountField;
    @FXML private javafx.scene.control.CheckBox cardAgeCheck;
    @FXML private VBox pinPane;
    @FXML private Label pinAmountLabel;
    @FXML private Label pinDotsLabel;
    @FXML private javafx.scene.layout.GridPane keypadGrid;
    @FXML private Label ruleLabel;
    @FXML private Label demoLabel;
    @FXML private javafx.scene.layout.StackPane checkOverlay;
    @FXML private VBox checkRows;
    @FXML private javafx.scene.layout.StackPane resultOverlay;
    @FXML private VBox resultPopup;
    @FXML private Label resultTitleLabel;
    @FXML private Label resultDetailLabel;
    @FXML private Button resultOkButton;
    @FXML private Label tillLabel;
    @FXML private Label saleNumberLabel;
    @FXML private Label dateTimeLabel;
    @FXML private TextField entryField;
    @FXML private ListView<Product> searchList;
    @FXML private TableView<CartRow> cartTable;
    @FXML private TableColumn<CartRow, Integer> lineColumn;
    @FXML private TableColumn<CartRow, String> itemColumn;
    @FXML private TableColumn<CartRow, String> qtyColumn;
    @FXML private TableColumn<CartRow, String> unitPriceColumn;
    @FXML private TableColumn<CartRow, String> totalColumn;
    @FXML private Label totalLabel;
    @FXML private Label itemCountLabel;
    @FXML private Label taxLabel;
    @FXML private VBox sellingPane;
    @FXML private VBox tenderPane;
    @FXML private Label dueLabel;
    @FXML private TextField tenderedField;
    @FXML private Label changeLabel;
    @FXML private Button cashButton;
    @FXML private Button qtyPlusButton;
    @FXML private Button qtyMinusButton;
    @FXML private Button removeButton;
    @FXML private Button cancelSaleButton;
    @FXML private Button newSaleButton;
    @FXML private Button confirmButton;
    @FXML private VBox tenderButtons;
    @FXML private Button paidNewSaleButton;
    @FXML private Label tenderTitleLabel;
    @FXML private VBox payPane;
    @FXML private Label payTitleLabel;
    @FXML private javafx.scene.image.ImageView qrImage;
    @FXML private Label countdownLabel;
    @FXML private Label payDetailLabel;
    @FXML private VBox problemButtons;
    @FXML private Button payAgainButton;
    @FXML private Button paidNewSaleButtonOnPay;
    @FXML private Button otherTenderButton;
    @FXML private Button payCodeButton;
    @FXML private Button qrButton;
    @FXML private Label messageLabel;
    @FXML private Label syncLabel;
    @FXML private Label scannerLabel;
    @FXML private Label alertLabel;
    @FXML private Label dataDirLabel;

    private SellView(SellViewModel model, ResourceBundle text, MoneyFormat money, String tillId,
            String dataDirText, String scannerText, java.util.function.Consumer<javafx.stage.Window> openReports,
            javafx.scene.Node webcamPreview) {
        this.openReports = openReports;
        this.webcamPreview = webcamPreview;
        this.model = model;
        this.text = text;
        this.money = money;
        this.tillId = tillId;
        this.dataDirText = dataDirText;
        this.scannerText = scannerText;
    }

    /** Loads the FXML and returns the screen's root node, bound to {@code model}. */
    public static Parent load(SellViewModel model, ResourceBundle text, MoneyFormat money, String tillId,
            String dataDirText, String scannerText) {
        return load(model, text, money, tillId, dataDirText, scannerText, null);
    }

    /**
     * As {@link #load(SellViewModel, ResourceBundle, MoneyFormat, String, String, String)}, with the
     * reports view (R19) behind a button and Ctrl+R.
     *
     * @param openReports opens the reports window over the given owner, or null for no reports button
     */
    public static Parent load(SellViewModel model, ResourceBundle text, MoneyFormat money, String tillId,
            String dataDirText, String scannerText, java.util.function.Consumer<javafx.stage.Window> openReports) {
        return load(model, text, money, tillId, dataDirText, scannerText, openReports, null);
    }

    /**
     * The sell screen with the reports button and, when {@code webcamPreview} is not null, the
     * webcam's live picture in the corner of the cart (it flashes on a read).
     */
    public static Parent load(SellViewModel model, ResourceBundle text, MoneyFormat money, String tillId,
            String dataDirText, String scannerText, java.util.function.Consumer<javafx.stage.Window> openReports,
            javafx.scene.Node webcamPreview) {
        return load(model, text, money, tillId, dataDirText, scannerText, openReports, webcamPreview, null);
    }

    /**
     * As above, with a "Camera (Ctrl+K)" button opening the camera settings when
     * {@code openCameraSettings} is not null.
     */
    public static Parent load(SellViewModel model, ResourceBundle text, MoneyFormat money, String tillId,
            String dataDirText, String scannerText, java.util.function.Consumer<javafx.stage.Window> openReports,
            javafx.scene.Node webcamPreview, java.util.function.Consumer<javafx.stage.Window> openCameraSettings) {
        SellView view = new SellView(model, text, money, tillId, dataDirText, scannerText, openReports, webcamPreview);
        FXMLLoader loader = new FXMLLoader(SellView.class.getResource("/pos/app/sell/Sell.fxml"), text);
        loader.setControllerFactory(type -> view);
        try {
            Parent parent = loader.load();
            if (openCameraSettings != null) {
                view.enableCameraSettings(openCameraSettings);
            }
            parent.getStylesheets().add(SellView.class.getResource("/pos/app/sell/sell.css").toExternalForm());
            parent.sceneProperty().addListener((obs, old, scene) -> {
                if (scene != null) {
                    view.installShortcuts(scene);
                }
            });
            return parent;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the sell screen", e);
        }
    }

    @FXML
    private void initialize() {
        tillLabel.setText(java.text.MessageFormat.format(text.getString("label.till"), tillId));
        saleNumberLabel.textProperty().bind(model.saleNumberTextProperty());
        dateTimeLabel.textProperty().bind(model.dateTimeTextProperty());
        javafx.animation.Timeline clockTimer = new javafx.animation.Timeline(
                new javafx.animation.KeyFrame(javafx.util.Duration.seconds(1), e -> model.tick()));
        clockTimer.setCycleCount(javafx.animation.Animation.INDEFINITE);
        clockTimer.play();
        dataDirLabel.setText(dataDirText);
        scannerLabel.setText(scannerText);

        entryField.textProperty().bindBidirectional(model.entryTextProperty());
        entryField.setOnAction(e -> model.submitEntry());
        entryField.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DOWN) {
                if (!model.searchResults().isEmpty()) {
                    searchList.requestFocus();
                    searchList.getSelectionModel().selectFirst();
                } else if (!model.cart().isEmpty()) {
                    cartTable.requestFocus();
                }
                e.consume();
            }
        });

        searchList.setItems(model.searchResults());
        searchList.visibleProperty().bind(Bindings.isNotEmpty(model.searchResults()));
        searchList.managedProperty().bind(searchList.visibleProperty());
        searchList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Product product, boolean empty) {
                super.updateItem(product, empty);
                setText(empty || product == null ? null
                        : product.name() + "   ·   " + product.code() + "   ·   " + money.format(product.unitPrice()));
            }
        });
        searchList.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && searchList.getSelectionModel().getSelectedItem() != null) {
                model.addSearchResult(searchList.getSelectionModel().getSelectedItem());
                entryField.requestFocus();
                e.consume();
            }
        });
        searchList.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && searchList.getSelectionModel().getSelectedItem() != null) {
                model.addSearchResult(searchList.getSelectionModel().getSelectedItem());
                entryField.requestFocus();
            }
        });

        lineColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().lineNo()));
        itemColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().name()));
        qtyColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().quantity()));
        unitPriceColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().unitPrice()));
        totalColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().total()));
        cartTable.setItems(model.cart());
        model.selectedRowProperty().addListener((obs, old, row) -> {
            if (row != null && cartTable.getSelectionModel().getSelectedItem() != row) {
                cartTable.getSelectionModel().select(row);
                cartTable.scrollTo(row);
            }
        });
        cartTable.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                model.selectedRowProperty().set(row);
            }
        });
        // a code or name typed while the cart has the focus goes on in the entry field, not lost (issue 11)
        cartTable.addEventHandler(KeyEvent.KEY_TYPED, e -> {
            String typed = e.getCharacter();
            if (!entryField.isDisabled() && !typed.isBlank() && !Character.isISOControl(typed.charAt(0))
                    && !e.isControlDown() && !e.isMetaDown()) {
                entryField.requestFocus();
                entryField.appendText(typed);
                entryField.end();
                e.consume();
            }
        });

        totalLabel.textProperty().bind(model.totalTextProperty());
        itemCountLabel.textProperty().bind(model.itemCountTextProperty());
        taxLabel.textProperty().bind(model.taxTextProperty());
        dueLabel.textProperty().bind(model.dueTextProperty());
        changeLabel.textProperty().bind(model.changeTextProperty());
        tenderedField.textProperty().bindBidirectional(model.tenderedTextProperty());
        tenderedField.setOnAction(e -> model.confirmCash());
        cashButton.disableProperty().bind(model.canTenderProperty().not());
        for (Button needsItems : new Button[] {qtyPlusButton, qtyMinusButton, removeButton, cancelSaleButton, payCodeButton, qrButton}) {
            needsItems.disableProperty().bind(model.canTenderProperty().not());
        }

        model.modeProperty().addListener((obs, old, mode) -> showMode(mode));
        model.gatewayPanelProperty().addListener((obs, old, now) -> showMode(model.modeProperty().get()));
        showMode(model.modeProperty().get());

        messageLabel.textProperty().bind(model.messageProperty());
        model.messageKindProperty().addListener((obs, old, kind) -> styleMessage(kind));
        styleMessage(model.messageKindProperty().get());

        syncLabel.textProperty().bind(model.syncTextProperty());
        alertLabel.textProperty().bind(model.alertTextProperty());
        javafx.scene.control.Tooltip alertTip = new javafx.scene.control.Tooltip();
        alertTip.textProperty().bind(model.alertTextProperty());
        alertLabel.setTooltip(alertTip);
        model.alertCriticalProperty().addListener((obs, old, critical) -> {
            alertLabel.getStyleClass().remove("critical");
            if (critical) {
                alertLabel.getStyleClass().add("critical");
            }
        });
        model.syncStateProperty().addListener((obs, old, state) -> styleSync());
        styleSync();
        model.syncDetailProperty().addListener((obs, old, detail) -> styleSync());

        model.focusRequestProperty().addListener((obs, old, target) -> focus(target));

        payTitleLabel.textProperty().bind(model.paymentTitleProperty());
        countdownLabel.textProperty().bind(model.countdownTextProperty());
        payDetailLabel.textProperty().bind(model.paymentDetailProperty());
        model.qrContentProperty().addListener((obs, old, content) -> showQr(content));
        showQr(model.qrContentProperty().get());
        initializeCard();
    }

    private void initializeCard() {
        cameraButton.setVisible(false);
        cameraButton.setManaged(false);
        if (webcamPreview != null) {
            webcamPreview.getStyleClass().add("webcam-preview");
            if (webcamPreview instanceof javafx.scene.layout.Region region) {
                region.setMaxSize(256, 192);
                region.setPrefSize(256, 192);
            }
            webcamPreview.setMouseTransparent(true);
            javafx.scene.layout.StackPane.setAlignment(webcamPreview, javafx.geometry.Pos.BOTTOM_RIGHT);
            javafx.scene.layout.StackPane.setMargin(webcamPreview, new javafx.geometry.Insets(8));
            cartStack.getChildren().add(webcamPreview);
        }
        cameraLabel.textProperty().bind(model.cameraTextProperty());
        cameraLabel.visibleProperty().bind(model.cameraTextProperty().isNotEmpty());
        cameraLabel.managedProperty().bind(cameraLabel.visibleProperty());
        javafx.scene.control.Tooltip cameraTip = new javafx.scene.control.Tooltip();
        cameraTip.textProperty().bind(model.cameraDetailProperty());
        cameraLabel.setTooltip(cameraTip);
        model.cameraProblemProperty().addListener((obs, old, problem) -> {
            cameraLabel.getStyleClass().remove("warning");
            if (problem) {
                cameraLabel.getStyleClass().add("warning");
            }
        });
        for (Button people : new Button[] {switchClerkButton, peopleButton, memberButton}) {
            people.setVisible(model.hasPeople());
            people.setManaged(model.hasPeople());
        }
        memberButton.disableProperty().bind(model.canTenderProperty().not());
        clerkLabel.textProperty().bind(model.clerkTextProperty());
        fingerprintLabel.textProperty().bind(model.fingerprintTextProperty());
        fingerprintLabel.visibleProperty().bind(model.fingerprintTextProperty().isNotEmpty());
        javafx.scene.control.Tooltip fingerprintTip = new javafx.scene.control.Tooltip();
        fingerprintTip.textProperty().bind(model.fingerprintDetailProperty());
        fingerprintLabel.setTooltip(fingerprintTip);
        fingerprintLabel.managedProperty().bind(fingerprintLabel.visibleProperty());
        model.fingerprintProblemProperty().addListener((obs, old, problem) -> {
            fingerprintLabel.getStyleClass().remove("warning");
            if (problem) {
                fingerprintLabel.getStyleClass().add("warning");
            }
        });
        reportsButton.setVisible(openReports != null);
        reportsButton.setManaged(openReports != null);
        // only the panel on show takes part in the layout, so a tall hidden panel never pushes the screen
        for (VBox pane : new VBox[] {sellingPane, tenderPane, payPane, cardPane, pinPane}) {
            pane.managedProperty().bind(pane.visibleProperty());
        }
        cardButton.disableProperty().bind(model.canTenderProperty().not());
        cardDueLabel.textProperty().bind(model.dueTextProperty());
        cardNumberField.textProperty().bind(model.cardNumberTextProperty());
        // the field shows the masked number only; the digits go to the view model, never into a node
        cardNumberField.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            String typed = e.getCharacter();
            if (!typed.isEmpty() && !Character.isISOControl(typed.charAt(0))) {
                model.cardTyped(typed);
            }
            e.consume();
        });
        cardNumberField.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.BACK_SPACE) {
                model.cardBackspace();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                model.checkCard();
                e.consume();
            }
        });
        cardBankLabel.textProperty().bind(model.cardBankTextProperty());
        cardAmountField.textProperty().bindBidirectional(model.cardAmountTextProperty());
        cardAmountField.setOnAction(e -> model.checkCard());
        for (javafx.scene.control.CheckBox age : new javafx.scene.control.CheckBox[] {cardAgeCheck, cashAgeCheck, sellAgeCheck}) {
            age.selectedProperty().bindBidirectional(model.ageConfirmedProperty());
            age.visibleProperty().bind(model.ageCheckVisibleProperty());
            age.managedProperty().bind(age.visibleProperty());
        }
        pinAmountLabel.textProperty().bind(model.pinAmountTextProperty());
        pinDotsLabel.textProperty().bind(model.pinDotsTextProperty());
        buildKeypad();
        ruleLabel.textProperty().bind(model.ruleBaseTextProperty());
        demoLabel.textProperty().bind(model.demoTextProperty());
        demoLabel.visibleProperty().bind(model.demoTextProperty().isNotEmpty());
        demoLabel.managedProperty().bind(demoLabel.visibleProperty());
        model.ruleBaseProblemProperty().addListener((obs, old, problem) -> {
            ruleLabel.getStyleClass().remove("warning");
            if (problem) {
                ruleLabel.getStyleClass().add("warning");
            }
        });
        checkOverlay.visibleProperty().bind(model.checkPopupVisibleProperty());
        model.checkFailures().addListener((javafx.collections.ListChangeListener<CheckFailureRow>) c -> showCheckRows());
        model.checkPopupVisibleProperty().addListener((obs, old, shown) -> {
            if (shown) {
                showCheckRows();
            }
        });
        resultOverlay.visibleProperty().bind(model.resultVisibleProperty());
        resultTitleLabel.textProperty().bind(model.resultTitleProperty());
        resultDetailLabel.textProperty().bind(model.resultDetailProperty());
        model.resultSuccessProperty().addListener((obs, old, ok) -> styleResult());
        model.resultVisibleProperty().addListener((obs, old, shown) -> {
            styleResult();
            if (shown) {
                resultOkButton.requestFocus();
            } else {
                focus(model.focusRequestProperty().get());
            }
        });
        resultOverlay.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.ESCAPE) {
                model.dismissResult();
                e.consume();
            }
        });
    }

    private void buildKeypad() {
        keypadGrid.getChildren().clear();
        for (int position = 0; position < 10; position++) {
            int p = position;
            Button key = new Button();
            key.setId("pinKey" + position);
            key.getStyleClass().add("pin-key");
            key.setFocusTraversable(false);
            key.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                    () -> String.valueOf(model.keypad().get(p)), model.keypad()));
            key.setOnAction(e -> model.pinKeyAt(p));
            int cell = position < 9 ? position : 10;
            keypadGrid.add(key, cell % 3, cell / 3);
        }
        Button back = new Button(text.getString("button.pinBack"));
        back.setId("pinBack");
        back.getStyleClass().add("pin-key");
        back.setFocusTraversable(false);
        back.setOnAction(e -> model.pinBackspace());
        keypadGrid.add(back, 0, 3);
        Button ok = new Button(text.getString("button.pinOk"));
        ok.setId("pinOk");
        ok.getStyleClass().addAll("pin-key", "pin-ok");
        ok.setFocusTraversable(false);
        ok.setOnAction(e -> model.pinConfirm());
        keypadGrid.add(ok, 2, 3);
    }

    private void showCheckRows() {
        checkRows.getChildren().clear();
        int n = 0;
        for (CheckFailureRow row : model.checkFailures()) {
            n++;
            Label reason = new Label(row.reason());
            reason.getStyleClass().add("check-reason");
            reason.setWrapText(true);
            reason.setMaxWidth(Double.MAX_VALUE);
            Label keyword = new Label(row.keyword());
            keyword.getStyleClass().add("check-keyword");
            VBox words = new VBox(2, reason, keyword);
            javafx.scene.layout.HBox.setHgrow(words, javafx.scene.layout.Priority.ALWAYS);
            javafx.scene.control.Hyperlink fix = new javafx.scene.control.Hyperlink(
                    text.getString("check.fix") + (n <= 9 ? " (Alt+" + n + ")" : ""));
            fix.setId("fix-" + n);
            fix.getStyleClass().add("check-fix");
            fix.setFocusTraversable(false);
            fix.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
            fix.setOnAction(e -> model.fix(row));
            javafx.scene.layout.HBox line = new javafx.scene.layout.HBox(12, words, fix);
            line.getStyleClass().add("check-row");
            line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            checkRows.getChildren().add(line);
        }
    }

    private void fixRow(int index) {
        if (model.checkPopupVisibleProperty().get() && index < model.checkFailures().size()) {
            model.fix(model.checkFailures().get(index));
        }
    }

    private void styleResult() {
        resultPopup.getStyleClass().removeAll("success", "failure");
        resultPopup.getStyleClass().add(model.resultSuccessProperty().get() ? "success" : "failure");
    }

    private void installShortcuts(Scene scene) {
        var accelerators = scene.getAccelerators();
        accelerators.put(new KeyCodeCombination(KeyCode.F2), () -> focus(FocusTarget.SCAN_FIELD));
        accelerators.put(new KeyCodeCombination(KeyCode.F3), this::onSearch);
        accelerators.put(new KeyCodeCombination(KeyCode.F5), model::increaseQuantity);
        accelerators.put(new KeyCodeCombination(KeyCode.F6), model::decreaseQuantity);
        accelerators.put(new KeyCodeCombination(KeyCode.F7), model::removeSelectedLine);
        accelerators.put(new KeyCodeCombination(KeyCode.F8), model::cancelSale);
        accelerators.put(new KeyCodeCombination(KeyCode.F9), model::openCashTender);
        accelerators.put(new KeyCodeCombination(KeyCode.F10), model::exactOrCheckAgain);
        accelerators.put(new KeyCodeCombination(KeyCode.F11), model::openQrTender);
        accelerators.put(new KeyCodeCombination(KeyCode.F4), model::openPayCodeTender);
        accelerators.put(new KeyCodeCombination(KeyCode.F12), model::newSale);
        accelerators.put(new KeyCodeCombination(KeyCode.ESCAPE), model::backToCart);
        accelerators.put(new KeyCodeCombination(KeyCode.F1), model::openCardTender);
        if (openReports != null) {
            accelerators.put(new KeyCodeCombination(KeyCode.R, KeyCodeCombination.SHORTCUT_DOWN), this::onReports);
        }
        accelerators.put(new KeyCodeCombination(KeyCode.K, KeyCodeCombination.SHORTCUT_DOWN), this::onCamera);
        accelerators.put(new KeyCodeCombination(KeyCode.A, KeyCodeCombination.ALT_DOWN),
                () -> model.ageConfirmedProperty().set(!model.ageConfirmedProperty().get()));
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
                KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9};
        for (int i = 0; i < digits.length; i++) {
            int index = i;
            accelerators.put(new KeyCodeCombination(digits[i], KeyCodeCombination.ALT_DOWN), () -> fixRow(index));
        }
        if (model.hasPeople()) {
            accelerators.put(new KeyCodeCombination(KeyCode.M, KeyCodeCombination.SHORTCUT_DOWN), model::memberPay);
            accelerators.put(new KeyCodeCombination(KeyCode.L, KeyCodeCombination.SHORTCUT_DOWN), model::switchClerk);
            accelerators.put(new KeyCodeCombination(KeyCode.P, KeyCodeCombination.SHORTCUT_DOWN), model::openPeople);
        }
        // while nobody is signed in the sign-in screen covers the till: no shortcut of the sell screen acts
        for (var entry : accelerators.entrySet()) {
            Runnable action = entry.getValue();
            entry.setValue(() -> {
                if (!model.lockedProperty().get()) {
                    action.run();
                }
            });
        }
        focus(FocusTarget.SCAN_FIELD);
    }

    private void showMode(SellMode mode) {
        boolean paid = mode == SellMode.PAID;
        boolean gateway = model.gatewayPanelProperty().get();
        boolean tendering = !gateway && (paid || mode == SellMode.TENDERING || mode == SellMode.SAVING || mode == SellMode.SAVE_FAILED);
        boolean card = mode == SellMode.CARD_ENTRY;
        boolean pinEntry = mode == SellMode.CARD_PIN;
        tenderPane.setVisible(tendering);
        payPane.setVisible(gateway);
        cardPane.setVisible(card);
        pinPane.setVisible(pinEntry);
        sellingPane.setVisible(!tendering && !gateway && !card && !pinEntry);
        boolean problem = mode == SellMode.PAYMENT_PROBLEM;
        paidNewSaleButtonOnPay.setVisible(gateway && paid);
        paidNewSaleButtonOnPay.setManaged(gateway && paid);
        otherTenderButton.setVisible(!paid);
        otherTenderButton.setManaged(!paid);
        problemButtons.setVisible(problem);
        problemButtons.setManaged(problem);
        payAgainButton.setDefaultButton(problem);
        payPane.getStyleClass().remove("problem");
        if (problem) {
            payPane.getStyleClass().add("problem");
        }
        tenderButtons.setVisible(!paid);
        tenderButtons.setManaged(!paid);
        paidNewSaleButton.setVisible(paid);
        paidNewSaleButton.setManaged(paid);
        boolean paidInCash = model.currentSale().tenders().stream().anyMatch(t -> t.type() == pos.core.sale.TenderType.CASH);
        tenderTitleLabel.setText(text.getString(!paid ? "tender.cash.title"
                : paidInCash ? "tender.cash.paidTitle" : "pay.paidTitle"));
        tenderedField.setDisable(mode != SellMode.TENDERING);
        confirmButton.setDisable(mode == SellMode.SAVING);
        entryField.setDisable(tendering || card || pinEntry);
        root.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("paid"), mode == SellMode.PAID);
        if (mode == SellMode.SAVE_FAILED) {
            confirmButton.requestFocus();
        }
    }

    private void styleMessage(MessageKind kind) {
        messageLabel.getStyleClass().removeAll("info", "success", "error");
        messageLabel.getStyleClass().add(kind.name().toLowerCase(java.util.Locale.ROOT));
    }

    private void styleSync() {
        syncLabel.getStyleClass().removeAll("off", "online", "offline");
        syncLabel.getStyleClass().add(model.syncStateProperty().get().name().toLowerCase(java.util.Locale.ROOT));
        String detail = model.syncDetailProperty().get();
        syncLabel.setTooltip(detail == null || detail.isEmpty() ? null : new javafx.scene.control.Tooltip(detail));
    }

    private void focus(FocusTarget target) {
        if (target == null || model.resultVisibleProperty().get()) {
            // the result page keeps the focus until it is closed; then the requested field gets it
            return;
        }
        switch (target) {
            case SCAN_FIELD -> entryField.requestFocus();
            case TENDER_FIELD -> {
                tenderedField.requestFocus();
                tenderedField.selectAll();
            }
            case CART -> cartTable.requestFocus();
            case CARD_NUMBER -> cardNumberField.requestFocus();
            case CARD_AMOUNT -> {
                cardAmountField.requestFocus();
                cardAmountField.selectAll();
            }
            case AGE_CONFIRMATION -> (cardPane.isVisible() ? cardAgeCheck : tenderPane.isVisible() ? cashAgeCheck : sellAgeCheck)
                    .requestFocus();
            case PIN_PAD -> keypadGrid.requestFocus();
        }
    }

    private void showQr(String content) {
        boolean show = content != null && !content.isEmpty();
        qrImage.setImage(show ? pos.app.ui.QrCodeImage.render(content, 240) : null);
        qrImage.setVisible(show);
        qrImage.setManaged(show);
    }

    @FXML private void onPayCode() { model.openPayCodeTender(); }
    @FXML private void onCard() { model.openCardTender(); }

    @FXML
    private void onCamera() {
        if (openCameraSettings != null) {
            openCameraSettings.accept(root.getScene().getWindow());
        }
    }

    /** Shows the "Camera (Ctrl+K)" button, which opens the camera settings over the till's window. */
    private void enableCameraSettings(java.util.function.Consumer<javafx.stage.Window> opener) {
        this.openCameraSettings = opener;
        cameraButton.setVisible(true);
        cameraButton.setManaged(true);
    }

    @FXML
    private void onReports() {
        if (openReports != null) {
            model.reportsOpened();
            openReports.accept(root.getScene().getWindow());
        }
    }
    @FXML private void onCheckCard() { model.checkCard(); }
    @FXML private void onSwitchClerk() { model.switchClerk(); }
    @FXML private void onPeople() { model.openPeople(); }
    @FXML private void onMember() { model.memberPay(); }
    @FXML private void onCloseCheck() { model.closeCheckPopup(); }
    @FXML private void onResultOk() { model.dismissResult(); }
    @FXML private void onQr() { model.openQrTender(); }
    @FXML private void onPayAgain() { model.payAgain(); }
    @FXML private void onCheckAgain() { model.exactOrCheckAgain(); }
    @FXML private void onQtyPlus() { model.increaseQuantity(); }
    @FXML private void onQtyMinus() { model.decreaseQuantity(); }
    @FXML private void onRemove() { model.removeSelectedLine(); }
    @FXML private void onCancelSale() { model.cancelSale(); }
    @FXML private void onNewSale() { model.newSale(); }
    @FXML private void onCash() { model.openCashTender(); }
    @FXML private void onExact() { model.tenderExact(); }
    @FXML private void onBack() { model.backToCart(); }
    @FXML private void onConfirm() { model.confirmCash(); }

    @FXML
    private void onSearch() {
        entryField.requestFocus();
        entryField.selectAll();
    }
}
