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
 * The payments fault run at test size ({@link FaultRunSettings#small()}): 120 QR and pay-code
 * payments across 4 tills against real Redis, real MariaDB, the sandbox gateway on a socket (10 %
 * timeouts, 5 % dropped notifications, late customers) and the store hub as a child JVM that is
 * SIGKILLed and restarted, with Redis restarted and MariaDB stopped for 10 s. One run; each test
 * method asserts one of its checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.DisplayName.class)
@DisplayName("Payments fault run, small (R7-R12, R21-R24): hub SIGKILL, Redis restart, MariaDB down, gateway timeouts")
@Execution(ExecutionMode.CONCURRENT) // beside the other fault runs: see junit-platform.properties
class PaymentsFaultRunTest {

    private FaultRunReport report;
    private String printed;

    @BeforeAll
    void run() throws Exception {
        report = new PaymentsFaultRun(FaultRunSettings.small()).run();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        report.print(new PrintStream(text, true, StandardCharsets.UTF_8));
        printed = text.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
    }

    @Test
    @DisplayName("R8 R10 R24 the gateway's net charges equal the paid sales in MariaDB and in the journals, to the cent")
    void ledgerNetEqualsMariaDbEqualsJournals() {
        assertPassed("money: ledger net == MariaDB == journals");
        assertPassed("each kept charge is exactly one paid sale's tender");
    }

    @Test
    @DisplayName("R6 R10 no transaction is archived, journaled or charged twice")
    void noTransactionTwice() {
        assertPassed("no transaction twice");
    }

    @Test
    @DisplayName("R7 R8 R11 nothing is left in the pending queue older than the reconciler's threshold")
    void nothingPendingOlderThanTheThreshold() {
        assertPassed("nothing pending older than T");
    }

    @Test
    @DisplayName("R9 R10 every journaled sale reached MariaDB after the outage; the archive stream is drained")
    void archiveDrained() {
        assertPassed("archive drained");
    }

    @Test
    @DisplayName("R12 the queue alerts were raised while MariaDB was down and cleared after")
    void alertsRaisedWhileMariaDbWasDownAndClearedAfter() {
        assertPassed("alert " + PaymentsFaultRun.MARIADB_ALERT + " raised while MariaDB down, cleared after");
        assertPassed("alert " + PaymentsFaultRun.BACKLOG_ALERT + " raised while MariaDB down, cleared after");
    }

    @Test
    @DisplayName("R21 R22 R23 R24 every QR and pay-code payment reached a final state, and both kinds were paid")
    void everyPaymentReachedAFinalState() {
        assertPassed("every payment reached a final state; every watch done");
        assertPassed("payments of every kind ended PAID");
        assertThat(report.counts().getOrDefault("qr timed out", 0L)).as("R24: QR payments given up\n" + printed).isPositive();
        assertThat(report.counts().getOrDefault("pay-code reversals", 0L)).as("pay-codes never confirmed were reversed\n" + printed)
                .isPositive();
    }

    @Test
    @DisplayName("R11 the gateway timed out on the tills' requests, and the run still balances")
    void gatewayTimeoutsHappenedAndWereAskedAgain() {
        long timeouts = report.counts().entrySet().stream().filter(e -> e.getKey().startsWith("gateway timeouts seen"))
                .mapToLong(java.util.Map.Entry::getValue).sum();
        assertThat(timeouts).as("gateway timeouts seen by the tills\n" + printed).isPositive();
        assertPassed("money: ledger net == MariaDB == journals");
    }

    @Test
    @DisplayName("the hub was SIGKILLed and restarted, Redis restarted and MariaDB stopped during the run")
    void everyFaultHappened() {
        assertPassed("hub SIGKILL + restart, Redis restart, MariaDB stop all happened");
        assertThat(report.passed()).as(printed).isTrue();
    }

    private void assertPassed(String check) {
        FaultRunReport.Check found = report.check(check);
        assertThat(found.passed()).as(found.requirement() + " " + found.name() + ": " + found.detail() + "\n" + printed).isTrue();
    }
}
