package pos.app.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.people.FaceAtTheTill.POLL;
import static pos.app.people.FaceAtTheTill.WAIT;
import static pos.app.people.FaceAtTheTill.cardLabel;
import static pos.app.people.FaceAtTheTill.nobody;
import static pos.app.people.FaceAtTheTill.scanBurst;
import static pos.app.people.FaceAtTheTill.shortcut;
import static pos.app.people.FaceAtTheTill.signInByPin;
import static pos.app.people.FaceAtTheTill.tryLooks;
import static pos.app.testing.FxConditions.onFx;
import static pos.app.testing.FxConditions.readOnFx;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Currency;
import java.util.List;
import java.util.Map;
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
import pos.app.Wiring;
import pos.contract.people.PeopleRedisKeys;
import pos.contract.redis.RedisConnections;
import pos.core.money.Money;
import pos.core.people.Member;
import pos.core.people.PersonKind;
import pos.core.people.Role;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.device.face.sim.FacePhotos.Person;
import pos.device.webcam.FrameFeedDevice;
import pos.sync.people.PrintKeys;
import pos.sync.people.RedisStoredValue;
import pos.sync.people.TillPeople;
import pos.testkit.junit.WithRedis;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 16 "done when" point 2, member pay by face, through the till's real window (headless Monocle), the real
 * OpenCV stack behind the project's own webcam driver ({@link FrameFeedDevice} playing real photographs) and the real
 * Redis stored-value ledger: a supervisor enrols a member's face in the people window (Ctrl+F); at Ctrl+M a stranger's
 * face is refused; the member's face (looks never used to enrol) shows her name and balance; Enter pays the sale from
 * her balance, which goes down by the total. Her sealed template is nowhere in the clear.
 */
@WithRedis
@ExtendWith(ApplicationExtension.class)
@DisplayName("R18 issue 16: a member pays by face at the till, through the project's webcam driver")
class TillFaceMemberPayFlowTest {

    static final String WHOLE_MILK_EAN = "4098369006029"; // €5.09
    static final String SAM_PIN = "246802";
    /** This till's credential (./pos hub tills add): the till signs its stored-value moves with it. */
    static final pos.contract.auth.TillCredential CREDENTIAL = pos.contract.auth.TillCredential.issue("face-member-till",
            new java.security.SecureRandom());

    static RedisProcess redis;
    @TempDir
    static Path dataDir;

    Wiring wiring;
    FrameFeedDevice camera;
    FaceAtTheTill till;
    Member mia;

    @Start
    void start(Stage stage) {
        till = new FaceAtTheTill();
        redis.flushAll();
        // the balances are restored (a hub does this from MariaDB; there is none here)
        redis.call("SET", PeopleRedisKeys.DEFAULT.restored(), "till-face-member-pay-flow-test");
        try (TillPeople people = TillPeople.open(dataDir, PrintKeys.openIn(dataDir), null, Clock.systemUTC(),
                pos.sync.auth.StreamSigner.missing("face-member-till"))) {
            people.addClerk("Sam Supervisor", Role.SUPERVISOR, SAM_PIN.toCharArray());
            mia = people.addMember("Mia Member", Currency.getInstance("EUR"));
        }
        Path credentialFile = dataDir.resolve("hub-credential");
        pos.contract.auth.SecretFiles.write(credentialFile, CREDENTIAL.text(), "this till's credential");
        Map<String, String> settings = FaceAtTheTill.faceTillSettings(dataDir, "face-member-till");
        settings.put("pos.hub.credentialFile", credentialFile.toString());
        settings.put("pos.redis.url", redis.uri());
        wiring = till.startTill(stage, settings);
        camera = till.camera;
    }

    @AfterEach
    void stop() throws Exception {
        till.close();
    }

    @Test
    @DisplayName("R18 member pay by face: a stranger is refused; the member's face shows her name and balance, Enter pays"
            + " from her stored value in Redis; her sealed face template is nowhere in the clear")
    void memberPaysByFace(FxRobot robot) throws Exception {
        // 1) Sam (the store's only clerk: Alt+1) signs in by PIN.
        SignInViewModel signIn = wiring.signIn().orElseThrow();
        assertThat(signIn.shownProperty().get()).as("the till opens locked on the sign-in screen").isTrue();
        signInByPin(robot, wiring, KeyCode.DIGIT1, "Sam Supervisor", SAM_PIN);

        // 2) Sam enrols Mia's face in the people window (Ctrl+P, Ctrl+F on her row), Mia in front of the camera.
        till.enrolInPeopleWindow(robot, "Mia Member", Person.ASTRONAUT);

        // 3) The store tops Mia's stored value up to €20.00 (the real Redis ledger).
        try (RedisConnections connections = RedisConnections.create(redis.uri());
                RedisStoredValue storedValue = new RedisStoredValue(connections, PeopleRedisKeys.DEFAULT, Clock.systemUTC(),
                        wiring.people().orElseThrow().store(), pos.sync.auth.StreamSigner.of(CREDENTIAL))) {
            assertThat(storedValue.topUp(mia.id(), "top-up-" + mia.id(), 2_000, "hq").isSuccess()).isTrue();
        }

        // 4) Whole milk (€5.09), then Ctrl+M: a stranger looks at the camera first, and is refused.
        scanBurst(robot, WHOLE_MILK_EAN);
        await("one line").atMost(WAIT).pollInterval(POLL).until(onFx(() -> wiring.sellModel().cart().rows().size() == 1));
        MemberPayViewModel memberPay = wiring.memberPay().orElseThrow();
        camera.play(tryLooks(Person.STRANGER));
        shortcut(robot, KeyCode.M);
        await("member pay shown").atMost(WAIT).pollInterval(POLL).until(onFx(() -> memberPay.shownProperty().get()));
        assertThat(readOnFx(() -> FaceAtTheTill.cardShows(robot, "member"))).as("the member pay overlay on screen").isTrue();
        await("the stranger refused").atMost(WAIT).pollInterval(POLL).until(onFx(() ->
                "That face is not a member's here: look at the camera again, or pay another way"
                        .equals(cardLabel(robot, "member", "messageLabel"))));
        assertThat(readOnFx(() -> cardLabel(robot, "member", "memberLabel"))).as("nobody found").isEmpty();
        assertThat(readOnFx(() -> memberPay.canPayProperty().get())).isFalse();

        // 5) Mia looks at the camera (looks never used to enrol): her name and balance for the clerk to confirm.
        camera.play(tryLooks(Person.ASTRONAUT));
        await("member pay found Mia and her balance").atMost(WAIT).pollInterval(POLL)
                .until(onFx(() -> memberPay.canPayProperty().get()));
        camera.play(nobody());
        assertThat(readOnFx(() -> cardLabel(robot, "member", "memberLabel"))).isEqualTo("Mia Member");
        assertThat(readOnFx(() -> cardLabel(robot, "member", "balanceLabel"))).isEqualTo("Balance: €20.00");
        assertThat(readOnFx(() -> cardLabel(robot, "member", "payLabel"))).isEqualTo("Pay €5.09 from the balance (Enter)");
        assertThat(wiring.sellModel().currentSale().state()).as("nothing paid before the clerk confirms")
                .isNotEqualTo(SaleState.PAID);

        // 6) Enter: the sale is paid from her balance, which goes down by the total.
        robot.type(KeyCode.ENTER);
        await("the sale is paid by the member").atMost(WAIT).pollInterval(POLL)
                .until(onFx(() -> wiring.sellModel().currentSale().state() == SaleState.PAID));
        assertThat(wiring.sellModel().currentSale().tenders()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo(TenderType.MEMBER);
            assertThat(t.amount()).isEqualTo(Money.ofMinor(509, "EUR"));
        });
        assertThat(readOnFx(() -> memberPay.shownProperty().get())).isFalse();
        assertThat(redis.call("GET", PeopleRedisKeys.DEFAULT.balance(mia.id()))).as("€20.00 − €5.09").isEqualTo("1491");

        // 7) R18: Mia's sealed face template is nowhere in the clear.
        List<TillPeople.Enrolled> enrolled = wiring.people().orElseThrow().prints(PersonKind.MEMBER, FaceAtTheTill.FACE_DRIVER).usable();
        assertThat(enrolled).hasSize(1);
        till.assertNoTemplateInTheClear(enrolled, dataDir);
    }
}
