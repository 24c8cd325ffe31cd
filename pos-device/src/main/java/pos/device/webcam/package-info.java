/**
 * The webcam scanner: webcam-capture grabs frames, ZXing decodes them on a worker thread, and the
 * reads become {@link pos.core.device.ScanEvent}s like the keyboard-wedge scanner's.
 *
 * <ul>
 *   <li>{@link pos.device.webcam.WebcamCameras}: which webcam-capture driver is in use (the default
 *       BridJ/V4L driver or the simulated {@link pos.device.webcam.FrameFeedDriver}) and the cameras it
 *       finds, for the settings screen;</li>
 *   <li>{@link pos.device.webcam.WebcamScanner}: the {@link pos.core.device.Scanner} adapter: a capture
 *       thread, a latest-frame-wins handoff, a decoder thread, duplicate suppression, and an observable
 *       {@link pos.device.webcam.WebcamStatus} (no camera, busy, unplugged: a sentence for the clerk,
 *       never an exception);</li>
 *   <li>{@link pos.device.webcam.WebcamPreview}: the live picture for JavaFX screens, with a flash and a
 *       beep on each read;</li>
 *   <li>{@link pos.device.webcam.FrameFeedDriver} and {@link pos.device.webcam.SyntheticFrames}: a
 *       simulated camera that plays generated QR and barcode pictures, for tests, benchmarks, demos
 *       and a PC without a camera.</li>
 * </ul>
 */
package pos.device.webcam;
