package pos.device.face;

import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.function.Consumer;
import pos.device.webcam.WebcamScanner;
import pos.device.webcam.WebcamStatus;

/** Where the face reader's frames come from: the till's webcam, or frames a test plays. Implementations are thread-safe. */
public interface FrameSource {

    /** Every captured frame, on the camera's thread; read-only, never kept (copy what you need). */
    AutoCloseable onFrame(Consumer<BufferedImage> listener);

    /** Empty when a camera delivers frames now, else why not (a sentence for IT), e.g. "no camera". */
    Optional<String> unavailable();

    /** The camera's name for the status sentence. */
    String cameraName();

    /** The till's webcam (the one that reads codes): its frames and its status. */
    static FrameSource of(WebcamScanner webcam) {
        return new FrameSource() {
            @Override
            public AutoCloseable onFrame(Consumer<BufferedImage> listener) {
                return webcam.onFrame(listener);
            }

            @Override
            public Optional<String> unavailable() {
                WebcamStatus status = webcam.status();
                return switch (status.state()) {
                    case RUNNING -> Optional.empty();
                    case OFF -> Optional.of("the camera is off");
                    case STARTING -> Optional.of("the camera is starting");
                    case NO_CAMERA -> Optional.of("no camera");
                    case BUSY -> Optional.of("the camera is used by another program");
                    case LOST -> Optional.of("the camera stopped delivering pictures");
                };
            }

            @Override
            public String cameraName() {
                String camera = webcam.status().camera();
                return camera.isBlank() ? webcam.name() : camera;
            }

            @Override
            public String toString() {
                return "FrameSource[" + webcam.name() + "]";
            }
        };
    }
}
