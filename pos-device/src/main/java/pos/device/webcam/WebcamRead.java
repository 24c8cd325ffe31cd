package pos.device.webcam;

import java.time.Instant;
import java.util.Objects;

import com.google.zxing.BarcodeFormat;

/**
 * One code read by the webcam, after duplicate suppression. Immutable.
 *
 * @param text        the decoded characters
 * @param format      the symbology (QR_CODE, EAN_13, EAN_8 or CODE_128)
 * @param camera      the camera's name
 * @param readAt      when the frame was decoded
 * @param frameNumber the decoder's count of frames when it was read (1-based), for diagnostics
 */
public record WebcamRead(String text, BarcodeFormat format, String camera, Instant readAt, long frameNumber) {
    public WebcamRead {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(readAt, "readAt");
    }

    /** Logs may show this: the format and the length, never the text (it may be a voucher). */
    @Override
    public String toString() {
        return "WebcamRead[" + format + ", " + text.length() + " characters, camera=" + camera + ", frame " + frameNumber + "]";
    }
}
