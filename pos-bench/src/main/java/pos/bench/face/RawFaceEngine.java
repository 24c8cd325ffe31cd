package pos.bench.face;

import java.util.List;

/**
 * The face bench's raw side: OpenCV called directly in this process (no worker, no pipe), with the cascades and
 * parameters the face worker uses. Implemented by {@code pos.bench.face.OpenCvInProcess}, compiled only where Debian's
 * OpenCV jar is installed (pos-bench's {@code opencv} profile), so it is loaded by name. Not thread-safe.
 */
interface RawFaceEngine extends AutoCloseable {

    /** OpenCV's version. */
    String version();

    /** Detection (and eyes) on a ready grey frame and the LBPH histogram of the face: false when no face was found. */
    boolean describe(byte[] grey, int width, int height);

    /** Adds the faces found in these grey frames to the recogniser's training set under {@code label}; returns how many. */
    int addFrames(int label, List<byte[]> frames, int width, int height);

    /** Adds face crops already cut (square, {@code side} pixels) under {@code label}. */
    void addCrops(int label, List<byte[]> crops, int side);

    /** Trains the LBPH recogniser with everything added (outside the timer). */
    void train();

    /** The label LBPH predicts nearest over the faces found in these frames, or -1 when none had a face. */
    int identify(List<byte[]> frames, int width, int height);

    @Override
    void close();
}
