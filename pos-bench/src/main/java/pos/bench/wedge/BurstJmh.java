package pos.bench.wedge;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import pos.device.wedge.WedgeBurstDetector;
import pos.device.wedge.WedgeDecision;
import pos.device.wedge.WedgeScannerSettings;
import pos.device.wedge.WedgeTerminator;

/**
 * JMH: one EAN-13 scan (13 characters 8 ms apart, then Enter) through the keyboard-wedge
 * {@link WedgeBurstDetector} with the default settings, against the raw floor: the same keys
 * appended to a buffer with one gap comparison each. Time is a counter the benchmark advances, so
 * the measurement is the detector's work, not the clock's. {@link pos.bench.jmh.JmhMain} prints
 * detector ÷ raw (per scan, 14 keys).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BurstJmh {

    private static final String SCAN = "4006381333931";
    private static final long KEY_GAP_NANOS = Duration.ofMillis(8).toNanos();
    private static final long PAUSE_NANOS = Duration.ofSeconds(2).toNanos();

    private long now;
    private WedgeBurstDetector detector;
    private final StringBuilder rawHeld = new StringBuilder();
    private long rawMaxGap;

    @Setup
    public void prepare() {
        WedgeScannerSettings settings = WedgeScannerSettings.defaults();
        detector = new WedgeBurstDetector(settings, () -> now);
        rawMaxGap = settings.maxInterKeyGap().toNanos();
    }

    @Benchmark
    public WedgeDecision detector() {
        now += PAUSE_NANOS;
        for (int i = 0; i < SCAN.length(); i++) {
            now += KEY_GAP_NANOS;
            detector.character(SCAN.charAt(i));
        }
        now += KEY_GAP_NANOS;
        return detector.terminator(WedgeTerminator.ENTER);
    }

    @Benchmark
    public String raw() {
        now += PAUSE_NANOS;
        long last = now;
        rawHeld.setLength(0);
        boolean burst = true;
        for (int i = 0; i < SCAN.length(); i++) {
            now += KEY_GAP_NANOS;
            burst &= i == 0 || now - last <= rawMaxGap;
            last = now;
            rawHeld.append(SCAN.charAt(i));
        }
        now += KEY_GAP_NANOS;
        return burst && now - last <= rawMaxGap ? rawHeld.toString() : null;
    }
}
