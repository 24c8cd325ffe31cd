package pos.device.face;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import pos.core.biometric.ScanPrompt;

/**
 * What the face worker saw in one frame: the faces found (boxes in the frame sent), the quality verdict for the one
 * face (empty when it is good enough to match) with the measures behind it, and the face's histogram when good.
 * Holds no pixels; {@link #toString()} shows no histogram. Immutable.
 *
 * @param measures the face's width, mean grey, spread, sharpness and eye tilt, for logs and calibration
 * @param millis how long the worker took
 */
public record FaceAnalysis(List<Box> faces, Optional<ScanPrompt> retry, String measures, byte[] histogram, long millis) {

    /** A face's box in the frame, in pixels. Immutable. */
    public record Box(int x, int y, int width, int height) { }

    public FaceAnalysis {
        faces = List.copyOf(faces);
        histogram = histogram == null ? null : histogram.clone();
    }

    public boolean isGood() {
        return retry.isEmpty() && histogram != null;
    }

    /** The histogram (a copy); only for a good face. */
    public byte[] histogram() {
        if (histogram == null) {
            throw new IllegalStateException("no histogram: the frame was refused (" + retry.map(Enum::name).orElse("no face") + ")");
        }
        return histogram.clone();
    }

    static List<Box> parseBoxes(String text) {
        List<Box> boxes = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return boxes;
        }
        for (String box : text.split(";")) {
            String[] parts = box.split(",");
            boxes.add(new Box(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3])));
        }
        return boxes;
    }

    @Override
    public String toString() {
        return "FaceAnalysis[" + faces.size() + " faces " + faces + ", " + retry.map(Enum::name).orElse("good") + ", " + measures
                + ", " + millis + " ms" + (histogram == null ? "" : ", histogram of " + histogram.length + " bytes") + "]";
    }
}
