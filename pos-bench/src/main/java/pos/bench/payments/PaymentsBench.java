package pos.bench.payments;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./pos bench payments}: the full payments fault run of issue 3 — 2,000 QR and pay-code
 * payments across 4 tills with 10 % gateway timeouts, 5 % dropped notifications and customers
 * paying after the till gave up; the hub SIGKILLed and restarted once, Redis restarted once,
 * MariaDB stopped for 30 s — then, in the same run, notify-to-till latency p50/p99 through pub/sub
 * and through the poll path, and archiver sales/s next to raw JDBC batches of the same rows into the
 * same MariaDB as a ratio. Prints a table and a PASS/FAIL line; exits 1 when a check failed.
 *
 * <pre>
 * ./pos bench payments [--payments 2000] [--tills 4] [--qr-timeout-seconds 30] [--mariadb-down-seconds 30]
 *                      [--latency-samples 200] [--archiver-sales 20000] [--rounds 3] [--seed N] [--secure]
 *                      [--protocol sandbox|wechatpay-v3|alipay]
 * </pre>
 *
 * {@code --protocol} (issue 13) makes the sandbox gateway speak WeChat Pay API v3 or Alipay's open API: the hub runs
 * with {@code --provider}, the tills make their gateway from the provider's settings (the official SDKs), and the sales
 * are in CNY. The default, {@code sandbox}, is the sandbox's own protocol, in EUR.
 *
 * {@code --secure} runs it the way issue 10 locks a store down: Redis TLS-only with the ACL users
 * {@code pos-hub} and {@code pos-till}, the hub on HTTPS, tills with their own credentials and the
 * hub's result key (docs/faultrun-secure.md).
 *
 * Not thread-safe (a command-line program).
 */
public final class PaymentsBench {

    private PaymentsBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        if (options.contains("--help") || options.contains("-h")) {
            System.out.println("usage: ./pos bench payments [--payments 2000] [--tills 4] [--qr-timeout-seconds 30] "
                    + "[--mariadb-down-seconds 30] [--latency-samples 200] [--archiver-sales 20000] [--rounds 3] [--seed N] [--secure]"
                    + " [--protocol " + String.join("|", FaultRunSettings.PROTOCOLS) + "]");
            return;
        }
        FaultRunSettings full = FaultRunSettings.full();
        FaultRunSettings.Faults faults = full.faults();
        FaultRunSettings settings = full
                .withPayments(intOption(options, "--payments", full.payments()))
                .withTills(intOption(options, "--tills", full.tills()))
                .withQrTimeout(Duration.ofSeconds(intOption(options, "--qr-timeout-seconds", (int) full.qrTimeout().toSeconds())))
                .withFaults(new FaultRunSettings.Faults(faults.hubKillAt(), faults.hubDownFor(), faults.redisRestartAt(),
                        faults.redisDownFor(), faults.mariaDbStopAt(), Duration.ofSeconds(intOption(options,
                        "--mariadb-down-seconds", (int) faults.mariaDbDownFor().toSeconds()))))
                .withLatencySamples(intOption(options, "--latency-samples", full.latencySamples()))
                .withSeed(intOption(options, "--seed", (int) full.seed()))
                .withSecured(options.contains("--secure"))
                .withProtocol(protocol(stringOption(options, "--protocol", FaultRunSettings.SANDBOX)));
        int archiverSales = intOption(options, "--archiver-sales", 20_000);
        int rounds = intOption(options, "--rounds", 3);
        long started = System.nanoTime();
        PaymentsFaultRun run = new PaymentsFaultRun(settings);
        if (archiverSales > 0) {
            run.withArchiverComparison(archiverSales, rounds);
        }
        FaultRunReport report = run.run();
        report.print(System.out);
        System.out.printf("(whole bench took %d s; Java %s, %d CPUs)%n", (System.nanoTime() - started) / 1_000_000_000L,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.flush();
        System.exit(report.passed() ? 0 : 1);
    }

    /** The sandbox face's name of a protocol; the provider's name ({@code wechatpay}) is taken for {@code wechatpay-v3}. */
    private static String protocol(String given) {
        return pos.gateway.provider.PaymentProviders.WECHATPAY.equals(given) ? FaultRunSettings.WECHATPAY_V3 : given;
    }

    private static String stringOption(List<String> args, String name, String defaultValue) {
        int at = args.indexOf(name);
        if (at < 0) {
            return defaultValue;
        }
        if (at + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args.get(at + 1);
    }

    private static int intOption(List<String> args, String name, int defaultValue) {
        int at = args.indexOf(name);
        if (at < 0) {
            return defaultValue;
        }
        if (at + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a number");
        }
        try {
            return Integer.parseInt(args.get(at + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, not '" + args.get(at + 1) + "'", e);
        }
    }
}
