package pos.bench.face;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.face.LBPHFaceRecognizer;
import org.opencv.imgproc.CLAHE;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.CascadeClassifier;

/**
 * The raw engine of the face bench: the OpenCV calls the face worker makes on a frame, in this process, on grey
 * pixels already prepared: equalizeHist, the frontal-face cascade (alt2; scale 1.1, 4 neighbours, faces from 10 % of
 * the short side), each detection confirmed by the alt cascade around it, the eye cascade in the upper face, then the
 * inner face cut, sized to 100 x 100, blurred and CLAHE-normalised, and described by LBPH (radius 1, 8 neighbours,
 * 8 x 8 cells). Not the till's own steps around them (quality measures, levelling on the eyes, folding the
 * histogram, the protocol): those are what the comparison is about. Identification is LBPH's own predict over
 * the training set. Not thread-safe.
 */
final class OpenCvInProcess implements RawFaceEngine {

    private static final int CROP = 100;

    private final CascadeClassifier faces;
    private final CascadeClassifier eyes;
    private final CascadeClassifier confirming;
    private final CLAHE clahe;
    private final List<Mat> training = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private LBPHFaceRecognizer recogniser;

    /** Loads the JNI library and the cascades (the same files as the face worker's). */
    OpenCvInProcess(Path library, Path dataDirectory) {
        System.load(library.toString()); // before any OpenCV call, the CLAHE below included
        clahe = Imgproc.createCLAHE(2.0, new Size(4, 4));
        faces = cascade(dataDirectory.resolve("haarcascades/haarcascade_frontalface_alt2.xml"));
        eyes = cascade(dataDirectory.resolve("haarcascades/haarcascade_eye_tree_eyeglasses.xml"));
        confirming = cascade(dataDirectory.resolve("haarcascades/haarcascade_frontalface_alt.xml"));
    }

    private static CascadeClassifier cascade(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("the face cascade " + file + " is missing: sudo apt-get install opencv-data");
        }
        CascadeClassifier classifier = new CascadeClassifier(file.toString());
        if (classifier.empty()) {
            throw new IllegalStateException("the face cascade " + file + " could not be read");
        }
        return classifier;
    }

    @Override
    public String version() {
        return Core.VERSION;
    }

    @Override
    public boolean describe(byte[] grey, int width, int height) {
        Mat face = face(grey, width, height);
        if (face == null) {
            return false;
        }
        LBPHFaceRecognizer lbph = LBPHFaceRecognizer.create(1, 8, 8, 8, Double.MAX_VALUE);
        lbph.train(List.of(face), new MatOfInt(0));
        return lbph.getHistograms().get(0).total() == 8 * 8 * 256;
    }

    @Override
    public int addFrames(int label, List<byte[]> frames, int width, int height) {
        int added = 0;
        for (byte[] frame : frames) {
            Mat face = face(frame, width, height);
            if (face != null) {
                training.add(face);
                labels.add(label);
                added++;
            }
        }
        return added;
    }

    @Override
    public void addCrops(int label, List<byte[]> crops, int side) {
        for (byte[] crop : crops) {
            Mat mat = new Mat(side, side, CvType.CV_8UC1);
            mat.put(0, 0, crop);
            training.add(normalised(mat));
            labels.add(label);
        }
    }

    @Override
    public void train() {
        recogniser = LBPHFaceRecognizer.create(1, 8, 8, 8, Double.MAX_VALUE);
        MatOfInt labelMat = new MatOfInt();
        labelMat.fromList(labels);
        recogniser.train(training, labelMat);
    }

    @Override
    public int identify(List<byte[]> frames, int width, int height) {
        if (recogniser == null) {
            throw new IllegalStateException("the in-process recogniser is not trained");
        }
        int best = -1;
        double nearest = Double.MAX_VALUE;
        int[] label = new int[1];
        double[] distance = new double[1];
        for (byte[] frame : frames) {
            Mat face = face(frame, width, height);
            if (face == null) {
                continue;
            }
            recogniser.predict(face, label, distance);
            if (distance[0] < nearest) {
                nearest = distance[0];
                best = label[0];
            }
        }
        return best;
    }

    /** The one largest confirmed face, cut and normalised, or null. */
    private Mat face(byte[] grey, int width, int height) {
        Mat frame = new Mat(height, width, CvType.CV_8UC1);
        frame.put(0, 0, grey);
        Mat equalised = new Mat();
        Imgproc.equalizeHist(frame, equalised);
        int minDetection = (int) Math.round(Math.min(width, height) * 0.10);
        MatOfRect found = new MatOfRect();
        faces.detectMultiScale(equalised, found, 1.1, 4, 0, new Size(minDetection, minDetection), new Size());
        Rect face = null;
        for (Rect candidate : found.toList()) {
            if ((face == null || candidate.area() > face.area()) && confirmed(equalised, candidate)) {
                face = candidate;
            }
        }
        if (face == null) {
            return null;
        }
        Rect upper = new Rect(face.x, face.y + (int) (face.height * 0.15), face.width, (int) (face.height * 0.45));
        int minEye = Math.max(8, face.width / 9);
        eyes.detectMultiScale(new Mat(equalised, upper), new MatOfRect(), 1.1, 3, 0, new Size(minEye, minEye),
                new Size(face.width / 3.0, face.width / 3.0));
        Rect inner = clip(new Rect(face.x + (int) Math.round(face.width * 0.1), face.y + (int) Math.round(face.height * 0.12),
                (int) Math.round(face.width * 0.8), (int) Math.round(face.height * 0.85)), width, height);
        return normalised(new Mat(frame, inner));
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

    private Mat normalised(Mat face) {
        Mat sized = new Mat();
        Imgproc.resize(face, sized, new Size(CROP, CROP), 0, 0, face.width() > CROP ? Imgproc.INTER_AREA : Imgproc.INTER_CUBIC);
        Mat smooth = new Mat();
        Imgproc.GaussianBlur(sized, smooth, new Size(5, 5), 1.0);
        Mat normalised = new Mat();
        clahe.apply(smooth, normalised);
        return normalised;
    }

    private static Rect clip(Rect box, int width, int height) {
        int x = Math.max(0, box.x);
        int y = Math.max(0, box.y);
        return new Rect(x, y, Math.min(width, box.x + box.width) - x, Math.min(height, box.y + box.height) - y);
    }

    @Override
    public void close() {
        training.clear();
        labels.clear();
        recogniser = null;
    }
}
