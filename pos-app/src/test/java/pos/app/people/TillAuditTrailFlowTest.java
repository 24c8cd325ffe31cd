package pos.app.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.testing.FxConditions.onFx;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import pos.app.Wiring;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;
import pos.core.audit.AuditEntry;
import pos.core.audit.TillEvent;
import pos.core.people.Clerk;
import pos.core.people.Role;
import pos.core.sale.SaleRecord;
import pos.sync.people.PrintKeys;
import pos.sync.people.TillPeople;

/**
 * Issue 12 point 6 through the real till (headless window, the real people module, sign-in by PIN, the real SQLite
 * journal): "today a sale made with sign-in enforced names no clerk, and a voided line only leaves a gap in the line
 * numbers". Now the sale names Cara, its audit holds Sam's approval and the voided line, and the sign-in and the
 * clerk switch are till events.
 */
@ExtendWith(ApplicationExtension.class)
@DisplayName("Issue 12 point 6: the audit trail at a till with clerks")
class TillAuditTrailFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(50);
    static final String MILK_EAN = "4098369006029";

    @TempDir
    static Path dataDir;

    Wiring wiring;
    Clerk sam;
    Clerk cara;

    @Start
    void start(Stage stage) {
        // the store's clerks, made before the till starts (on another till and synced here, or at the first run)
        try (TillPeople people = TillPeople.open(dataDir, PrintKeys.openIn(dataDir), null, Clock.systemUTC(),
                pos.sync.auth.StreamSigner.missing("audit-till"))) {
            sam = people.addClerk("Sam Supervisor", Role.SUPERVISOR, "246802".toCharArray());
            cara = people.addClerk("Cara Cashier", Role.CASHIER, "1357".toCharArray());
        }
        TillConfig config = new ConfigLoader().load(null, Map.of(),
                Map.of("pos.data.dir", dataDir.toString(), "pos.till.id", "audit-till", "pos.demo", "true"),
                Path.of(System.getProperty("user.home")));
        Wiring.applyTheme();
        wiring = Wiring.start(config);
        Scene scene = new Scene(wiring.sellScreen(), 1280, 860);
        wiring.attach(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(20, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("Issue 12 point 6: Cara signs in by PIN, Sam approves her void, she sells; the journal names her, the approval, the void, the sign-in and the switch")
    void theAuditTrailIsInTheJournal(FxRobot robot) {
        SignInViewModel signIn = wiring.signIn().orElseThrow();
        await("sign-in shown").atMost(WAIT).pollInterval(POLL).until(onFx(() -> signIn.shownProperty().get()));
        robot.interact(() -> {
            signIn.selectClerk(indexOf(signIn.clerks(), "Cara Cashier"));
            "1357".chars().forEach(c -> signIn.pinDigit((char) c));
            signIn.submitPin();
        });
        await("Cara signed in").atMost(WAIT).pollInterval(POLL)
                .until(onFx(() -> wiring.shift().map(s -> s.clerk().id().equals(cara.id())).orElse(false)));

        robot.interact(() -> {
            wiring.sellModel().handleScan(MILK_EAN);
            wiring.sellModel().handleScan("4077354684879");
        });
        await("two lines").atMost(WAIT).pollInterval(POLL).until(onFx(() -> wiring.sellModel().cart().rows().size() == 2));
        String saleId = wiring.sellModel().checkout().sale().id().value();
        robot.interact(() -> wiring.sellModel().cart().selectedRowProperty().set(wiring.sellModel().cart().rows().get(0)));
        robot.type(KeyCode.F7);
        ApprovalViewModel approval = wiring.approval().orElseThrow();
        await("approval asked").atMost(WAIT).pollInterval(POLL).until(onFx(() -> approval.shownProperty().get()));
        robot.interact(() -> {
            approval.selectSupervisor(0);
            "246802".chars().forEach(c -> approval.pinDigit((char) c));
            approval.submitPin();
        });
        await("the line voided").atMost(WAIT).pollInterval(POLL).until(onFx(() -> wiring.sellModel().cart().rows().size() == 1));
        robot.interact(() -> {
            wiring.sellModel().cash().open();
            wiring.sellModel().cash().exact();
            wiring.sellModel().cash().confirm();
        });
        await("the sale journaled").atMost(WAIT).pollInterval(POLL)
                .until(() -> wiring.journal().findRecord(SaleRecord.class, saleId).isPresent());

        SaleRecord sale = wiring.journal().findRecord(SaleRecord.class, saleId).orElseThrow();
        assertThat(sale.clerkId()).isEqualTo(cara.id());
        assertThat(sale.clerkName()).isEqualTo("Cara Cashier");
        assertThat(sale.lines()).extracting(SaleRecord.Line::lineNo).containsExactly(2);
        assertThat(sale.audit()).extracting(AuditEntry::kind).extracting(Enum::name).containsExactly("APPROVAL", "LINE_VOIDED");
        AuditEntry approved = sale.audit().get(0);
        assertThat(List.of(approved.clerkId(), approved.approverId(), approved.subject(), approved.reason()))
                .containsExactly(cara.id(), sam.id(), saleId + "/1", "VOID_LINE");
        AuditEntry voided = sale.audit().get(1);
        assertThat(List.of(voided.clerkId(), voided.approverId(), voided.subject()))
                .containsExactly(cara.id(), sam.id(), "1 " + wiringProductCode(MILK_EAN));
        assertThat(voided.amountMinor()).isPositive();

        // Ctrl+L: Cara hands the till over
        robot.press(KeyCode.CONTROL).press(KeyCode.L).release(KeyCode.L).release(KeyCode.CONTROL);
        await("sign-in shown again").atMost(WAIT).pollInterval(POLL).until(onFx(() -> signIn.shownProperty().get()));
        await("sign-in and sign-out journaled").atMost(WAIT).pollInterval(POLL)
                .until(() -> events().size() == 2);
        assertThat(events()).extracting(e -> e.entry().kind() + " " + e.entry().clerkId() + " " + e.entry().subject())
                .containsExactly("SIGN_IN " + cara.id() + " PIN", "SIGN_OUT " + cara.id() + " PIN");
        assertThat(events()).extracting(TillEvent::tillId).containsOnly("audit-till");
    }

    private List<TillEvent> events() {
        return wiring.journal().records(TillEvent.class, Instant.EPOCH, Instant.now().plusSeconds(60));
    }

    private String wiringProductCode(String gtin) {
        return wiring.sellModel().checkout().cart().catalog().lookup(gtin) instanceof pos.core.catalog.Lookup.Piece piece
                ? piece.product().code() : gtin;
    }

    private static int indexOf(List<ClerkTile> tiles, String name) {
        for (int i = 0; i < tiles.size(); i++) {
            if (tiles.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no tile for " + name + " in " + tiles);
    }
}
