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
import pos.core.biometric.AmbiguousMatchException;
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
 * printed as a reference. The till's path includes its check against libfprint's first-above-threshold pick: the
 * press's minutiae scored with SourceAFIS against the later prints of other owners (every print here is its own owner),
 * timed on its own too; every identify must take exactly one press. For 1,000 prints it also times the probe's
 * print first (libfprint alone stops there; the till's check then scores the other 999), prints the goal of issue
 * 15 (≤ 1 s through the till's path) and the accuracy through the till's path: the distinct enrolled fingers
 * pressed again and {@value #STRANGERS} fingers never enrolled. Figures are medians of several rounds after a warm-up, the sides alternating.
 * Usage: {@code ./pos bench fingerprint [--prints 10,100,1000] [--rounds 5]}. Not thread-safe (a program).
 */
public final class FingerprintIdentifyBench {

    static final int DISTINCT_FINGERS = 24;
    static final int STRANGERS = 24;
    /** Issue 15's goal: identify among 1,000 enrolled through the till's path within this many seconds. */
    static final double GOAL_SECONDS = 1.0;
    static final int GOAL_PRINTS = 1000;

    /** One gallery size: median (and the rounds' fastest and slowest) milliseconds per identify, worker and in process. */
    public record Row(int prints, double workerMillis, double rawMillis, double workerMinMillis, double workerMaxMillis) {
        public double ratio() {
            return workerMillis / rawMillis;
        }
    }

    /**
     * Accuracy through the till's path over the distinct enrolled fingers: each pressed again (genuine; a reject is
     * no match, a wrong member or a refused ambiguous match) and fingers never enrolled pressed once (strangers).
     */
    public record Accuracy(int falseAccepts, int strangers, int falseRejects, int genuine) {
    }

    /** A run: one row per gallery size, the verify reference and the accuracy. */
    public record Result(List<Row> identify, Row verify, Accuracy accuracy) {
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
        SyntheticFinger[] strangers = IntStream.range(0, STRANGERS).parallel()
                .mapToObj(seed -> new SyntheticFinger(97_000 + seed)).toArray(SyntheticFinger[]::new);
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
            Accuracy accuracy = accuracy(reader, workerSensor, fingers, enrolled, strangers);
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
                List<Double> checks = new ArrayList<>();
                Row row = compare(size, rounds,
                        () -> onePress(workerSensor, reader, checks, () -> reader.identify(gallery, workerSensor.prompts()), expected),
                        () -> check(raw.identify(gallery, rawEvents), expected, "in-process"));
                rows.add(row);
                out.printf(Locale.ROOT, "%10d %14.1f %14.1f %8.2f   (Java check alone: %.1f ms)%n", row.prints(), row.workerMillis(),
                        row.rawMillis(), row.ratio(), medianOf(checks));
                if (size == GOAL_PRINTS) {
                    // the worst case of libfprint's rule: the probe's print first, libfprint stops there, and the till's
                    // check scores the press against all the other prints (one press: no second read)
                    List<FingerPrint> probeFirst = new ArrayList<>(gallery.size());
                    probeFirst.add(probePrint);
                    probeFirst.addAll(gallery.subList(0, gallery.size() - 1));
                    OptionalInt atZero = OptionalInt.of(0);
                    List<Double> firstChecks = new ArrayList<>();
                    Row first = compare(size, rounds,
                            () -> onePress(workerSensor, reader, firstChecks, () -> reader.identify(probeFirst, workerSensor.prompts()), atZero),
                            () -> check(raw.identify(probeFirst, rawEvents), atZero, "in-process"));
                    out.printf(Locale.ROOT, "%10s %14.1f %14.1f %8.2f   (probe's print first, one press; Java check alone over"
                            + " the other %d: %.1f ms)%n", "first", first.workerMillis(), first.rawMillis(), first.ratio(), size - 1,
                            medianOf(firstChecks));
                    out.printf(Locale.ROOT, "goal (issue 15): identify among %,d enrolled through the till's path ≤ %.1f s: %.2f s"
                                    + " (%.2f–%.2f) — %s%n", GOAL_PRINTS, GOAL_SECONDS, row.workerMillis() / 1000,
                            row.workerMinMillis() / 1000, row.workerMaxMillis() / 1000,
                            row.workerMillis() / 1000 <= GOAL_SECONDS ? "met" : "NOT MET");
                }
            }
            Row verify = compare(1, rounds, () -> reader.verify(probePrint, workerSensor.prompts()),
                    () -> raw.verify(probePrint, rawEvents));
            out.printf(Locale.ROOT, "%10s %14.1f %14.1f %8.2f%n", "verify 1:1", verify.workerMillis(), verify.rawMillis(), verify.ratio());
            out.printf(Locale.ROOT, "accuracy through the till's path over %d distinct enrolled fingers: false accepts %d of %d"
                            + " strangers, false rejects %d of %d genuine presses (a reject: no match, a wrong member or"
                            + " refused as ambiguous)%n", DISTINCT_FINGERS + 1, accuracy.falseAccepts(), accuracy.strangers(),
                    accuracy.falseRejects(), accuracy.genuine());
            rawSensor.check();
            workerSensor.check();
            return new Result(rows, verify, accuracy);
        } finally {
            deleteQuietlyLogged(dir);
        }
    }

    /** Through the till's reader: every distinct enrolled finger pressed again, then every stranger, against their prints. */
    private static Accuracy accuracy(LibfprintReader reader, VirtualSensor sensor, SyntheticFinger[] fingers,
            List<FingerPrint> enrolled, SyntheticFinger[] strangers) {
        int falseRejects = 0;
        for (int i = 0; i < fingers.length; i++) {
            sensor.placeCapture(fingers[i].capture(500_000 + i));
            OptionalInt found;
            try {
                found = reader.identify(enrolled, sensor.prompts());
            } catch (AmbiguousMatchException e) {
                found = OptionalInt.empty();
            }
            if (!found.equals(OptionalInt.of(i))) {
                falseRejects++;
            }
        }
        int falseAccepts = 0;
        for (SyntheticFinger stranger : strangers) {
            sensor.placeCapture(stranger.capture(1));
            boolean accepted;
            try {
                accepted = reader.identify(enrolled, sensor.prompts()).isPresent();
            } catch (AmbiguousMatchException e) {
                accepted = false; // refused: nobody named
            }
            if (accepted) {
                falseAccepts++;
            }
        }
        sensor.check();
        return new Accuracy(falseAccepts, strangers.length, falseRejects, fingers.length);
    }

    /**
     * The row of issue 15's engine-limits table: the median seconds of an identify among {@code prints} enrolled
     * through the till's path (the goal is stated for 1,000), with the in-process figure and the accuracy.
     */
    public static pos.bench.limits.LimitRow limitRow(int prints, int rounds) {
        Result result = measure(new int[] {prints}, rounds, new PrintStream(java.io.OutputStream.nullOutputStream()));
        Row row = result.identify().get(0);
        Accuracy accuracy = result.accuracy();
        return pos.bench.limits.LimitRow.atMost("fingerprint identify among " + String.format(Locale.ROOT, "%,d", prints)
                        + " enrolled", row.workerMillis() / 1000,
                String.format(Locale.ROOT, "%.2f–%.2f", row.workerMinMillis() / 1000, row.workerMaxMillis() / 1000), "s",
                GOAL_SECONDS, String.format(Locale.ROOT, "in-process libfprint %.2f s; FAR %d/%d, FRR %d/%d",
                        row.rawMillis() / 1000, accuracy.falseAccepts(), accuracy.strangers(), accuracy.falseRejects(),
                        accuracy.genuine()));
    }

    /** One identify through the till's path that must take exactly one press; its Java check's time goes to {@code checks}. */
    private static Object onePress(VirtualSensor sensor, LibfprintReader reader, List<Double> checks, Supplier<OptionalInt> identify,
            OptionalInt expected) {
        long before = sensor.presses();
        OptionalInt found = identify.get();
        long presses = sensor.presses() - before;
        if (presses != 1) {
            throw new IllegalStateException("an identify through the till's path took " + presses + " presses, not one");
        }
        checks.add(reader.lastCheckNanos() / 1e6);
        return check(found, expected, "worker");
    }

    private static double medianOf(List<Double> values) {
        return values.isEmpty() ? 0 : median(values.stream().mapToDouble(Double::doubleValue).toArray());
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
        return new Row(size, median(workerMillis), median(rawMillis), Arrays.stream(workerMillis).min().orElseThrow(),
                Arrays.stream(workerMillis).max().orElseThrow());
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
