package pos.gateway.sandbox;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import pos.gateway.sandbox.api.Knobs;
import pos.gateway.sandbox.api.PinBlocks;
import pos.gateway.sandbox.notify.RetrySchedule;

/**
 * Runs the sandbox gateway as a process until it is terminated:
 *
 * <pre>
 * java -cp … pos.gateway.sandbox.SandboxGatewayMain --port 8099 --data-dir /tmp/gw --secret s3cret --key-id k1
 * </pre>
 *
 * <p>Prints {@code sandbox gateway listening on http://127.0.0.1:P} on standard output when it
 * accepts requests; logs go to standard error. Exit status 1 with one plain sentence when the
 * port is taken or the data directory cannot be used, 2 for a bad option.
 *
 * <p>Not thread-safe: one instance per command line.
 */
@Command(name = "gateway-sandbox", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the sandbox QR payment gateway (WeChat Pay / Alipay look-alike) for tests.")
public final class SandboxGatewayMain implements Callable<Integer> {

    private static final String LOGBACK_PROPERTY = "logback.configurationFile";
    private static final String LOGBACK_CONFIG = "pos/gateway/sandbox/sandbox-gateway-logback.xml";

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", description = "port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE})")
    private int port = 0;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "address to listen on (default: ${DEFAULT-VALUE})")
    private String bind = SandboxGateway.DEFAULT_BIND_ADDRESS;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
            description = "directory of the ledger database; created if missing")
    private Path dataDir;

    @Option(names = "--secret", description = "notification signing secret (default: ${DEFAULT-VALUE})")
    private String secret = SandboxGateway.DEFAULT_SECRET;

    @Option(names = "--key-id", description = "notification key id (default: ${DEFAULT-VALUE})")
    private String keyId = SandboxGateway.DEFAULT_KEY_ID;

    @Option(names = "--pin-key", description = "key of the card PIN blocks, shared with the tills (default: ${DEFAULT-VALUE})")
    private String pinKey = PinBlocks.DEFAULT_PIN_KEY;

    @Option(names = "--seed", description = "seed of the knob dice, for reproducible runs (default: random)")
    private Long seed;

    @Option(names = "--latency-ms", description = "added before every /v1 answer (default: ${DEFAULT-VALUE})")
    private long latencyMs = Knobs.defaults().latencyMs();

    @Option(names = "--decline-rate", description = "share of pay-code charges and customer payments declined, 0..1")
    private double declineRate = Knobs.defaults().declineRate();

    @Option(names = "--timeout-rate", description = "share of /v1 requests processed but answered late, 0..1")
    private double timeoutRate = Knobs.defaults().timeoutRate();

    @Option(names = "--timeout-delay-ms", description = "how late a timed-out answer comes (default: ${DEFAULT-VALUE})")
    private long timeoutDelayMs = Knobs.defaults().timeoutDelayMs();

    @Option(names = "--drop-notify-rate", description = "share of notifications whose first attempt is lost, 0..1")
    private double dropNotifyRate = Knobs.defaults().dropNotifyRate();

    @Option(names = "--drop-notify-permanently", description = "dropped notifications are never sent")
    private boolean dropNotifyPermanently = Knobs.defaults().dropNotifyPermanently();

    @Option(names = "--duplicate-notify-rate", description = "share of notifications delivered twice, 0..1")
    private double duplicateNotifyRate = Knobs.defaults().duplicateNotifyRate();

    @Option(names = "--late-pay-rate", description = "share of customer payments made late, 0..1")
    private double latePayRate = Knobs.defaults().latePayRate();

    @Option(names = "--late-pay-delay-ms", description = "how late a late customer pays (default: ${DEFAULT-VALUE})")
    private long latePayDelayMs = Knobs.defaults().latePayDelayMs();

    @Option(names = "--confirm-delay-ms", description = "how long a 0000 pay-code takes to confirm (default: ${DEFAULT-VALUE})")
    private long confirmDelayMs = Knobs.defaults().confirmDelayMs();

    @Option(names = "--refund-timeouts", description = "how many of the first refund requests time out (default: ${DEFAULT-VALUE})")
    private int refundTimeouts = Knobs.defaults().refundTimeouts();

    @Option(names = "--protocol", paramLabel = "PROTOCOL",
            description = "wire protocol to speak: sandbox, wechatpay-v3 or alipay (default: ${DEFAULT-VALUE})")
    private String protocol = pos.gateway.sandbox.face.SandboxFace.PROTOCOL;

    @Option(names = "--notify-retry-ms", split = ",", paramLabel = "MS",
            description = "delays before the first notification attempts (default: the protocol's documented schedule;"
                    + " sandbox: 0,1000,2000,5000,10000,30000,60000)")
    private List<Long> notifyRetryMs;

    @Option(names = "--notify-retry-every-ms", description = "delay between later attempts (default: 300000)")
    private Long notifyRetryEveryMs;

    @Option(names = "--notify-give-up-ms", description = "stop retrying this long after the event (default: 86400000)")
    private Long notifyGiveUpMs;

    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * Runs the command line; returns only on a failure or {@code --help}.
     *
     * @param args the options
     */
    public static void main(String[] args) {
        if (System.getProperty(LOGBACK_PROPERTY) == null) {
            System.setProperty(LOGBACK_PROPERTY, LOGBACK_CONFIG);
        }
        int status = new CommandLine(new SandboxGatewayMain()).execute(args);
        System.exit(status);
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SandboxGateway gateway;
        try {
            Knobs knobs = new Knobs(latencyMs, declineRate, timeoutRate, timeoutDelayMs, dropNotifyRate,
                    dropNotifyPermanently, duplicateNotifyRate, latePayRate, latePayDelayMs, confirmDelayMs, refundTimeouts);
            SandboxGateway.Builder builder = SandboxGateway.builder()
                    .port(port).bindAddress(bind).dataDir(dataDir).secret(secret).keyId(keyId).pinKey(pinKey).knobs(knobs)
                    .protocol(protocol);
            if (notifyRetryMs != null || notifyRetryEveryMs != null || notifyGiveUpMs != null) {
                builder.retrySchedule(RetrySchedule.ofMillis(
                        notifyRetryMs != null ? notifyRetryMs : List.of(0L, 1_000L, 2_000L, 5_000L, 10_000L, 30_000L, 60_000L),
                        notifyRetryEveryMs != null ? notifyRetryEveryMs : 300_000L,
                        notifyGiveUpMs != null ? notifyGiveUpMs : 86_400_000L));
            }
            if (seed != null) {
                builder.seed(seed);
            }
            gateway = builder.build();
        } catch (IllegalArgumentException e) {
            err.println("sandbox gateway: " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        try {
            gateway.start();
        } catch (SandboxGatewayException e) {
            err.println("sandbox gateway: " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.stop();
            stopped.countDown();
        }, "sandbox-gateway-shutdown"));
        out.println("sandbox gateway listening on http://" + hostForUrl(bind) + ":" + gateway.port());
        if (!gateway.face().protocol().equals(pos.gateway.sandbox.face.SandboxFace.PROTOCOL)) {
            out.println("speaking " + gateway.face().protocol() + "; the merchant's credentials are in "
                    + gateway.credentialsDir());
        }
        out.flush();
        stopped.await();
        return CommandLine.ExitCode.OK;
    }

    private static String hostForUrl(String bind) {
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }
}
