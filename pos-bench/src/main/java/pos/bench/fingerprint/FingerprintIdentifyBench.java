package pos.bench.fingerprint;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import pos.core.biometric.FingerPrint;
import pos.core.biometric.ScanPrompt;
import pos.device.fingerprint.FingerprintWorkerSettings;
import pos.device.fingerprint.LibfprintReader;
import pos.device.fingerprint.LibfprintSession;
import pos.device.fingerprint.ScanEvents;
import pos.device.fingerprint.sim.SyntheticFinger;
import pos.device.fingerprint.sim.VirtualSensor;

/**
 * Identification (1:N) latency for galleries of 10, 100 and 1,000 enrolled prints, through the till's path
 * ({@link LibfprintReader}: the framed protocol to the worker process, libfprint there) next to the raw
 * baseline in the same run: the same fp_device_identify_sync called in this process through JNA
 * ({@link LibfprintSession}), no worker. Both read the same pre-rendered capture of the probe finger from
 * libfprint's virtual_image driver (a reader of their own each), so both include minutiae detection of the
 * probe and bozorth3 against every print. The probe's own print is last in the gallery (the worst case: every
 * print is compared); the others are enrolments of {@value #DISTINCT_FINGERS} other generated fingers, repeated
 * to fill the gallery (a comparison costs the same whoever's print it is). One verify (1:1) on each side is
 * printed as a reference. Figures are medians of several rounds after a warm-up, the sides alternating.
 * Usage: {@code ./pos bench fingerprint [--prints 10,100,1000] [--rounds 5]}. Not thread-safe (a program).
 */
public final class FingerprintIdentifyBench {

    static final int DISTINCT_FINGERS = 12;

    /** One gallery size: median milliseconds per identify through the worker and in process. */
    public record Row(int prints, double workerMillis, double rawMillis) {
        public double ratio() {
            return workerMillis / rawMillis;
        }
    }

    /** A run: one row per gallery size and the verify reference. */
    public record Result(List<Row> identify, Row verify) {
    }

    private FingerprintIdentifyBench() {
    }

    public static void main(String[] args) {
        int[] sizes = Arrays.stream(option(args, "--prints", "10,100,1000").split(",")).mapToInt(Integer::parseInt).toArray();
        int rounds = Integer.parseInt(option(args, "--rounds", "5"));
        measure(sizes, rounds, System.out);
    }

    /** Runs the benchmark and prints its table to {@code out}. */
    public static Result measure(int[] gallerySizes, int rounds, PrintStream out) {
        Path dir;
        try {
            dir = Files.createTempDirectory("fp-bench");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for the virtual readers' sockets", e);
        }
        SyntheticFinger[] fingers = IntStream.rangeClosed(0, DISTINCT_FINGERS).parallel()
                .mapToObj(seed -> new SyntheticFinger(7000 + seed)).toArray(SyntheticFinger[]::new);
        SyntheticFinger probe = fingers[DISTINCT_FINGERS];
        byte[] probeCapture = probe.capture(424242);

        Path rawSocket = dir.resolve("raw.socket");
        Path workerSocket = dir.resolve("worker.socket");
        LibfprintSession.useVirtualImageSocket(rawSocket);
        try (LibfprintSession raw = LibfprintSession.create();
                VirtualSensor rawSensor = new VirtualSensor(rawSocket);
                LibfprintReader reader = new LibfprintReader(FingerprintWorkerSettings.defaults().withVirtualImageSocket(workerSocket));
                VirtualSensor workerSensor = new VirtualSensor(workerSocket)) {
            raw.open(null);
            ScanEvents rawEvents = new ScanEvents() {
                @Override
                public void prompt(ScanPrompt prompt) {
                    rawSensor.prompts().accept(prompt);
                }
            };
            List<FingerPrint> enrolled = new ArrayList<>();
            for (SyntheticFinger finger : fingers) {
                rawSensor.place(finger);
                enrolled.add(raw.enroll(rawEvents));
            }
            rawSensor.check();
            FingerPrint probePrint = enrolled.get(DISTINCT_FINGERS);
            reader.start();
            if (!reader.status().isReady()) {
                throw new IllegalStateException("the fingerprint worker did not start: " + reader.status().sentence());
            }
            rawSensor.placeCapture(probeCapture);
            workerSensor.placeCapture(probeCapture);

            out.printf(Locale.ROOT, "fingerprint identify (1:N), probe's print last, %d rounds; ms per call (median)%n", rounds);
            out.printf(Locale.ROOT, "%10s %14s %14s %8s%n", "prints", "worker ms", "in-process ms", "ratio");
            List<Row> rows = new ArrayList<>();
            for (int size : gallerySizes) {
                List<FingerPrint> gallery = new ArrayList<>(size);
                for (int i = 0; i < size - 1; i++) {
                    gallery.add(enrolled.get(i % DISTINCT_FINGERS));
                }
                gallery.add(probePrint);
                OptionalInt expected = OptionalInt.of(size - 1);
                Row row = compare(size, rounds,
                        () -> check(reader.identify(gallery, workerSensor.prompts()), expected, "worker"),
                        () -> check(raw.identify(gallery, rawEvents), expected, "in-process"));
                rows.add(row);
                out.printf(Locale.ROOT, "%10d %14.1f %14.1f %8.2f%n", row.prints(), row.workerMillis(), row.rawMillis(), row.ratio());
            }
            Row verify = compare(1, rounds, () -> reader.verify(probePrint, workerSensor.prompts()),
                    () -> raw.verify(probePrint, rawEvents));
            out.printf(Locale.ROOT, "%10s %14.1f %14.1f %8.2f%n", "verify 1:1", verify.workerMillis(), verify.rawMillis(), verify.ratio());
            rawSensor.check();
            workerSensor.check();
            return new Result(rows, verify);
        } finally {
            deleteQuietlyLogged(dir);
        }
    }

    private static Object check(OptionalInt found, OptionalInt expected, String side) {
        if (!found.equals(expected)) {
            throw new IllegalStateException(side + " identify found " + found + ", expected the probe at " + expected);
        }
        return found;
    }

    private static Row compare(int size, int rounds, Supplier<Object> worker, Supplier<Object> raw) {
        worker.get(); // warm-up
        raw.get();
        double[] workerMillis = new double[rounds];
        double[] rawMillis = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            workerMillis[round] = time(worker);
            rawMillis[round] = time(raw);
        }
        return new Row(size, median(workerMillis), median(rawMillis));
    }

    private static double time(Supplier<Object> call) {
        long start = System.nanoTime();
        call.get();
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void deleteQuietlyLogged(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path each : files.toList()) {
                Files.delete(each);
            }
            Files.delete(dir);
        } catch (IOException e) {
            System.err.println("fingerprint bench: could not remove " + dir + ": " + e.getMessage());
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
