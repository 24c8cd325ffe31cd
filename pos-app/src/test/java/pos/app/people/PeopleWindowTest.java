package pos.app.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.people.Clerk;
import pos.core.people.Role;
import pos.core.people.SignedIn;
import pos.sync.people.PrintKeys;
import pos.sync.people.TillPeople;

/**
 * The people window through its real window (issue 11, defect 15): a visible Close with its shortcut, Enter in the
 * PIN field adds the clerk, a refused member keeps the form and the whole message shows, Enrol is off with the
 * reason when there is no reader, fingers in the clerk's words; and it opens as a window of its own that fits the
 * screen, leaving the main window's size alone (defect 3).
 */
@ExtendWith(ApplicationExtension.class)
@DisplayName("R18 the people window (issue 11)")
class PeopleWindowTest {

    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);
    final Clock clock = Clock.fixed(Instant.parse("2026-11-29T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    Stage main;
    TillPeople people;
    Fingerprints fingerprints;
    PeopleViewModel model;
    TaskExecutor.Background work;
    Stage window;

    @Start
    void start(Stage stage) {
        main = stage;
        stage.setScene(new Scene(new StackPane(new Label("the sell screen")), 900, 600));
        stage.show();
    }

    private void openWindow() throws Exception {
        people = TillPeople.open(dataDir, PrintKeys.openIn(dataDir), null, clock, pos.sync.auth.StreamSigner.missing("till-3"));
        Clerk sam = people.addClerk("Sam Supervisor", Role.SUPERVISOR, "246810".toCharArray());
        fingerprints = Fingerprints.off(people, java.text.MessageFormat.format(TEXT.getString("people.reader.switchedOff"), new Object[0]));
        work = TaskExecutor.background("people-window-test");
        model = WaitForAsyncUtils.asyncFx(() -> new PeopleViewModel(people, fingerprints, null,
                new SignedIn(sam, "till-3", SignedIn.Method.PIN, clock.instant()), clock, new MoneyFormat(Locale.US), TEXT,
                work, UiThread.javaFx(), Currency.getInstance("EUR"))).get(10, TimeUnit.SECONDS);
        window = WaitForAsyncUtils.asyncFx(() -> PeopleView.open(main, model, TEXT, () -> { })).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (window != null) {
            WaitForAsyncUtils.asyncFx(window::hide).get(10, TimeUnit.SECONDS);
        }
        if (work != null) {
            work.close();
        }
        if (fingerprints != null) {
            fingerprints.close();
        }
        if (people != null) {
            people.close();
        }
    }

    private <T extends Node> T in(String query, Class<T> type, FxRobot robot) {
        return robot.from(window.getScene().getRoot()).lookup(query).queryAs(type);
    }

    @Test
    @DisplayName("a visible Close button says its shortcut (Esc) and closes the window")
    void aVisibleCloseButtonWithItsShortcut(FxRobot robot) throws Exception {
        openWindow();
        Button close = in("#closeButton", Button.class, robot);
        assertThat(close.isVisible()).isTrue();
        assertThat(close.getText()).isEqualTo("Close (Esc)");
        assertThat(close.localToScene(close.getBoundsInLocal()).getMaxY()).as("inside the window")
                .isLessThanOrEqualTo(window.getScene().getHeight());
        robot.clickOn(close);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.isShowing()).isFalse();
    }

    @Test
    @DisplayName("Enter in the PIN field adds the clerk, as the Add button does")
    void enterInThePinFieldAddsTheClerk(FxRobot robot) throws Exception {
        openWindow();
        robot.clickOn(in("#clerkName", TextField.class, robot)).write("Cara Cashier");
        robot.clickOn(in("#clerkPin", PasswordField.class, robot)).write("1357").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> people.clerks().stream().anyMatch(c -> c.name().equals("Cara Cashier")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.isShowing()).as("Enter adds; it does not close the window").isTrue();
        assertThat(in("#clerkName", TextField.class, robot).getText()).as("the form is emptied once saved").isEmpty();
        assertThat(in("#clerkPin", PasswordField.class, robot).getText()).isEmpty();
    }

    @Test
    @DisplayName("a member that cannot be added keeps the form's contents and shows the whole message, not cut")
    void aRefusedMemberKeepsTheFormAndTheWholeMessage(FxRobot robot) throws Exception {
        openWindow();
        // keyboard only, as a supervisor at the counter: the name, Tab, the balance, Enter
        robot.clickOn(in("#memberName", TextField.class, robot)).write("Mia Member").type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.getScene().getFocusOwner()).isSameAs(in("#memberBalance", TextField.class, robot));
        // an opening balance needs the store's stored-value ledger, which this till does not have
        robot.write("25.00").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(in("#memberName", TextField.class, robot).getText()).isEqualTo("Mia Member");
        assertThat(in("#memberBalance", TextField.class, robot).getText()).isEqualTo("25.00");
        Label message = in("#messageLabel", Label.class, robot);
        assertThat(message.getText()).isEqualTo(TEXT.getString("people.noLedgerBalance").replace("''", "'"));
        String shown = robot.from(message).lookup(".text").queryAs(Text.class).getText();
        assertThat(shown.replaceAll("\\s+", " ")).as("the message as drawn, every word of it")
                .isEqualTo(message.getText().replaceAll("\\s+", " "));
        assertThat(in("#memberName", TextField.class, robot).getText()).isEqualTo("Mia Member");
        assertThat(in("#memberBalance", TextField.class, robot).getText()).isEqualTo("25.00");
        assertThat(people.members()).isEmpty();
    }

    @Test
    @DisplayName("with no reader Enrol is off and says why; the fingers are named in the clerk's words")
    void enrolIsOffWithTheReasonWhenThereIsNoReader(FxRobot robot) throws Exception {
        openWindow();
        Button enrol = in("#enrollButton", Button.class, robot);
        assertThat(enrol.isDisabled()).isTrue();
        Label reason = in("#enrollBlockedLabel", Label.class, robot);
        assertThat(reason.isVisible()).isTrue();
        assertThat(reason.getText()).startsWith("Enrolling needs a fingerprint reader")
                .contains("switched off in this till's settings").doesNotContain("pos.");
        @SuppressWarnings("unchecked")
        ChoiceBox<String> fingers = in("#fingerChoice", ChoiceBox.class, robot);
        assertThat(fingers.getConverter().toString(fingers.getValue())).isEqualTo("Right index finger");
        assertThat(fingers.getItems()).allSatisfy(f -> assertThat(fingers.getConverter().toString(f)).doesNotContain("-"));
    }

    @Test
    @DisplayName("it opens as a window of its own inside the screen's visual bounds; the main window keeps its size")
    void itOpensInsideTheScreenAndLeavesTheMainWindowAlone(FxRobot robot) throws Exception {
        double mainWidth = main.getWidth();
        double mainHeight = main.getHeight();
        openWindow();
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        assertThat(window).isNotSameAs(main);
        assertThat(window.getWidth()).isLessThanOrEqualTo(screen.getWidth());
        assertThat(window.getHeight()).isLessThanOrEqualTo(screen.getHeight());
        assertThat(window.getX()).isGreaterThanOrEqualTo(screen.getMinX());
        assertThat(window.getY()).isGreaterThanOrEqualTo(screen.getMinY());
        assertThat(main.getWidth()).isEqualTo(mainWidth);
        assertThat(main.getHeight()).isEqualTo(mainHeight);
        assertThat(Window.getWindows()).contains(main, window);
    }
}
