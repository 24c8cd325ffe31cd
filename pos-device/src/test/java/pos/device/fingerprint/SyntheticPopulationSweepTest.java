package pos.device.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.biometric.AmbiguousMatchException;
import pos.core.biometric.FingerPrint;
import pos.device.fingerprint.sim.SyntheticFinger;
import pos.device.fingerprint.sim.VirtualSensor;

/**
 * A 1:N sweep over a population of generated fingers through libfprint's own minutiae detection and bozorth3:
 * {@value #ENROLLED} fingers enrolled, then each pressed again (a new capture) and {@value #STRANGERS} fingers never
 * enrolled pressed once, each identified against the whole gallery in one call. The generated fingers must
 * behave as real ones do with libfprint (issue 15): no stranger accepted, no one identified as somebody else,
 * nearly every genuine press accepted, none refused as ambiguous (every print is its own owner, so each match is
 * checked with SourceAFIS against the prints after it in the gallery, issue 15). Two readers (two worker processes, one per core) share
 * the work; the enrolled gallery is kept in target/ and reused by later runs while nothing it depends on changed.
 */
class SyntheticPopulationSweepTest {

    static final int ENROLLED = 100;
    static final int STRANGERS = 100;
    static final int READERS = 2;

    @Test
    @DisplayName("R18 1:N sweep: 0 of 100 strangers accepted, 0 wrong identifications, 0 genuine presses refused as ambiguous, ≥ 95 % accepted, one press each")
    void populationSweep() throws Exception {
        long started = System.nanoTime();
        SyntheticFinger[] members = IntStream.range(0, ENROLLED).parallel().mapToObj(i -> new SyntheticFinger(50_000 + i))
                .toArray(SyntheticFinger[]::new);
        SyntheticFinger[] strangers = IntStream.range(0, STRANGERS).parallel().mapToObj(i -> new SyntheticFinger(90_000 + i))
                .toArray(SyntheticFinger[]::new);
        long generated = System.nanoTime();
        Path dir = Files.createTempDirectory("fp-sweep");
        List<LibfprintReader> readers = new ArrayList<>();
        List<VirtualSensor> sensors = new ArrayList<>();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        AtomicInteger strangersAccepted = new AtomicInteger();
        AtomicInteger ambiguous = new AtomicInteger();
        List<SecondOwnerCheck.Verdict> verdicts = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger strangersAmbiguous = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        FingerPrint[] gallery = new FingerPrint[ENROLLED];
        long enrolled;
        boolean reused;
        try {
            for (int r = 0; r < READERS; r++) {
                Path socket = dir.resolve("virtual-image-" + r + ".socket");
                LibfprintReader reader = new LibfprintReader(FingerprintWorkerSettings.defaults().withVirtualImageSocket(socket)
                        .withScanTimeout(Duration.ofSeconds(30)));
                readers.add(reader);
                reader.start();
                sensors.add(new VirtualSensor(socket));
            }
            Path cached = enrolledCache();
            reused = Files.isRegularFile(cached);
            if (reused) {
                readGallery(cached, gallery);
            } else {
                onEachReader(r -> {
                    for (int i = r; i < ENROLLED; i += READERS) {
                        sensors.get(r).place(members[i]);
                        gallery[i] = readers.get(r).enroll(sensors.get(r).progress());
                    }
                });
                writeGallery(cached, gallery);
            }
            enrolled = System.nanoTime();
            List<FingerPrint> prints = List.of(gallery);
            // every print its own owner: a match is checked against all the others (SourceAFIS on the press's minutiae)
            List<String> owners = IntStream.range(0, ENROLLED).mapToObj(i -> "member-" + i).toList();
            onEachReader(r -> {
                LibfprintReader reader = readers.get(r);
                VirtualSensor sensor = sensors.get(r);
                for (int i = r; i < ENROLLED; i += READERS) {
                    sensor.placeCapture(members[i].capture(1_000 + i));
                    try {
                        OptionalInt found = reader.identify(prints, owners, sensor.prompts());
                        if (found.isEmpty()) {
                            failures.add("member " + i + " not recognised");
                        } else if (found.getAsInt() == i) {
                            accepted.incrementAndGet();
                            verdicts.add(reader.lastCheck());
                        } else {
                            wrong.incrementAndGet();
                            failures.add("member " + i + " identified as member " + found.getAsInt());
                        }
                    } catch (AmbiguousMatchException e) {
                        ambiguous.incrementAndGet();
                        failures.add("member " + i + " refused as ambiguous: " + e.getMessage());
                    }
                }
                for (int i = r; i < STRANGERS; i += READERS) {
                    sensor.placeCapture(strangers[i].capture(1));
                    try {
                        OptionalInt found = reader.identify(prints, owners, sensor.prompts());
                        if (found.isPresent()) {
                            strangersAccepted.incrementAndGet();
                            failures.add("stranger " + i + " accepted as member " + found.getAsInt());
                        }
                    } catch (AmbiguousMatchException e) {
                        strangersAmbiguous.incrementAndGet();
                    }
                }
                sensor.check();
            });
        } finally {
            for (VirtualSensor sensor : sensors) {
                sensor.close();
            }
            for (LibfprintReader reader : readers) {
                reader.close();
            }
            try (var files = Files.list(dir)) {
                for (Path each : files.toList()) {
                    Files.delete(each);
                }
            }
            Files.delete(dir);
        }
        int templateBytes = 0;
        for (FingerPrint print : gallery) {
            templateBytes += print.size();
        }
        long done = System.nanoTime();
        double lowestMatched = verdicts.stream().mapToDouble(SecondOwnerCheck.Verdict::matchedScore).min().orElse(0);
        double highestRival = verdicts.stream().mapToDouble(SecondOwnerCheck.Verdict::rivalScore).max().orElse(0);
        double largestShare = verdicts.stream().mapToDouble(v -> v.rivalScore() / v.matchedScore()).max().orElse(0);
        double checkMillis = verdicts.stream().mapToLong(SecondOwnerCheck.Verdict::nanos).average().orElse(0) / 1e6;
        System.out.printf("fingerprint sweep: %d/%d genuine accepted, %d wrong, %d genuine refused as ambiguous, %d/%d strangers"
                        + " accepted (%d refused as ambiguous); mean template %d bytes; SourceAFIS per genuine press: matched"
                        + " print ≥ %.0f, best other print ≤ %.0f, ≤ %.2f of the matched score (margin %.2f), %.1f ms a check;"
                        + " generate %.1f s, enrol %.1f s%s, identify %.1f s; %s%n",
                accepted.get(), ENROLLED, wrong.get(), ambiguous.get(), strangersAccepted.get(), STRANGERS,
                strangersAmbiguous.get(), templateBytes / ENROLLED, lowestMatched, highestRival, largestShare,
                SecondOwnerCheck.RIVAL_SHARE, checkMillis, (generated - started) / 1e9, (enrolled - generated) / 1e9,
                reused ? " (the prints enrolled by an earlier run, reused)" : "", (done - enrolled) / 1e9, failures);
        assertThat(strangersAccepted.get()).as("strangers accepted: %s", failures).isZero();
        assertThat(wrong.get()).as("wrong identifications: %s", failures).isZero();
        assertThat(ambiguous.get()).as("genuine presses refused as ambiguous (distinct fingers): %s", failures).isZero();
        assertThat(verdicts).as("every accepted genuine press checked with SourceAFIS").hasSize(accepted.get());
        assertThat(largestShare).as("other fingers' best SourceAFIS score, as a share of the matched print's")
                .isLessThan(SecondOwnerCheck.RIVAL_SHARE);
        assertThat(accepted.get()).as("genuine presses accepted: %s", failures).isGreaterThanOrEqualTo(ENROLLED * 95 / 100);
    }

    /**
     * Where the enrolled gallery is kept between runs (target/, so a clean build enrols again): its name is a digest of
     * everything the enrolment depends on (the generator's and the virtual sensor's classes, the seeds and counts, the
     * libfprint library's file), so a change to any of them enrols afresh. Enrolment is 500 presses through libfprint,
     * a third of the sweep's time; identification is done afresh on every run.
     */
    private static Path enrolledCache() throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        for (Class<?> each : List.of(SyntheticFinger.class, VirtualSensor.class, pos.device.fingerprint.sim.VirtualFinger.class,
                LibfprintSession.class, FingerprintWorkerMain.class)) {
            try (var in = each.getResourceAsStream(each.getSimpleName() + ".class")) {
                digest.update(in.readAllBytes());
            }
        }
        com.sun.jna.NativeLibrary.getInstance(Native.LIBFPRINT); // loaded here to find its file among this process's maps
        Path real;
        try (var maps = Files.lines(Path.of("/proc/self/maps"))) {
            real = Path.of(maps.filter(line -> line.contains("/libfprint-2.so")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("libfprint-2 is not mapped in this process"))
                    .replaceFirst("^.*?(/\\S*libfprint-2\\.so\\S*)\\s*$", "$1")).toRealPath();
        }
        digest.update((real + ":" + Files.size(real) + ":" + ENROLLED + ":" + READERS + ":50000").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path dir = Path.of("target", "fingerprint-sweep");
        Files.createDirectories(dir);
        return dir.resolve(java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 24) + ".prints");
    }

    private static void writeGallery(Path file, FingerPrint[] gallery) throws Exception {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (var out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(partial)))) {
            out.writeInt(gallery.length);
            for (FingerPrint print : gallery) {
                out.writeUTF(print.driver());
                out.writeUTF(print.deviceId());
                byte[] template = print.template();
                out.writeInt(template.length);
                out.write(template);
            }
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void readGallery(Path file, FingerPrint[] gallery) throws Exception {
        try (var in = new java.io.DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int count = in.readInt();
            if (count != gallery.length) {
                throw new IllegalStateException(file + " holds " + count + " prints, not " + gallery.length + ": delete it");
            }
            for (int i = 0; i < count; i++) {
                String driver = in.readUTF();
                String device = in.readUTF();
                gallery[i] = new FingerPrint(in.readNBytes(in.readInt()), driver, device);
            }
        }
    }

    private interface PerReader {
        void run(int reader) throws Exception;
    }

    /** Runs {@code work} for every reader at once (one worker process per core) and waits for all. */
    private static void onEachReader(PerReader work) {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            int reader = r;
            running.add(CompletableFuture.runAsync(() -> {
                try {
                    work.run(reader);
                } catch (Exception e) {
                    throw new IllegalStateException("reader " + reader + " failed in the sweep", e);
                }
            }, runnable -> new Thread(runnable, "sweep-reader-" + reader).start()));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    }
}
