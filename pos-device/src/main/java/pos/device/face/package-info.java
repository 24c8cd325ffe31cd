/**
 * Face authorisation through the webcam (DESIGN R18, issue 16), with OpenCV's Java bindings as Debian ships them.
 *
 * <ul>
 *   <li>{@link pos.device.face.FaceReader}: the {@link pos.core.biometric.BiometricReader} adapter the till uses,
 *       over a {@link pos.device.face.FrameSource} (the till's webcam); it never loads OpenCV itself;</li>
 *   <li>{@link pos.device.face.FaceWorkerClient}: starts and supervises the worker process (OpenCV is native code
 *       that may crash on a bad frame), refuses frames of absurd sizes, restarts a dead or hung worker;</li>
 *   <li>{@code pos.device.face.FaceWorkerMain} and {@code FaceAnalyser} (in {@code src/opencv/java}, compiled only where
 *       {@code libopencv-java} is installed): detection (Haar cascade, confirmed by a second one), the quality check,
 *       eye levelling, LBPH histograms;</li>
 *   <li>{@link pos.device.face.FaceHistogram}, {@link pos.device.face.FaceTemplate},
 *       {@link pos.device.face.FaceMatcher}: the stored form (histograms, never pixels) and the decision, pure Java;</li>
 *   <li>{@code pos.device.face.sim}: webcam frames of the people in the photos Debian's packages install, for tests
 *       and demos.</li>
 * </ul>
 */
package pos.device.face;
