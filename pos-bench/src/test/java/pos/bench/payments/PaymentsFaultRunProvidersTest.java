package pos.bench.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the payments fault run against the sandbox speaking WeChat Pay API v3 and Alipay, at a tiny size: 24
 * payments across 2 tills, the hub SIGKILLed and restarted, Redis restarted and MariaDB stopped for a few seconds,
 * gateway timeouts and dropped notifications on. The hub child JVM runs with {@code --provider}, the tills make their
 * gateway through {@code PaymentProviders.open} (the official SDKs over real HTTP), the sales are in CNY, and every
 * check of the run must pass: the face's ledger net = the paid sales in MariaDB = the journals, to the fen.
 *
 * <p>WeChat Pay owes the close of a given-up QR order until 5 minutes after its creation, and the run rightly waits
 * for it: an honest run with a given-up QR order cannot fit in seconds. So the WeChat Pay run here has every QR
 * customer paying in time ({@link FaultRunSettings#withoutGiveUps()}) — the pay-codes still go through USERPAYING,
 * reversals (15 s after the charge) and refusals; the run with given-up orders is {@code ./pos bench payments
 * --protocol wechatpay-v3}. The Alipay run keeps the never-paying and late customers.
 */
@DisplayName("Payments fault run through the real providers' protocols, tiny (issue 13; R8 R10 R16 R21-R24)")
@Execution(ExecutionMode.CONCURRENT) // beside the other fault runs: see junit-platform.properties
class PaymentsFaultRunProvidersTest {

    /**
     * {@link FaultRunSettings#small()}'s knobs on 24 payments across 2 tills, every fault on with short windows (MariaDB
     * down 6 s), and the archive-backlog alert at 2 sales, so that the few sales made while MariaDB is down raise it.
     */
    static FaultRunSettings tiny(String protocol) {
        return new FaultRunSettings(24, 2, 0.6, 0.10, 0.05, 0.06, 0.04, new FaultRunSettings.PayCodeMix(0.12, 0.06, 0.06),
                0.6, Duration.ofSeconds(6), Duration.ofSeconds(3), Duration.ofSeconds(6), Duration.ofSeconds(10),
                Duration.ofMillis(1_000), new int[] {100, 700},
                new FaultRunSettings.Faults(0.15, Duration.ofSeconds(1), 0.30, Duration.ofSeconds(1), 0.40,
                        Duration.ofSeconds(6)),
                Duration.ofSeconds(15), Duration.ofSeconds(2), Duration.ofSeconds(1), 2, Duration.ofSeconds(3),
                Duration.ofSeconds(60), 0, 20_261_122L, false, protocol);
    }

    @Test
    @DisplayName("R8 R10 R16 R21-R24 Alipay: ledger net = MariaDB = journals to the fen, nothing twice, late customers"
            + " refused or refunded, through the hub's --provider alipay and the tills' Alipay adapter")
    void alipay() throws Exception {
        FaultRunReport report = run(tiny(FaultRunSettings.ALIPAY));
        assertThat(report.counts().getOrDefault("qr timed out", 0L)).as("R24: a QR order given up").isPositive();
    }

    @Test
    @DisplayName("R8 R10 R16 R21 R23 WeChat Pay API v3 (QR customers all in time): ledger net = MariaDB = journals to the"
            + " fen, nothing twice, through the hub's --provider wechatpay and the tills' WeChat Pay adapter")
    void wechatPay() throws Exception {
        FaultRunReport report = run(tiny(FaultRunSettings.WECHATPAY_V3).withoutGiveUps());
        assertThat(report.counts().getOrDefault("pay-code reversals", 0L)).as("a pay-code never confirmed, reversed")
                .isPositive();
    }

    private static FaultRunReport run(FaultRunSettings settings) throws Exception {
        long started = System.nanoTime();
        FaultRunReport report = new PaymentsFaultRun(settings).run();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        report.print(new PrintStream(text, true, StandardCharsets.UTF_8));
        String printed = text.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        System.out.printf("(%s run took %d s)%n", settings.protocol(), (System.nanoTime() - started) / 1_000_000_000L);
        assertThat(report.protocol()).isEqualTo(settings.protocol());
        assertThat(printed).contains("protocol " + settings.protocol(), "CNY");
        assertThat(report.passed()).as(report.failures() + "\n" + printed).isTrue();
        assertThat(report.check("money: ledger net == MariaDB == journals").passed()).isTrue();
        assertThat(report.counts().getOrDefault("qr paid", 0L)).as("QR payments paid").isPositive();
        assertThat(report.counts().getOrDefault("pay-code paid", 0L)).as("pay-code payments paid").isPositive();
        return report;
    }
}
