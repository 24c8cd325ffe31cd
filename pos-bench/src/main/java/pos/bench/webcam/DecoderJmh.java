package pos.bench.webcam;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import pos.device.webcam.FrameDecoder;
import pos.device.webcam.SyntheticFrames;

/**
 * JMH: one 640 × 480 frame through the till's {@link FrameDecoder} (its luminance conversion, its
 * hints, quick mode) against bare ZXing {@code decodeWithState} with the same hints on luminance made
 * beforehand ({@link #raw}, the floor: what (c) of {@link WebcamPipelineBench} measures), for a QR
 * code, an EAN-13 and an empty frame of {@link SyntheticFrames#standardSet()}.
 * {@link pos.bench.jmh.JmhMain} prints tillDecoder ÷ raw.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecoderJmh {

    /** Names of samples in {@link SyntheticFrames#standardSet()}. */
    @Param({"qr-plain", "ean13-plain", "empty-counter"})
    public String frame;

    private BufferedImage image;
    private PlanarYUVLuminanceSource luminance;
    private FrameDecoder decoder;
    private MultiFormatReader reader;

    @Setup
    public void prepare() {
        SyntheticFrames.Sample sample = new SyntheticFrames(42).standardSet().stream()
                .filter(s -> s.name().equals(frame)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no synthetic frame '" + frame + "'; known: "
                        + new SyntheticFrames(42).standardSet().stream().map(SyntheticFrames.Sample::name).toList()));
        image = sample.image();
        int width = image.getWidth();
        int height = image.getHeight();
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        byte[] grey = new byte[argb.length];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            grey[i] = (byte) ((((p >> 16) & 0xFF) + 2 * ((p >> 8) & 0xFF) + (p & 0xFF)) >> 2);
        }
        luminance = new PlanarYUVLuminanceSource(grey, width, height, 0, 0, width, height, false);
        decoder = new FrameDecoder(0);
        reader = new MultiFormatReader();
        reader.setHints(FrameDecoder.hints(false));
    }

    @Benchmark
    public Optional<Result> tillDecoder() {
        return decoder.decode(image, false);
    }

    @Benchmark
    public Result raw() {
        try {
            return reader.decodeWithState(new BinaryBitmap(new HybridBinarizer(luminance)));
        } catch (NotFoundException noCode) {
            return null; // an empty frame: decoded, nothing found (as the till counts it)
        } finally {
            reader.reset();
        }
    }
}
