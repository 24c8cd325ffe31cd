package pos.bench.face;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import pos.bench.Comparison;
import pos.core.biometric.BiometricException;
import pos.core.biometric.FingerPrint;
import pos.device.face.FaceAnalysis;
import pos.device.face.FaceHistogram;
import pos.device.face.FaceMatcher;
import pos.device.face.FaceReader;
import pos.device.face.FaceSettings;
import pos.device.face.FaceTemplate;
import pos.device.face.FaceWorkerClient;
import pos.device.face.sim.FacePhotos;
import pos.device.face.sim.FacePhotos.Look;
import pos.device.face.sim.FacePhotos.Person;

/**
 * Face authorisation's speed (issue 16, R18) through the till's path next to the raw engine measured in the same run.
 * <ul>
 *   <li>Per frame: the till's {@link FaceWorkerClient#analyse(BufferedImage)} (the frame made grey and downscaled, the
 *   pipe to the worker process, OpenCV there with the till's quality checks and histogram folding) against
 *   {@link RawFaceEngine} — OpenCV called in this process on the same frames' grey pixels, ready before the timer,
 *   with the same cascades and parameters and the same LBPH description, no worker and no pipe.</li>
 *   <li>Per decision: {@link FaceReader#identify} among a gallery of the two real people of {@link FacePhotos}
 *   (enrolled through the reader, 8 looks each) and synthetic people made of the faces of scikit-image's LFW subset
 *   (each 8 faces, as a real enrolment, so a comparison costs the same), up to {@code --gallery} templates, on frames
 *   of looks nobody enrolled; against LBPH's own {@code predict} over the same people's faces in process, on the
 *   same number of frames ({@link FaceSettings#framesToDecide()}).</li>
 * </ul>
 * The ratios are throughput ratios (till per second ÷ raw per second, i.e. raw time ÷ till time) of the pairs, the two
 * sides alternating; latencies are medians and 95th percentiles. Also printed: the template's size and the worker's
 * resident memory. The bench camera hands a frame every millisecond: the figures are the till's work, not a webcam's
 * pace. Usage: {@code ./pos bench face [--quick] [--decisions 10] [--frames 40] [--gallery 200]}. Not thread-safe
 * (a program).
 */
public final class FaceBench {

    /** The in-process raw side, by name: it exists only where pos-bench was built with OpenCV's jar. */
    static final String RAW_ENGINE = "pos.bench.face.OpenCvInProcess";
    /** Faces of each synthetic person, as many as an enrolment keeps. */
    static final int FACES_PER_PERSON = 8;
    private static final int LFW_SIDE = 25;

    /** How much to measure: decisions per real person, frames per side, gallery templates (real people included). */
    public record Options(int decisions, int frames, int galleryTemplates) {

        public Options {
            if (decisions < 1 || frames < 1 || galleryTemplates < 2) {
                throw new IllegalArgumentException("the face bench needs at least 1 decision, 1 frame and a gallery of 2, not "
                        + decisions + ", " + frames + " and " + galleryTemplates);
            }
        }

        public static Options full() {
            return new Options(10, 40, 200);
        }

        /** A run of seconds: for the bench's test and a look that it works. */
        public static Options quick() {
            return new Options(2, 6, 200);
        }
    }

    /** Median and 95th percentile (nearest rank) of some milliseconds. */
    public record Latency(double medianMillis, double p95Millis) {

        static Latency of(List<Double> millis) {
            double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            if (sorted.length == 0) {
                return new Latency(Double.NaN, Double.NaN);
            }
            int middle = sorted.length / 2;
            double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
            int rank = (int) Math.ceil(0.95 * sorted.length);
            return new Latency(median, sorted[Math.max(0, rank - 1)]);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f ms (p95 %.1f)", medianMillis, p95Millis);
        }
    }

    /**
     * A run's figures.
     *
     * @param frames per frame: till frames/s and raw frames/s, one pair a frame
     * @param workerOwnFrame the worker's own time per frame (as it reports it), inside the till's figure
     * @param decisions per decision: till decisions/s and raw decisions/s, one pair a decision
     * @param matching the part of a till's decision spent in its own JVM decoding the gallery's templates and matching
     *        the probes against them ({@link FaceTemplate#decode}, {@link FaceMatcher}), timed apart
     * @param tillRight decisions through the till's path that named the right person (of {@code tillDecisions})
     * @param rawRight raw decisions whose label was the right person (of as many)
     * @param firstWrong why the first wrong till decision was wrong, or empty
     * @param templateBytes the stored size of a real person's template (8 faces)
     * @param workerRssKb the worker's resident memory after the run (VmRSS), -1 when it cannot be read
     * @param workerPeakKb the worker's peak resident memory (VmHWM), -1 when it cannot be read
     */
    public record Result(String openCvVersion, int galleryTemplates, Comparison frames, Latency tillFrame, Latency workerOwnFrame,
            Latency rawFrame, Comparison decisions, Latency tillDecision, Latency matching, Latency rawDecision, int tillDecisions, int tillRight,
            int rawRight, String firstWrong, int templateBytes, long workerRssKb, long workerPeakKb) {
    }

    private FaceBench() {
    }

    public static void main(String[] args) {
        Options options = args.length > 0 && Arrays.asList(args).contains("--quick") ? Options.quick() : Options.full();
        options = new Options(intOption(args, "--decisions", options.decisions()), intOption(args, "--frames", options.frames()),
                intOption(args, "--gallery", options.galleryTemplates()));
        Optional<String> missing = missing(FaceSettings.defaults());
        if (missing.isPresent()) {
            System.err.println("face bench: cannot run: " + missing.get());
            System.exit(2);
        }
        Result result = measure(options, System.out);
        if (result.tillRight() != result.tillDecisions()) {
            System.err.printf(Locale.ROOT, "face bench: the till's path named the right person in %d of %d decisions (first wrong: %s)%n",
                    result.tillRight(), result.tillDecisions(), result.firstWrong());
            System.exit(1);
        }
        System.exit(0); // the camera thread is a daemon and the worker is closed; leave no doubt
    }

    /** Why the bench cannot run here (OpenCV, its data, the worker or the in-process side missing), or empty. */
    public static Optional<String> missing(FaceSettings settings) {
        Optional<String> worker = new FaceWorkerClient(settings).missing();
        if (worker.isPresent()) {
            return worker;
        }
        if (FaceBench.class.getClassLoader().getResource(RAW_ENGINE.replace('.', '/') + ".class") == null) {
            return Optional.of("pos-bench was built before OpenCV was installed (no in-process side): rebuild it with ./pos bench face");
        }
        if (FaceBench.class.getClassLoader().getResource("org/opencv/core/Mat.class") == null) {
            return Optional.of("OpenCV's jar is not on the class path: add " + settings.openCvJar() + " (./pos bench face does)");
        }
        return Optional.empty();
    }

    /** Runs the bench and prints its figures to {@code out}. */
    public static Result measure(Options options, PrintStream out) {
        Path crashes;
        try {
            crashes = Files.createTempDirectory("face-bench");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for the face worker's crash reports", e);
        }
        FaceSettings settings = FaceSettings.defaults().withCrashDirectory(crashes).withEnrollment(FACES_PER_PERSON, Duration.ofMillis(20))
                .withScanTimeout(Duration.ofSeconds(20));
        missing(settings).ifPresent(reason -> {
            throw new IllegalStateException("the face bench cannot run: " + reason);
        });
        FacePhotos photos = new FacePhotos();
        List<Person> people = List.of(Person.MESSI, Person.ASTRONAUT);
        try (LoopingCamera camera = new LoopingCamera();
                FaceReader reader = new FaceReader(camera, settings);
                RawFaceEngine raw = rawEngine(settings)) {
            reader.start();
            if (!reader.status().isReady()) {
                throw new IllegalStateException("the face reader did not start: " + reader.status().sentence());
            }
            FaceWorkerClient worker = reader.worker();

            // the gallery: synthetic people first, the two real ones last (every template is compared anyway)
            List<byte[]> lfwFaces = lfwFaces();
            List<byte[]> lfwHistograms = lfwFaces.stream().map(face -> worker.describeCrop(face, LFW_SIDE, LFW_SIDE)).toList();
            int synthetic = options.galleryTemplates() - people.size();
            List<FingerPrint> gallery = new ArrayList<>();
            List<Object> owners = new ArrayList<>();
            for (int person = 0; person < synthetic; person++) {
                List<byte[]> histograms = new ArrayList<>();
                List<byte[]> crops = new ArrayList<>();
                for (int face = 0; face < FACES_PER_PERSON; face++) {
                    int pick = syntheticFace(person, face, lfwFaces.size());
                    histograms.add(lfwHistograms.get(pick));
                    crops.add(lfwFaces.get(pick));
                }
                gallery.add(new FingerPrint(FaceTemplate.encode(histograms), FaceReader.DRIVER, "face-bench"));
                owners.add("synthetic person " + person);
                raw.addCrops(person, crops, LFW_SIDE);
            }
            List<List<BufferedImage>> probeFrames = new ArrayList<>();
            int templateBytes = 0;
            for (int i = 0; i < people.size(); i++) {
                Person person = people.get(i);
                List<BufferedImage> enrolFrames = frames(photos, person, FacePhotos.enrollLooks());
                camera.play(enrolFrames);
                FingerPrint enrolled = reader.enroll(progress -> { });
                templateBytes = enrolled.template().length;
                gallery.add(enrolled);
                owners.add(person);
                int found = raw.addFrames(synthetic + i, enrolFrames.stream().map(FaceBench::grey).toList(),
                        FacePhotos.WIDTH, FacePhotos.HEIGHT);
                if (found == 0) {
                    throw new IllegalStateException("OpenCV in process found no face in " + person + "'s enrolment frames");
                }
                // frames of looks nobody enrolled, those the till takes (a refused one would cost the till a frame more)
                List<BufferedImage> probes = frames(photos, person, FacePhotos.tryLooks()).stream()
                        .filter(frame -> worker.analyse(frame).map(FaceAnalysis::isGood).orElse(false)).toList();
                if (probes.size() < settings.framesToDecide()) {
                    throw new IllegalStateException("only " + probes.size() + " of " + person + "'s try frames are good enough");
                }
                probeFrames.add(probes);
            }
            camera.play(List.of());
            raw.train();

            out.printf(Locale.ROOT, "face authorisation (issue 16): OpenCV %s; the till's worker path vs OpenCV in process; load average %s%n",
                    raw.version(), loadAverage());
            out.printf(Locale.ROOT, "gallery: %d templates (%d real people enrolled through the reader, %d synthetic of LFW faces), %d faces"
                    + " each; template %,d bytes (%d faces of %,d bytes folded, deflated)%n", gallery.size(), people.size(), synthetic,
                    FACES_PER_PERSON, templateBytes, FACES_PER_PERSON, FaceHistogram.LENGTH);

            // per frame
            List<BufferedImage> mixed = interleave(probeFrames);
            List<byte[]> mixedGrey = mixed.stream().map(FaceBench::grey).toList();
            List<Double> tillMillis = new ArrayList<>();
            List<Double> workerMillis = new ArrayList<>();
            List<Double> rawMillis = new ArrayList<>();
            int warmups = Math.min(3, mixed.size());
            for (int i = -warmups; i < options.frames(); i++) {
                int index = Math.floorMod(i, mixed.size());
                BufferedImage frame = mixed.get(index);
                byte[] grey = mixedGrey.get(index);
                double tillTime;
                double rawTime;
                if (Math.floorMod(i, 2) == 0) {
                    tillTime = timeTill(worker, frame, workerMillis, i >= 0);
                    rawTime = timeRaw(raw, grey);
                } else {
                    rawTime = timeRaw(raw, grey);
                    tillTime = timeTill(worker, frame, workerMillis, i >= 0);
                }
                if (i >= 0) {
                    tillMillis.add(tillTime);
                    rawMillis.add(rawTime);
                }
            }
            Comparison frames = new Comparison(perSecond(tillMillis), perSecond(rawMillis), 1);

            // per decision
            List<Double> tillDecisionMillis = new ArrayList<>();
            List<Double> rawDecisionMillis = new ArrayList<>();
            int tillRight = 0;
            int rawRight = 0;
            String firstWrong = "";
            int framesToDecide = settings.framesToDecide();
            for (int round = -1; round < options.decisions(); round++) {
                for (int i = 0; i < people.size(); i++) {
                    List<BufferedImage> probes = rotated(probeFrames.get(i), Math.max(0, round) * framesToDecide);
                    List<byte[]> rawProbes = probes.subList(0, framesToDecide).stream().map(FaceBench::grey).toList();
                    int expectedIndex = synthetic + i;
                    camera.play(probes);
                    long started = System.nanoTime();
                    String outcome;
                    try {
                        OptionalInt found = reader.identify(gallery, owners, prompt -> { });
                        outcome = found.isPresent() ? (found.getAsInt() == expectedIndex ? "" : "named " + owners.get(found.getAsInt()))
                                : "named nobody";
                    } catch (BiometricException e) {
                        outcome = e.getMessage();
                    }
                    double tillTime = (System.nanoTime() - started) / 1e6;
                    camera.play(List.of());
                    started = System.nanoTime();
                    int label = raw.identify(rawProbes, FacePhotos.WIDTH, FacePhotos.HEIGHT);
                    double rawTime = (System.nanoTime() - started) / 1e6;
                    if (round < 0) {
                        continue; // warm-up
                    }
                    tillDecisionMillis.add(tillTime);
                    rawDecisionMillis.add(rawTime);
                    if (outcome.isEmpty()) {
                        tillRight++;
                    } else if (firstWrong.isEmpty()) {
                        firstWrong = people.get(i) + ": " + outcome;
                    }
                    if (label == expectedIndex) {
                        rawRight++;
                    }
                }
            }
            Comparison decisions = new Comparison(perSecond(tillDecisionMillis), perSecond(rawDecisionMillis), 1);
            List<Double> matchingMillis = matchingMillis(settings, gallery, owners, probeFrames, worker, options.decisions());
            long[] memory = residentKb(worker.workerPid());
            Result result = new Result(raw.version(), gallery.size(), frames, Latency.of(tillMillis), Latency.of(workerMillis),
                    Latency.of(rawMillis), decisions, Latency.of(tillDecisionMillis), Latency.of(matchingMillis), Latency.of(rawDecisionMillis),
                    tillDecisionMillis.size(), tillRight, rawRight, firstWrong, templateBytes, memory[0], memory[1]);
            print(result, options, framesToDecide, out);
            return result;
        } finally {
            deleteQuietly(crashes);
        }
    }

    private static void print(Result r, Options options, int framesToDecide, PrintStream out) {
        out.printf(Locale.ROOT, "%-44s %22s %22s %8s%n", "", "till (worker path)", "OpenCV in process", "ratio");
        out.printf(Locale.ROOT, "%-44s %22s %22s %8.2f   (pairs %s)%n", "per frame, " + options.frames() + " frames (median, p95)",
                r.tillFrame(), r.rawFrame(), r.frames().ratio(), r.frames().ratioRange());
        out.printf(Locale.ROOT, "%-44s %22s %22s%n", "  frames/s (median)", Comparison.perSecond(r.frames().ours()),
                Comparison.perSecond(r.frames().raw()));
        out.printf(Locale.ROOT, "%-44s %22s%n", "  of which the worker's own analysis", r.workerOwnFrame());
        out.printf(Locale.ROOT, "%-44s %22s %22s %8.2f   (pairs %s)%n", "identify among " + r.galleryTemplates() + ", " + framesToDecide
                + " frames each", r.tillDecision(), r.rawDecision(), r.decisions().ratio(), r.decisions().ratioRange());
        out.printf(Locale.ROOT, "%-44s %22s%n", "  of which decoding the gallery and matching", r.matching());
        out.printf(Locale.ROOT, "right person named: till %d of %d, in process %d of %d%s%n", r.tillRight(), r.tillDecisions(),
                r.rawRight(), r.tillDecisions(), r.firstWrong().isEmpty() ? "" : " (till's first wrong: " + r.firstWrong() + ")");
        out.printf(Locale.ROOT, "face worker resident memory: %s (peak %s)%n", kb(r.workerRssKb()), kb(r.workerPeakKb()));
        out.println("ratio: till per second ÷ OpenCV in process per second (raw time ÷ till time), median of the pairs");
    }

    /**
     * The till's own work in a decision besides the frames, timed apart: every template decoded and each person's
     * distance to the probes (one per frame to decide, histograms from the worker), then the pick.
     */
    private static List<Double> matchingMillis(FaceSettings settings, List<FingerPrint> gallery, List<Object> owners,
            List<List<BufferedImage>> probeFrames, FaceWorkerClient worker, int decisions) {
        FaceMatcher matcher = new FaceMatcher(settings.threshold(), settings.margin());
        List<float[]> probes = probeFrames.get(0).subList(0, settings.framesToDecide()).stream()
                .map(frame -> FaceHistogram.decode(worker.analyse(frame).orElseThrow().histogram())).toList();
        List<Double> millis = new ArrayList<>();
        for (int round = -1; round < 2 * decisions; round++) {
            long started = System.nanoTime();
            List<Double> distances = new ArrayList<>(gallery.size());
            for (FingerPrint print : gallery) {
                distances.add(FaceMatcher.distance(probes, FaceTemplate.decode(print.template())));
            }
            int picked = matcher.pick(distances, owners).map(FaceMatcher.Candidate::index).orElse(-1);
            double elapsed = (System.nanoTime() - started) / 1e6;
            if (picked != gallery.size() - 2) {
                throw new IllegalStateException("the matching alone picked print #" + picked + ", not the first real person's");
            }
            if (round >= 0) {
                millis.add(elapsed);
            }
        }
        return millis;
    }

    private static String kb(long kb) {
        return kb < 0 ? "unknown" : String.format(Locale.ROOT, "%,d KiB (%.0f MiB)", kb, kb / 1024.0);
    }

    private static double timeTill(FaceWorkerClient worker, BufferedImage frame, List<Double> workerMillis, boolean counted) {
        long started = System.nanoTime();
        FaceAnalysis analysis = worker.analyse(frame).orElseThrow(() -> new IllegalStateException("the till would not send a bench frame"));
        double millis = (System.nanoTime() - started) / 1e6;
        if (!analysis.isGood()) {
            throw new IllegalStateException("the worker refused a frame it took before: " + analysis);
        }
        if (counted) {
            workerMillis.add((double) analysis.millis());
        }
        return millis;
    }

    private static double timeRaw(RawFaceEngine raw, byte[] grey) {
        long started = System.nanoTime();
        boolean described = raw.describe(grey, FacePhotos.WIDTH, FacePhotos.HEIGHT);
        double millis = (System.nanoTime() - started) / 1e6;
        if (!described) {
            throw new IllegalStateException("OpenCV in process found no face in a frame the worker took");
        }
        return millis;
    }

    private static RawFaceEngine rawEngine(FaceSettings settings) {
        try {
            return (RawFaceEngine) Class.forName(RAW_ENGINE).getDeclaredConstructor(Path.class, Path.class)
                    .newInstance(settings.openCvLibrary(), settings.openCvData());
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
            throw new IllegalStateException("OpenCV could not be started in process: " + cause, cause);
        }
    }

    /** The 100 faces of the LFW subset and their mirror images: 200 faces of 25 x 25 grey pixels. */
    private static List<byte[]> lfwFaces() {
        List<byte[]> faces = FacePhotos.lfwSubset().subList(0, 100);
        return Stream.concat(faces.stream(), faces.stream().map(FaceBench::mirrored)).toList();
    }

    private static byte[] mirrored(byte[] face) {
        byte[] flipped = new byte[face.length];
        for (int y = 0; y < LFW_SIDE; y++) {
            for (int x = 0; x < LFW_SIDE; x++) {
                flipped[y * LFW_SIDE + x] = face[y * LFW_SIDE + LFW_SIDE - 1 - x];
            }
        }
        return flipped;
    }

    /** Which LFW face is a synthetic person's {@code face}-th: 8 apart, shifted by one each time round the pool. */
    static int syntheticFace(int person, int face, int pool) {
        return (person * FACES_PER_PERSON + face + person * FACES_PER_PERSON / pool) % pool;
    }

    private static List<BufferedImage> frames(FacePhotos photos, Person person, List<Look> looks) {
        return looks.stream().map(look -> photos.frame(person, look)).toList();
    }

    private static <T> List<T> interleave(List<List<T>> lists) {
        List<T> mixed = new ArrayList<>();
        int longest = lists.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (List<T> list : lists) {
                if (i < list.size()) {
                    mixed.add(list.get(i));
                }
            }
        }
        return mixed;
    }

    private static <T> List<T> rotated(List<T> list, int by) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.rotate(copy, -Math.floorMod(by, copy.size()));
        return copy;
    }

    /** A frame as grey bytes, as the till makes them (BT.601), before the raw side's timer. */
    static byte[] grey(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        byte[] grey = new byte[width * height];
        for (int i = 0; i < rgb.length; i++) {
            int pixel = rgb[i];
            grey[i] = (byte) ((((pixel >> 16) & 0xFF) * 299 + ((pixel >> 8) & 0xFF) * 587 + (pixel & 0xFF) * 114) / 1000);
        }
        return grey;
    }

    private static double[] perSecond(List<Double> millis) {
        return millis.stream().mapToDouble(ms -> 1000.0 / ms).toArray();
    }

    /** VmRSS and VmHWM of a process in KiB (Linux's /proc), -1 each when unknown. */
    static long[] residentKb(OptionalLong pid) {
        long[] kb = {-1, -1};
        if (pid.isEmpty()) {
            return kb;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid.getAsLong()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    kb[0] = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("VmHWM:")) {
                    kb[1] = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            System.err.println("face bench: cannot read the worker's memory: " + e.getMessage());
        }
        return kb;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path each : files.toList()) {
                Files.delete(each);
            }
            Files.delete(dir);
        } catch (IOException e) {
            System.err.println("face bench: could not remove " + dir + ": " + e.getMessage());
        }
    }

    private static int intOption(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
