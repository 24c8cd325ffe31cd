package pos.device.face;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import pos.core.biometric.IncompatiblePrintException;

/**
 * The face reader's own template format (issue 16): magic {@code "PFAC"}, version (1), grid, bins per cell, the number
 * of faces, then the faces' {@link FaceHistogram}s (3,776 bytes each) deflated: 8 faces take about 20 KB, far under
 * the people store's print column (MEDIUMBLOB). Histograms only, never pixels. Stateless.
 */
public final class FaceTemplate {

    public static final int VERSION = 1;
    private static final int MAGIC = 0x50464143; // "PFAC"
    private static final int MAX_FACES = 32;

    private FaceTemplate() {
    }

    public static byte[] encode(List<byte[]> histograms) {
        if (histograms.isEmpty() || histograms.size() > MAX_FACES) {
            throw new IllegalArgumentException("a face template holds 1 to " + MAX_FACES + " faces, not " + histograms.size());
        }
        byte[] joined = new byte[histograms.size() * FaceHistogram.LENGTH];
        for (int i = 0; i < histograms.size(); i++) {
            byte[] histogram = histograms.get(i);
            if (histogram.length != FaceHistogram.LENGTH) {
                throw new IllegalArgumentException("a face histogram of " + histogram.length + " bytes, not " + FaceHistogram.LENGTH);
            }
            System.arraycopy(histogram, 0, joined, i * FaceHistogram.LENGTH, FaceHistogram.LENGTH);
        }
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(joined);
        deflater.finish();
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            packed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream(packed.size() + 12);
        try (DataOutputStream data = new DataOutputStream(out)) {
            data.writeInt(MAGIC);
            data.writeByte(VERSION);
            data.writeByte(FaceHistogram.GRID);
            data.writeByte(FaceHistogram.BINS);
            data.writeByte(histograms.size());
            packed.writeTo(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Whether {@code template} is a face template of this version. */
    public static boolean isCurrent(byte[] template) {
        return template.length > 8 && readInt(template) == MAGIC && template[4] == VERSION
                && template[5] == FaceHistogram.GRID && template[6] == FaceHistogram.BINS;
    }

    /** The decoded histograms of a template. */
    public static List<float[]> decode(byte[] template) {
        if (!isCurrent(template)) {
            throw new IncompatiblePrintException("this is not a face template of version " + VERSION + " (made by another reader, "
                    + "or by another version of the face reader): enrol the face again");
        }
        int count = template[7] & 0xFF;
        byte[] joined = new byte[count * FaceHistogram.LENGTH];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(template, 8, template.length - 8);
            int read = 0;
            while (read < joined.length && !inflater.finished()) {
                int n = inflater.inflate(joined, read, joined.length - read);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                read += n;
            }
            if (read != joined.length) {
                throw new IncompatiblePrintException("the face template is cut short (" + read + " of " + joined.length + " bytes): enrol the face again");
            }
        } catch (DataFormatException e) {
            throw new IncompatiblePrintException("the face template is damaged (" + e.getMessage() + "): enrol the face again", e);
        } finally {
            inflater.end();
        }
        List<float[]> faces = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            faces.add(FaceHistogram.decode(java.util.Arrays.copyOfRange(joined, i * FaceHistogram.LENGTH, (i + 1) * FaceHistogram.LENGTH)));
        }
        return faces;
    }

    private static int readInt(byte[] bytes) {
        try {
            return new DataInputStream(new java.io.ByteArrayInputStream(bytes, 0, 4)).readInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
