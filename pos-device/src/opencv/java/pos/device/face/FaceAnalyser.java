package pos.device.face;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfRect;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.face.LBPHFaceRecognizer;
import org.opencv.imgproc.CLAHE;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.CascadeClassifier;

/**
 * Inside the face worker: finds the faces in a grey frame (Haar cascade), checks the one face's quality, levels it
 * on the eyes when they are found, cuts and normalises it (100 x 100, smoothed, CLAHE) and describes it with the
 * face module's LBPH recogniser (radius 1, 8 neighbours, 8 x 8 cells), folded to uniform patterns
 * ({@link FaceHistogram}). Not thread-safe (one per worker, used by its one request thread).
 */
final class FaceAnalyser {

    /** Detections narrower than this share of the frame's short side are not looked at at all. */
    static final double MIN_DETECTION = 0.10;
    /** A second face counts only when it is at least this share of the largest one (a face far behind does not). */
    static final double SECOND_FACE = 0.5;
    /** The face must be at least this share of the frame's short side (86 px in 640 x 480). */
    static final double MIN_FACE = 0.18;
    /** A face wider than this share of the short side is too close (265 px in 640 x 480): only the forehead-to-chin part of it would be in view, and the cascades' false faces in a crowd behind the counter are that big. */
    static final double MAX_FACE = 0.55;
    /** A face box closer than this share of its width to a frame edge is cut by it. */
    static final double EDGE_MARGIN = 0.04;
    /** The face's mean grey level must lie in this range, and its spread (standard deviation) be at least this. */
    static final double MIN_MEAN = 30;
    static final double MAX_MEAN = 225;
    static final double MIN_SPREAD = 12;
    /**
     * The face's sharpness (at {@link #SHARPNESS_SIDE} x {@link #SHARPNESS_SIDE}: the weaker of the variances of its
     * horizontal and vertical gradients) below this: blurred. A moving head smears the picture in one direction, so the
     * Laplacian's variance (all directions at once, at the 100 px crop) stayed high on a face smeared over 24 px by the
     * edges across the smear and by the sensor's noise, above the softest sharp faces: it could not tell them apart.
     */
    static final double MIN_SHARPNESS = 500;
    /**
     * The weaker gradient's variance below this share of the stronger's: smeared in one direction, a head that moved.
     * Measured on the test frames: smeared over 24 px 0.33 and 0.37; sharp faces 0.44 to 0.91, most above 0.7.
     */
    static final double MIN_SMEAR_RATIO = 0.40;
    static final int SHARPNESS_SIDE = 50;
    /** A head tilted further than the cascades see (about 15 degrees) is looked for in the frame turned by these. */
    static final double[] TILTS_LOOKED_FOR = {-25, 25};
    /** Eyes tilted more than this (degrees): not level. */
    static final double MAX_TILT = 15;
    static final int CROP = 100;

    private final CascadeClassifier faces;
    private final CascadeClassifier eyes;
    private final CascadeClassifier confirming;
    private final CLAHE clahe = Imgproc.createCLAHE(2.0, new Size(4, 4));

    FaceAnalyser(Path dataDirectory) {
        faces = cascade(dataDirectory.resolve("haarcascades/haarcascade_frontalface_alt2.xml"));
        eyes = cascade(dataDirectory.resolve("haarcascades/haarcascade_eye_tree_eyeglasses.xml"));
        confirming = cascade(dataDirectory.resolve("haarcascades/haarcascade_frontalface_alt.xml"));
    }

    private static CascadeClassifier cascade(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("the face cascade " + file + " is missing (opencv-data is not installed)");
        }
        CascadeClassifier classifier = new CascadeClassifier(file.toString());
        if (classifier.empty()) {
            throw new IllegalStateException("the face cascade " + file + " could not be read");
        }
        return classifier;
    }

    /** What one frame gave: the verdict ("OK" or a ScanPrompt name), boxes, measures, and the histogram when OK. */
    record Result(String verdict, String faces, String measures, byte[] histogram, long millis) { }

    Result analyse(byte[] grey, int width, int height) {
        long started = System.nanoTime();
        Mat frame = new Mat(height, width, CvType.CV_8UC1);
        frame.put(0, 0, grey);
        Mat equalised = new Mat();
        Imgproc.equalizeHist(frame, equalised);
        int shortSide = Math.min(width, height);
        int minDetection = (int) Math.round(shortSide * MIN_DETECTION);
        MatOfRect found = new MatOfRect();
        faces.detectMultiScale(equalised, found, 1.1, 4, 0, new Size(minDetection, minDetection), new Size());
        // each face must be a face to a second cascade too: alt2 alone sees faces in the folds of a suit or a crowd
        List<Rect> people = distinct(found.toList().stream().filter(candidate -> confirmed(equalised, candidate)).toList());
        String boxes = boxes(people);
        if (people.isEmpty()) {
            // a head tilted towards a shoulder is no face to the upright cascades: say how to hold it, not "no face"
            return result(tiltedFaceFound(equalised, minDetection) ? "RETRY_FACE_LOOK_STRAIGHT" : "RETRY_FACE_NOT_FOUND",
                    boxes, "", null, started);
        }
        if (people.size() > 1) {
            return result("RETRY_FACE_ONE_ONLY", boxes, "", null, started);
        }
        Rect face = people.get(0);
        if (face.width < shortSide * MIN_FACE) {
            return result("RETRY_FACE_COME_CLOSER", boxes, "width " + face.width, null, started);
        }
        int margin = (int) Math.round(face.width * EDGE_MARGIN);
        if (face.x < margin || face.y < margin || face.x + face.width > width - margin
                || face.y + face.height > height - margin || face.width > shortSide * MAX_FACE) {
            return result("RETRY_FACE_TOO_CLOSE", boxes, "width " + face.width, null, started);
        }
        Mat region = new Mat(frame, face);
        MatOfDouble mean = new MatOfDouble();
        MatOfDouble spread = new MatOfDouble();
        Core.meanStdDev(region, mean, spread);
        double brightness = mean.toArray()[0];
        double contrast = spread.toArray()[0];
        Mat small = new Mat();
        Imgproc.resize(region, small, new Size(SHARPNESS_SIDE, SHARPNESS_SIDE), 0, 0, Imgproc.INTER_AREA);
        double across = gradientVariance(small, 1, 0);
        double along = gradientVariance(small, 0, 1);
        double sharpness = Math.min(across, along);
        double tilt = tilt(equalised, face);
        String measures = String.format(java.util.Locale.ROOT, "width %d, mean %.0f, spread %.0f, sharpness %.0f (x %.0f, y %.0f), tilt %s",
                face.width, brightness, contrast, sharpness, across, along, Double.isNaN(tilt) ? "no eyes" : String.format(java.util.Locale.ROOT, "%.1f", tilt));
        if (brightness < MIN_MEAN || brightness > MAX_MEAN || contrast < MIN_SPREAD) {
            return result("RETRY_FACE_LIGHT", boxes, measures, null, started);
        }
        if (sharpness < MIN_SHARPNESS || sharpness < MIN_SMEAR_RATIO * Math.max(across, along)) {
            return result("RETRY_FACE_HOLD_STILL", boxes, measures, null, started);
        }
        if (!Double.isNaN(tilt) && Math.abs(tilt) > MAX_TILT) {
            return result("RETRY_FACE_LOOK_STRAIGHT", boxes, measures, null, started);
        }
        Mat levelled = frame;
        if (!Double.isNaN(tilt)) {
            Point centre = new Point(face.x + face.width / 2.0, face.y + face.height / 2.0);
            levelled = new Mat();
            Imgproc.warpAffine(frame, levelled, Imgproc.getRotationMatrix2D(centre, tilt, 1.0), frame.size(),
                    Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        }
        Rect inner = new Rect(face.x + (int) Math.round(face.width * 0.1), face.y + (int) Math.round(face.height * 0.12),
                (int) Math.round(face.width * 0.8), (int) Math.round(face.height * 0.85));
        inner = clip(inner, width, height);
        return result("OK", boxes, measures, describe(new Mat(levelled, inner)), started);
    }

    /** The histogram of a face crop already cut (any size): the matcher-level measurements feed LFW's faces here. */
    byte[] describeCrop(byte[] grey, int width, int height) {
        Mat crop = new Mat(height, width, CvType.CV_8UC1);
        crop.put(0, 0, grey);
        return describe(crop);
    }

    private byte[] describe(Mat face) {
        Mat sized = new Mat();
        Imgproc.resize(face, sized, new Size(CROP, CROP), 0, 0, face.width() > CROP ? Imgproc.INTER_AREA : Imgproc.INTER_CUBIC);
        Mat smooth = new Mat();
        // the webcam's noise flips single LBP bits; a light blur keeps the patterns of the face itself
        Imgproc.GaussianBlur(sized, smooth, new Size(5, 5), 1.0);
        Mat normalised = new Mat();
        clahe.apply(smooth, normalised);
        LBPHFaceRecognizer lbph = LBPHFaceRecognizer.create(1, 8, FaceHistogram.GRID, FaceHistogram.GRID, Double.MAX_VALUE);
        lbph.train(List.of(normalised), new MatOfInt(0));
        Mat histogram = lbph.getHistograms().get(0);
        float[] raw = new float[(int) histogram.total()];
        histogram.get(0, 0, raw);
        return FaceHistogram.fromLbph(raw);
    }

    /** Degrees the eyes are off level (positive: the right one in the picture is lower), or NaN without two eyes. */
    private double tilt(Mat equalised, Rect face) {
        Rect upper = new Rect(face.x, face.y + (int) (face.height * 0.15), face.width, (int) (face.height * 0.45));
        MatOfRect found = new MatOfRect();
        int min = Math.max(8, face.width / 9);
        eyes.detectMultiScale(new Mat(equalised, upper), found, 1.1, 3, 0, new Size(min, min), new Size(face.width / 3.0, face.width / 3.0));
        Rect left = null;
        Rect right = null;
        for (Rect eye : found.toList()) {
            double centre = eye.x + eye.width / 2.0;
            if (centre < face.width / 2.0) {
                left = left == null || eye.area() > left.area() ? eye : left;
            } else {
                right = right == null || eye.area() > right.area() ? eye : right;
            }
        }
        if (left == null || right == null) {
            return Double.NaN;
        }
        double dx = (right.x + right.width / 2.0) - (left.x + left.width / 2.0);
        double dy = (right.y + right.height / 2.0) - (left.y + left.height / 2.0);
        if (dx < face.width * 0.2) {
            return Double.NaN;
        }
        return Math.toDegrees(Math.atan2(dy, dx));
    }

    /** The variance of the picture's Sobel gradient in x ({@code dx} 1) or in y ({@code dy} 1). */
    private static double gradientVariance(Mat picture, int dx, int dy) {
        Mat gradient = new Mat();
        Imgproc.Sobel(picture, gradient, CvType.CV_64F, dx, dy);
        MatOfDouble mean = new MatOfDouble();
        MatOfDouble spread = new MatOfDouble();
        Core.meanStdDev(gradient, mean, spread);
        return Math.pow(spread.toArray()[0], 2);
    }

    /** Whether one face shows in the frame turned by one of {@link #TILTS_LOOKED_FOR} (confirmed as upright ones are). */
    private boolean tiltedFaceFound(Mat equalised, int minDetection) {
        // at half size: a frame without a face (the counter, empty) costs two more cascade passes, a quarter each
        Mat half = new Mat();
        Imgproc.resize(equalised, half, new Size(equalised.width() / 2.0, equalised.height() / 2.0), 0, 0, Imgproc.INTER_AREA);
        int min = Math.max(24, minDetection / 2);
        Point centre = new Point(half.width() / 2.0, half.height() / 2.0);
        for (double angle : TILTS_LOOKED_FOR) {
            Mat turned = new Mat();
            Imgproc.warpAffine(half, turned, Imgproc.getRotationMatrix2D(centre, angle, 1.0), half.size(),
                    Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
            MatOfRect found = new MatOfRect();
            faces.detectMultiScale(turned, found, 1.1, 4, 0, new Size(min, min), new Size());
            Mat upright = turned;
            if (found.toList().stream().anyMatch(candidate -> confirmed(upright, candidate))) {
                return true;
            }
        }
        return false;
    }

    private boolean confirmed(Mat equalised, Rect candidate) {
        int pad = candidate.width / 4;
        Rect around = clip(new Rect(candidate.x - pad, candidate.y - pad, candidate.width + 2 * pad, candidate.height + 2 * pad),
                equalised.width(), equalised.height());
        MatOfRect found = new MatOfRect();
        int min = (int) (candidate.width * 0.6);
        confirming.detectMultiScale(new Mat(equalised, around), found, 1.1, 3, 0, new Size(min, min), new Size());
        return !found.empty();
    }

    /** Largest first; a detection inside a larger one (part of the same face) and far smaller faces are dropped. */
    private static List<Rect> distinct(List<Rect> detections) {
        List<Rect> sorted = new ArrayList<>(detections);
        sorted.sort(Comparator.comparingDouble(Rect::area).reversed());
        List<Rect> kept = new ArrayList<>();
        for (Rect candidate : sorted) {
            Point centre = new Point(candidate.x + candidate.width / 2.0, candidate.y + candidate.height / 2.0);
            boolean inside = kept.stream().anyMatch(bigger -> bigger.contains(centre));
            boolean tiny = !kept.isEmpty() && candidate.width < kept.get(0).width * SECOND_FACE;
            if (!inside && !tiny) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    private static Rect clip(Rect box, int width, int height) {
        int x = Math.max(0, box.x);
        int y = Math.max(0, box.y);
        return new Rect(x, y, Math.min(width, box.x + box.width) - x, Math.min(height, box.y + box.height) - y);
    }

    private static String boxes(List<Rect> people) {
        StringBuilder text = new StringBuilder();
        for (Rect box : people) {
            text.append(text.length() == 0 ? "" : ";").append(box.x).append(',').append(box.y).append(',')
                    .append(box.width).append(',').append(box.height);
        }
        return text.toString();
    }

    private static Result result(String verdict, String boxes, String measures, byte[] histogram, long started) {
        return new Result(verdict, boxes, measures, histogram, (System.nanoTime() - started) / 1_000_000);
    }
}
