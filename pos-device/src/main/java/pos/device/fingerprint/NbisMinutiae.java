package pos.device.fingerprint;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The minutiae inside a print serialized by libfprint ({@code fp_print_serialize}): "FP1" (or "FP3", as 1.94.5
 * writes) and a little-endian GVariant of type
 * {@code (issbymsmsia{sv}v)} whose last member holds, for a print of libfprint's image readers (NBIS, type 2), a
 * {@code (a(aiaiai))}: per sample the x, y and theta columns of NBIS's xyt (origin at the bottom left, y up, theta
 * in degrees counter-clockwise, -180..180, 500 dpi). Read through GLib's own GVariant code over JNA (GLib only, no
 * libfprint: the till's process may read it). Thread-safe (GLib's GVariant calls are).
 */
final class NbisMinutiae {

    /** libfprint's FPI_PRINT_NBIS. */
    private static final int PRINT_NBIS = 2;
    private static final String PRINT_TYPE = "(issbymsmsia{sv}v)";
    private static final String NBIS_DATA = "(a(aiaiai))";

    /** One sample (one press of the enrolment, or the probe): parallel columns. */
    record Sample(int[] x, int[] y, int[] theta) {
        int count() {
            return x.length;
        }
    }

    /** GLib's GVariant calls used here. */
    interface GVariants extends Library {
        Pointer g_bytes_new(byte[] data, long size);

        void g_bytes_unref(Pointer bytes);

        Pointer g_variant_new_from_bytes(String type, Pointer bytes, boolean trusted);

        Pointer g_variant_ref_sink(Pointer value);

        void g_variant_unref(Pointer value);

        long g_variant_n_children(Pointer value);

        Pointer g_variant_get_child_value(Pointer value, long index);

        Pointer g_variant_get_variant(Pointer value);

        String g_variant_get_type_string(Pointer value);

        int g_variant_get_int32(Pointer value);

        Pointer g_variant_get_fixed_array(Pointer value, LongByReference elements, long elementSize);
    }

    private static volatile GVariants glib;

    private NbisMinutiae() {
    }

    private static synchronized GVariants glib() {
        if (glib == null) {
            glib = com.sun.jna.Native.load(Native.LIBGLIB, GVariants.class);
        }
        return glib;
    }

    /**
     * The samples of {@code serialized}, or empty when it is not an NBIS print of libfprint (another kind of reader,
     * a print matched on the chip, or a format this code does not know); GLib missing is empty too.
     */
    static Optional<List<Sample>> read(byte[] serialized) {
        if (serialized.length < 4 || serialized[0] != 'F' || serialized[1] != 'P' || serialized[2] != '1' && serialized[2] != '3') {
            return Optional.empty();
        }
        GVariants g;
        try {
            g = glib();
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("GLib (" + Native.LIBGLIB + ") cannot be loaded to read a fingerprint's minutiae", e);
        }
        byte[] body = java.util.Arrays.copyOfRange(serialized, 3, serialized.length);
        Pointer bytes = g.g_bytes_new(body, body.length);
        Pointer print = g.g_variant_ref_sink(g.g_variant_new_from_bytes(PRINT_TYPE, bytes, false));
        g.g_bytes_unref(bytes);
        try {
            if (g.g_variant_n_children(print) != 10) {
                return Optional.empty();
            }
            Pointer type = g.g_variant_get_child_value(print, 0);
            int printType = g.g_variant_get_int32(type);
            g.g_variant_unref(type);
            if (printType != PRINT_NBIS) {
                return Optional.empty();
            }
            Pointer boxed = g.g_variant_get_child_value(print, 9);
            Pointer data = g.g_variant_get_variant(boxed);
            g.g_variant_unref(boxed);
            try {
                if (!NBIS_DATA.equals(g.g_variant_get_type_string(data))) {
                    return Optional.empty();
                }
                Pointer samples = g.g_variant_get_child_value(data, 0);
                try {
                    long count = g.g_variant_n_children(samples);
                    List<Sample> read = new ArrayList<>((int) count);
                    for (long i = 0; i < count; i++) {
                        Pointer sample = g.g_variant_get_child_value(samples, i);
                        try {
                            int[] x = ints(g, sample, 0);
                            int[] y = ints(g, sample, 1);
                            int[] theta = ints(g, sample, 2);
                            if (x.length != y.length || x.length != theta.length) {
                                return Optional.empty();
                            }
                            read.add(new Sample(x, y, theta));
                        } finally {
                            g.g_variant_unref(sample);
                        }
                    }
                    return read.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(read));
                } finally {
                    g.g_variant_unref(samples);
                }
            } finally {
                g.g_variant_unref(data);
            }
        } finally {
            g.g_variant_unref(print);
        }
    }

    private static int[] ints(GVariants g, Pointer tuple, int index) {
        Pointer column = g.g_variant_get_child_value(tuple, index);
        try {
            LongByReference length = new LongByReference();
            Pointer values = g.g_variant_get_fixed_array(column, length, Integer.BYTES);
            int n = (int) length.getValue();
            return n == 0 ? new int[0] : values.getIntArray(0, n);
        } finally {
            g.g_variant_unref(column);
        }
    }
}
