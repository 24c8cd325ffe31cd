package pos.device.fingerprint;

import com.machinezoo.sourceafis.FingerprintCompatibility;
import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import pos.core.biometric.FingerPrint;

/**
 * Checks a libfprint identify without a second press (issue 15). libfprint answers with the first print in the
 * gallery that passes bozorth3's threshold, not the best; bozorth3 stays the judge of acceptance, and this check
 * only looks for a doubt: the minutiae of the press that libfprint just read (the probe) are scored with SourceAFIS
 * against the matched print and against every print of another owner that comes after it in the gallery (libfprint
 * compared the prints before it in order, and bozorth3 refused each, so only a later print can also pass). The match
 * stands unless another owner's
 * print scores at least as high as the matched one, or at least {@value #THRESHOLD} (SourceAFIS's threshold) and
 * within the margin of it: at least {@value #RIVAL_SHARE} of the matched print's score.
 *
 * <p>The margin is relative because SourceAFIS's scores of one finger spread widely (173–454 for genuine presses on
 * the synthetic population) while other fingers stay low. Calibration (SyntheticPopulationSweepTest, 100 distinct
 * fingers, each genuine press scored against the 99 other prints, three runs): the best other print scored at most
 * 59, at most 0.21 of the matched print's score; one finger enrolled twice scores its presses 0.6–1.0 of each other,
 * and even the ends of the genuine range (173 / 454 = 0.38) stay above the margin. With NBIS minutiae alone (no
 * ridge data) SourceAFIS's impostor scores reach 52–59 here, above its threshold of 40, so the threshold alone would
 * refuse genuine presses; 1/3 leaves a factor of 1.6 to the other fingers and 1.1 to the same finger's extremes.
 *
 * <p>The minutiae are NBIS's (libfprint's own detection, {@link NbisMinutiae}), brought in as ISO/IEC 19794-2:2005
 * templates at 500 dpi. A gallery print's templates are made once and kept (by content) for later calls; the probe's
 * matcher is made once per call and the other owners' prints are scored in parallel. Thread-safe.
 */
final class SecondOwnerCheck {

    /** SourceAFIS's documented threshold (false match rate 0.01 %). */
    static final double THRESHOLD = 40;
    /** A second owner's print scoring at least this share of the matched one's (and the threshold) is a doubt. */
    static final double RIVAL_SHARE = 1.0 / 3;
    /**
     * Past this many cached prints the cache starts again: a print's 5 templates take about 54 KB of heap (SourceAFIS's
     * edge tables), so 1,000 members' prints about 54 MB and this limit about 220 MB.
     */
    private static final int CACHE_LIMIT = 4_000;
    private static final int ISO_RESOLUTION = 197; // pixels per cm: 500 dpi

    /** Gallery prints' templates by content, shared by every reader of the process (a till has one). */
    private static final ConcurrentHashMap<FingerPrint, Optional<List<FingerprintTemplate>>> cache = new ConcurrentHashMap<>();

    /** What the check found. */
    record Verdict(boolean readable, int rival, double matchedScore, double rivalScore, long nanos) {
        /** Minutiae could not be read from the probe or from a print: the check cannot say (fall back). */
        static Verdict unreadable(long started) {
            return new Verdict(false, -1, 0, 0, System.nanoTime() - started);
        }

        boolean ambiguous() {
            return rival >= 0;
        }
    }

    /**
     * Scores {@code probe} against {@code gallery.get(matched)} and against every later print of an owner other than
     * {@code owners.get(matched)}; {@link Verdict#rival()} is the best-scoring such print when it casts a doubt.
     */
    Verdict check(byte[] probe, List<FingerPrint> gallery, List<?> owners, int matched) {
        long started = System.nanoTime();
        Optional<List<FingerprintTemplate>> probeTemplates = templates(probe);
        if (probeTemplates.isEmpty()) {
            return Verdict.unreadable(started);
        }
        if (cache.size() > CACHE_LIMIT) {
            cache.clear();
        }
        Object owner = owners.get(matched);
        // only the prints after the match: libfprint compared the ones before it, in order, and bozorth3 refused each
        int[] others = IntStream.range(matched + 1, gallery.size()).filter(j -> !Objects.equals(owners.get(j), owner)).toArray();
        // the gallery's templates, made once per print and kept
        boolean unreadable = IntStream.concat(IntStream.of(matched), IntStream.of(others)).parallel()
                .anyMatch(j -> template(gallery.get(j)).isEmpty());
        if (unreadable) {
            return Verdict.unreadable(started);
        }
        List<FingerprintMatcher> matchers = probeTemplates.get().stream().map(FingerprintMatcher::new).toList();
        double matchedScore = score(matchers, template(gallery.get(matched)).orElseThrow());
        double[] scores = new double[others.length];
        IntStream.range(0, others.length).parallel()
                .forEach(k -> scores[k] = score(matchers, template(gallery.get(others[k])).orElseThrow()));
        int rival = -1;
        double rivalScore = 0;
        for (int k = 0; k < others.length; k++) {
            if (scores[k] > rivalScore || rival < 0) {
                rivalScore = scores[k];
                rival = others[k];
            }
        }
        boolean doubt = rival >= 0 && doubts(matchedScore, rivalScore);
        return new Verdict(true, doubt ? rival : -1, matchedScore, rival >= 0 ? rivalScore : 0, System.nanoTime() - started);
    }

    /** The rule: another owner's print as high as the matched one, or above the threshold and within the margin. */
    static boolean doubts(double matchedScore, double otherScore) {
        return otherScore >= matchedScore || otherScore >= THRESHOLD && otherScore >= matchedScore * RIVAL_SHARE;
    }

    private static Optional<List<FingerprintTemplate>> template(FingerPrint print) {
        return cache.computeIfAbsent(print, p -> templates(p.template()));
    }

    private static double score(List<FingerprintMatcher> probe, List<FingerprintTemplate> candidate) {
        double best = 0;
        for (FingerprintMatcher matcher : probe) {
            for (FingerprintTemplate sample : candidate) {
                best = Math.max(best, matcher.match(sample));
            }
        }
        return best;
    }

    /** One SourceAFIS template per sample of a serialized libfprint print; empty when it holds no NBIS minutiae. */
    static Optional<List<FingerprintTemplate>> templates(byte[] serialized) {
        return NbisMinutiae.read(serialized)
                .map(samples -> samples.stream().map(s -> FingerprintCompatibility.importTemplate(iso19794(s))).toList());
    }

    /**
     * An ISO/IEC 19794-2:2005 minutiae record of one sample: NBIS's y (up from the bottom) turned into ISO's (down
     * from the top, over the sample's own height: only a shift, which matching ignores), theta's degrees
     * counter-clockwise into ISO's 256ths of a turn counter-clockwise, every minutia an ending (xyt keeps no type).
     */
    static byte[] iso19794(NbisMinutiae.Sample sample) {
        int n = Math.min(sample.count(), 255);
        int width = 1;
        int height = 1;
        for (int i = 0; i < n; i++) {
            width = Math.max(width, sample.x()[i] + 1);
            height = Math.max(height, sample.y()[i] + 1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(30 + 6 * n);
        out.writeBytes(new byte[] {'F', 'M', 'R', 0, ' ', '2', '0', 0});
        int length = 24 + 4 + 6 * n + 2;
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        short16(out, 0); // capture equipment: not certified, unknown device
        short16(out, width);
        short16(out, height);
        short16(out, ISO_RESOLUTION);
        short16(out, ISO_RESOLUTION);
        out.write(1); // one finger view
        out.write(0);
        out.write(0); // finger position unknown
        out.write(0); // view 0, live-scan plain impression
        out.write(60); // finger quality: not known, a middling value
        out.write(n);
        for (int i = 0; i < n; i++) {
            int x = Math.max(0, sample.x()[i]);
            int y = Math.max(0, height - 1 - sample.y()[i]);
            int angle = Math.floorMod((int) Math.round(Math.floorMod(sample.theta()[i], 360) / 1.40625), 256);
            short16(out, (1 << 14) | x); // type 01: ridge ending
            short16(out, y);
            out.write(angle);
            out.write(60);
        }
        short16(out, 0); // no extended data
        return out.toByteArray();
    }

    private static void short16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }
}
