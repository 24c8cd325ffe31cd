package pos.bench.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The payments fault run at test size ({@link FaultRunSettings#small()}) with issue 10's locks on
 * ({@link FaultRunSettings#secured()}): Redis TLS-only with the ACL users {@code pos-hub} and
 * {@code pos-till} (and restarted with them), the hub child JVM logging in as {@code pos-hub} from
 * its environment and serving HTTPS with a key store the run makes, the tills logging in as
 * {@code pos-till}, asking the hub with their own credentials, signing their stream entries and
 * taking results only with the hub's signature. Same faults and the same sums as
 * {@link PaymentsFaultRunTest}. One run; each test method asserts one of its checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.DisplayName.class)
@DisplayName("Payments fault run, small, secured (SEC-650, R7-R12, R21-R24): ACLs and TLS on, hub SIGKILL, Redis restart,"
        + " MariaDB down")
@Execution(ExecutionMode.CONCURRENT) // beside the other fault runs: see junit-platform.properties
class PaymentsFaultRunSecureTest {

    private FaultRunReport report;
    private String printed;

    @BeforeAll
    void run() throws Exception {
        report = new PaymentsFaultRun(FaultRunSettings.small().withSecured(true)).run();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        report.print(new PrintStream(text, true, StandardCharsets.UTF_8));
        printed = text.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
    }

    @Test
    @DisplayName("SEC-650 R8 R10 R24 with ACLs and TLS on, the gateway's net charges equal the paid sales in MariaDB and in"
            + " the journals, to the cent")
    void ledgerNetEqualsMariaDbEqualsJournals() {
        assertPassed("money: ledger net == MariaDB == journals");
        assertPassed("each kept charge is exactly one paid sale's tender");
    }

    @Test
    @DisplayName("SEC-651 R6 R10 with ACLs and TLS on, no transaction is archived, journaled or charged twice")
    void noTransactionTwice() {
        assertPassed("no transaction twice");
    }

    @Test
    @DisplayName("SEC-652 R7 R8 R11 with ACLs and TLS on, nothing is left pending older than the reconciler's threshold")
    void nothingPendingOlderThanTheThreshold() {
        assertPassed("nothing pending older than T");
    }

    @Test
    @DisplayName("SEC-653 R9 R10 with ACLs and TLS on, every journaled sale reached MariaDB: nothing lost")
    void archiveDrained() {
        assertPassed("archive drained");
    }

    @Test
    @DisplayName("SEC-654 R12 the queue alerts were raised while MariaDB was down and cleared after, read over HTTPS")
    void alertsRaisedWhileMariaDbWasDownAndClearedAfter() {
        assertPassed("alert " + PaymentsFaultRun.MARIADB_ALERT + " raised while MariaDB down, cleared after");
        assertPassed("alert " + PaymentsFaultRun.BACKLOG_ALERT + " raised while MariaDB down, cleared after");
    }

    @Test
    @DisplayName("SEC-655 R21 R22 R23 R24 every QR and pay-code payment reached a final state, both kinds were paid, and"
            + " QR give-ups and pay-code reversals happened")
    void everyPaymentReachedAFinalState() {
        assertPassed("every payment reached a final state; every watch done");
        assertPassed("payments of every kind ended PAID");
        assertThat(report.counts().getOrDefault("qr timed out", 0L)).as("R24: QR payments given up\n" + printed).isPositive();
        assertThat(report.counts().getOrDefault("pay-code reversals", 0L)).as("pay-codes never confirmed were reversed\n" + printed)
                .isPositive();
    }

    @Test
    @DisplayName("SEC-656 R11 the gateway timed out on the tills' requests, and the secured run still balances")
    void gatewayTimeoutsHappenedAndWereAskedAgain() {
        long timeouts = report.counts().entrySet().stream().filter(e -> e.getKey().startsWith("gateway timeouts seen"))
                .mapToLong(java.util.Map.Entry::getValue).sum();
        assertThat(timeouts).as("gateway timeouts seen by the tills\n" + printed).isPositive();
        assertPassed("money: ledger net == MariaDB == journals");
    }

    @Test
    @DisplayName("SEC-657 every stream entry the tills wrote was signed by a till the hub knows: no <stream>:unattributed")
    void noEntryUnattributed() {
        assertPassed("no stream entry unattributed");
    }

    @Test
    @DisplayName("SEC-658 R22 no till refused a result for its genuine payments, and the hub signed the final results it"
            + " wrote")
    void noGenuineResultRefused() {
        assertPassed("no result refused for a genuine payment");
        String signed = report.figures().get("final results in Redis: signed by the hub / the tills' own");
        assertThat(signed).as(printed).isNotNull();
        assertThat(Long.parseLong(signed.split(" / ")[0].strip())).as("final results the hub signed\n" + printed).isPositive();
    }

    @Test
    @DisplayName("SEC-659 Redis was TLS-only with the ACL users (a caller without a password and pos-till writing the rule"
            + " base were refused), the hub served HTTPS to the tills' credentials, the store CA's trust and the gateway's"
            + " notifications, and nothing"
            + " was refused by Redis or the hub")
    void theStoreWasLockedDownAndNothingWasRefused() {
        assertPassed("Redis TLS-only with ACL users, the hub on HTTPS");
        assertPassed("the hub's log has no Redis refusal and no refused request");
        assertPassed("the hub answers a till's credential over HTTPS, and only to the store CA's trust");
        assertPassed("the gateway's notifications reached the hub over HTTPS");
    }

    @Test
    @DisplayName("SEC-660 the hub was SIGKILLed and restarted, Redis restarted with its ACLs and TLS, MariaDB stopped, and"
            + " every check passed")
    void everyFaultHappened() {
        assertPassed("hub SIGKILL + restart, Redis restart, MariaDB stop all happened");
        assertThat(report.passed()).as(printed).isTrue();
    }

    private void assertPassed(String check) {
        FaultRunReport.Check found = report.check(check);
        assertThat(found.passed()).as(found.requirement() + " " + found.name() + ": " + found.detail() + "\n" + printed).isTrue();
    }
}
