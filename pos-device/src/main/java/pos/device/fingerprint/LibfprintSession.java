package pos.device.fingerprint;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import pos.core.biometric.BiometricException;
import pos.core.biometric.FingerPrint;
import pos.core.biometric.IncompatiblePrintException;
import pos.core.biometric.NoReaderException;
import pos.core.biometric.ReaderBusyException;
import pos.core.biometric.ReaderDevice;
import pos.core.biometric.ReaderErrorException;
import pos.core.biometric.ScanCancelledException;
import pos.core.biometric.ScanPrompt;
import pos.core.biometric.ScanRetryException;

/**
 * libfprint-2 driven in this process through JNA: one FpContext, the first (or a chosen) reader opened, and
 * enrol / verify / identify / capture as blocking calls. Every GObject it creates is unreffed and every
 * GError freed before a call returns; a GError becomes the matching {@link BiometricException}.
 *
 * <p>Must run in a process that does not also run JavaFX (DESIGN §7: the *_sync calls iterate GLib's global
 * default main context): the till uses it only inside {@link FingerprintWorkerMain}; the benchmark uses it
 * directly as the raw baseline. Not thread-safe: one thread drives it, except {@link #cancel()}, which any
 * thread may call (g_cancellable_cancel is thread-safe).
 */
public final class LibfprintSession implements AutoCloseable {

    private static final int FINGER_STATUS_NEEDED = 1;
    private static final int FINGER_STATUS_PRESENT = 2;
    private static final int DEVICE_ERROR_BUSY = 4;
    private static final int DEVICE_ERROR_REMOVED = 0x100; // FP_DEVICE_ERROR_REMOVED
    private static final int G_IO_ERROR_CANCELLED = 19;

    private final Native.Fprint fp;
    private final Native.GLib g;
    private final Pointer context;
    private Pointer device;
    private ReaderDevice deviceInfo;
    private volatile Pointer cancellable;

    private LibfprintSession(Native.Fprint fp, Native.GLib g, Pointer context) {
        this.fp = fp;
        this.g = g;
        this.context = context;
    }

    /**
     * Loads libfprint-2 and creates its context (which enumerates the readers; FP_VIRTUAL_IMAGE must be set in
     * the environment before this for the virtual device).
     *
     * @throws NoReaderException when libfprint-2 is not installed
     */
    public static LibfprintSession create() {
        Native.Fprint fp;
        try {
            fp = Native.fprint();
        } catch (UnsatisfiedLinkError e) {
            throw new NoReaderException("libfprint-2 is not installed (sudo apt-get install libfprint-2-2)", e);
        }
        Native.GLib g = Native.glib();
        Pointer context = fp.fp_context_new();
        if (context == null) {
            throw new ReaderErrorException("libfprint could not create its context");
        }
        return new LibfprintSession(fp, g, context);
    }

    /**
     * Points libfprint's virtual_image driver at {@code socket} (FP_VIRTUAL_IMAGE) in this process's
     * environment; call before {@link #create()}.
     */
    public static void useVirtualImageSocket(java.nio.file.Path socket) {
        if (Native.clib().setenv("FP_VIRTUAL_IMAGE", socket.toString(), 1) != 0) {
            throw new ReaderErrorException("could not set FP_VIRTUAL_IMAGE for the virtual fingerprint reader");
        }
    }

    /** The readers libfprint knows now (enumerates again, so a reader plugged in since shows up). */
    public List<ReaderDevice> devices() {
        fp.fp_context_enumerate(context);
        List<ReaderDevice> found = new ArrayList<>();
        for (Pointer each : devicePointers()) {
            found.add(describe(each));
        }
        return found;
    }

    private List<Pointer> devicePointers() {
        Pointer array = fp.fp_context_get_devices(context);
        List<Pointer> pointers = new ArrayList<>();
        if (array == null) {
            return pointers;
        }
        Pointer data = array.getPointer(0);
        int length = array.getInt(Native.POINTER_SIZE);
        for (int i = 0; i < length; i++) {
            pointers.add(data.getPointer((long) i * Native.POINTER_SIZE));
        }
        return pointers;
    }

    private ReaderDevice describe(Pointer each) {
        return new ReaderDevice(fp.fp_device_get_driver(each), fp.fp_device_get_device_id(each),
                fp.fp_device_get_name(each), fp.fp_device_get_nr_enroll_stages(each), fp.fp_device_supports_identify(each));
    }

    /**
     * Opens the reader with this device id, or the first one when {@code deviceId} is null.
     *
     * @throws NoReaderException when there is no (such) reader
     */
    public ReaderDevice open(String deviceId) {
        if (device != null) {
            return deviceInfo;
        }
        fp.fp_context_enumerate(context);
        for (Pointer each : devicePointers()) {
            if (deviceId == null || deviceId.equals(fp.fp_device_get_device_id(each))) {
                PointerByReference error = new PointerByReference();
                if (!fp.fp_device_open_sync(each, null, error)) {
                    throw failure("opening the fingerprint reader " + fp.fp_device_get_name(each), error);
                }
                device = each;
                deviceInfo = describe(each);
                return deviceInfo;
            }
        }
        throw new NoReaderException(deviceId == null ? "no fingerprint reader is plugged in"
                : "the fingerprint reader " + deviceId + " is not plugged in");
    }

    /** The open reader. */
    public ReaderDevice device() {
        requireOpen();
        return deviceInfo;
    }

    /**
     * Enrols a finger in {@link ReaderDevice#enrollStages()} scans. Issue 15: every stage's image is measured
     * ({@link PressQuality}); a stage without clear ridges (noise, bytes that are no picture, a smear, a faint
     * touch) is refused with a retry prompt and not counted. libfprint has counted it, so when one was refused the
     * kept stages are put together into the template ({@link #template(List)}) and libfprint is asked for more
     * stages until there are enough.
     */
    public FingerPrint enroll(ScanEvents events) {
        requireOpen();
        int stages = deviceInfo.enrollStages();
        List<byte[]> kept = new ArrayList<>();
        int[] refused = {0};
        boolean[] untracked = {false};
        boolean[] enough = {false};
        Native.EnrollProgressCallback progress = (dev, completed, print, data, error) -> {
            if (error != null) {
                events.prompt(ScanPrompt.forRetryCode(error.getInt(4)));
                return;
            }
            if (enough[0]) {
                return;
            }
            PressQuality quality = print == null ? null : qualityOf(print);
            if (quality == null) { // no image behind this print (a match-on-chip reader): libfprint's count stands
                untracked[0] = true;
                events.stage(completed, stages);
                return;
            }
            ScanPrompt retry = quality.retryPrompt();
            if (retry != null) {
                refused[0]++;
                System.err.println("fingerprint worker: enrolment scan refused, not counted (" + quality + ")");
                events.prompt(retry);
                return;
            }
            try {
                kept.add(serializeBytes(print, "serializing an enrolment scan"));
            } catch (BiometricException e) { // never out of a native callback: libfprint's own count stands then
                System.err.println("fingerprint worker: " + e.getMessage() + "; the enrolment goes on without the quality check");
                untracked[0] = true;
                events.stage(completed, stages);
                return;
            }
            events.stage(kept.size(), stages);
            if (kept.size() >= stages && refused[0] > 0) {
                enough[0] = true; // libfprint still counts a refused scan among its stages: stop it here
                cancel();
            }
        };
        ScanEvents untilEnough = new ScanEvents() { // after our own cancel, libfprint's last "place finger" is moot
            @Override
            public void prompt(ScanPrompt prompt) {
                if (!enough[0]) {
                    events.prompt(prompt);
                }
            }
        };
        return scanning(untilEnough, () -> {
            while (true) {
                PointerByReference error = new PointerByReference();
                // the template is floating: enrol sinks it and returns it; only the returned print is ours
                Pointer template = fp.fp_print_new(device);
                Pointer print = fp.fp_device_enroll_sync(device, template, cancellable, progress, null, error);
                if (print == null) {
                    if (enough[0]) {
                        freeError(error); // our own cancel, once the kept stages were enough
                        return template(kept.subList(0, stages));
                    }
                    throw failure("enrolling a finger", error);
                }
                try {
                    if (refused[0] == 0 || untracked[0]) {
                        return serialize(print);
                    }
                    if (kept.size() >= stages) {
                        return template(kept.subList(0, stages));
                    }
                } finally {
                    g.g_object_unref(print);
                }
                // libfprint finished with refused scans among its stages: ask for the ones still missing
            }
        });
    }

    /** Issue 15: the quality of the image {@code print} was made from, or null when libfprint kept no image. */
    private PressQuality qualityOf(Pointer print) {
        Pointer image = fp.fp_print_get_image(print);
        if (image == null) {
            return null;
        }
        int width = fp.fp_image_get_width(image);
        int height = fp.fp_image_get_height(image);
        LongByReference length = new LongByReference();
        Pointer data = fp.fp_image_get_data(image, length);
        if (data == null || length.getValue() < (long) width * height) {
            return null;
        }
        return PressQuality.of(data.getByteArray(0, width * height), width, height);
    }

    /**
     * Issue 15: a press that matched nobody, looked at once more: too faint or too small (or no fingerprint at all)
     * is a retry with what to do, not "not recognised".
     */
    private void refuseUnclearPress(Pointer scanned, String doing) {
        PressQuality quality = scanned == null ? null : qualityOf(scanned);
        ScanPrompt retry = quality == null ? null : quality.retryPrompt();
        if (retry != null) {
            System.err.println("fingerprint worker: " + doing + ": no match on an unclear press (" + quality + "): asking again");
            throw new ScanRetryException(retry);
        }
    }

    /**
     * Issue 15: one template from the serialized prints of single enrolment scans: the first one's header
     * (type, driver, device, metadata) and every scan's minutiae set, as libfprint's own enrolment puts them
     * together (FP3 + GVariant {@code (issbymsmsia{sv}v)}, the {@code v} holding {@code (a(aiaiai))}).
     */
    private FingerPrint template(List<byte[]> scans) {
        Pointer printType = g.g_variant_type_new("(issbymsmsia{sv}v)");
        List<Pointer> owned = new ArrayList<>();
        List<com.sun.jna.Memory> buffers = new ArrayList<>();
        try {
            List<Pointer> minutiaSets = new ArrayList<>();
            Pointer[] header = new Pointer[9];
            for (byte[] scan : scans) {
                if (scan.length < 4 || scan[0] != 'F' || scan[1] != 'P' || scan[2] != '3') {
                    throw new ReaderErrorException("libfprint wrote an enrolment scan in a format this till does not know");
                }
                com.sun.jna.Memory buffer = new com.sun.jna.Memory(scan.length - 3);
                buffer.write(0, scan, 3, scan.length - 3);
                buffers.add(buffer);
                Pointer print = g.g_variant_ref_sink(g.g_variant_new_from_data(printType, buffer, scan.length - 3, false, null, null));
                owned.add(print);
                if (minutiaSets.isEmpty()) {
                    for (int i = 0; i < header.length; i++) {
                        header[i] = g.g_variant_get_child_value(print, i);
                        owned.add(header[i]);
                    }
                }
                Pointer boxed = g.g_variant_get_child_value(print, 9);
                owned.add(boxed);
                Pointer nested = g.g_variant_get_variant(boxed);
                owned.add(nested);
                Pointer sets = g.g_variant_get_child_value(nested, 0);
                owned.add(sets);
                for (long i = 0, n = g.g_variant_n_children(sets); i < n; i++) {
                    Pointer set = g.g_variant_get_child_value(sets, i);
                    owned.add(set);
                    minutiaSets.add(set);
                }
            }
            Pointer array = g.g_variant_new_array(null, minutiaSets.toArray(new Pointer[0]), minutiaSets.size());
            Pointer nested = g.g_variant_new_tuple(new Pointer[] {array}, 1);
            Pointer[] children = java.util.Arrays.copyOf(header, 10);
            children[9] = g.g_variant_new_variant(nested);
            Pointer whole = g.g_variant_ref_sink(g.g_variant_new_tuple(children, 10));
            owned.add(whole);
            long size = g.g_variant_get_size(whole);
            com.sun.jna.Memory out = new com.sun.jna.Memory(Math.max(1, size));
            g.g_variant_store(whole, out);
            byte[] bytes = new byte[(int) size + 3];
            bytes[0] = 'F';
            bytes[1] = 'P';
            bytes[2] = '3';
            out.read(0, bytes, 3, (int) size);
            FingerPrint candidate = new FingerPrint(bytes, deviceInfo.driver(), deviceInfo.deviceId());
            g.g_object_unref(deserialize(candidate, 0)); // libfprint reads it back and finds it fits this reader
            return candidate;
        } finally {
            for (int i = owned.size() - 1; i >= 0; i--) {
                g.g_variant_unref(owned.get(i));
            }
            g.g_variant_type_free(printType);
            java.lang.ref.Reference.reachabilityFence(buffers);
        }
    }

    /** Reads a finger and compares it with {@code print}. */
    public boolean verify(FingerPrint print, ScanEvents events) {
        requireOpen();
        Pointer enrolled = deserialize(print, 0);
        try {
            return scanning(events, () -> {
                IntByReference matched = new IntByReference();
                PointerByReference scanned = new PointerByReference();
                PointerByReference error = new PointerByReference();
                boolean ok = fp.fp_device_verify_sync(device, enrolled, cancellable, null, null, matched, scanned, error);
                try {
                    if (!ok) {
                        throw failure("verifying a finger", error);
                    }
                    if (matched.getValue() == 0) {
                        refuseUnclearPress(scanned.getValue(), "verify");
                    }
                    return matched.getValue() != 0;
                } finally {
                    unrefIfSet(scanned);
                }
            });
        } finally {
            g.g_object_unref(enrolled);
        }
    }

    /** Reads a finger and returns the index of the matching print in {@code gallery}. */
    public OptionalInt identify(List<FingerPrint> gallery, ScanEvents events) {
        return identifyKeepingProbe(gallery, events).index();
    }

    /** An identify's answer and the print of the press it read (null when libfprint gave none). */
    public record Identified(OptionalInt index, FingerPrint probe) {
    }

    /**
     * {@link #identify} that also hands back the print libfprint read (fp_device_identify_finish's print), serialized,
     * so that the caller can look at its minutiae without asking for the finger again (issue 15).
     */
    public Identified identifyKeepingProbe(List<FingerPrint> gallery, ScanEvents events) {
        requireOpen();
        Pointer array = g.g_ptr_array_new_with_free_func(Native.objectUnrefFunction());
        List<Pointer> prints = new ArrayList<>(gallery.size());
        try {
            for (int i = 0; i < gallery.size(); i++) {
                Pointer each = deserialize(gallery.get(i), i);
                prints.add(each);
                g.g_ptr_array_add(array, each); // the array owns our reference now
            }
            return scanning(events, () -> {
                PointerByReference match = new PointerByReference();
                PointerByReference scanned = new PointerByReference();
                PointerByReference error = new PointerByReference();
                boolean ok = fp.fp_device_identify_sync(device, array, cancellable, null, null, match, scanned, error);
                Pointer found = match.getValue();
                FingerPrint probe;
                try {
                    if (ok && found == null) {
                        refuseUnclearPress(scanned.getValue(), "identify"); // issue 15: "press firmer", not "nobody"
                    }
                    probe = ok && scanned.getValue() != null ? serialize(scanned.getValue()) : null;
                } finally {
                    unrefIfSet(scanned);
                }
                if (!ok) {
                    unrefIfSet(match);
                    throw failure("identifying a finger", error);
                }
                if (found == null) {
                    return new Identified(OptionalInt.empty(), probe);
                }
                g.g_object_unref(found);
                int index = prints.indexOf(found);
                if (index < 0) {
                    throw new ReaderErrorException("libfprint matched a print that is not in the gallery of " + gallery.size());
                }
                return new Identified(OptionalInt.of(index), probe);
            });
        } finally {
            g.g_ptr_array_unref(array);
        }
    }

    /** Whether {@code print} was made by a reader of this type. */
    public boolean isCompatible(FingerPrint print) {
        requireOpen();
        PointerByReference error = new PointerByReference();
        byte[] bytes = print.template();
        Pointer native_ = fp.fp_print_deserialize(bytes, bytes.length, error);
        if (native_ == null) {
            freeError(error);
            return false;
        }
        try {
            return fp.fp_print_compatible(native_, device);
        } finally {
            g.g_object_unref(native_);
        }
    }

    /** Cancels the scan in progress, from any thread. */
    public void cancel() {
        Pointer current = cancellable;
        if (current != null) {
            g.g_cancellable_cancel(current);
        }
    }

    @Override
    public void close() {
        if (device != null) {
            PointerByReference error = new PointerByReference();
            boolean closed = fp.fp_device_close_sync(device, null, error);
            device = null;
            if (!closed) {
                throw failure("closing the fingerprint reader", error);
            }
        }
        g.g_object_unref(context);
    }

    private interface Scan<T> {
        T run();
    }

    /** Runs one scan with a fresh GCancellable and finger-status prompts. */
    private <T> T scanning(ScanEvents events, Scan<T> scan) {
        Pointer scanner = device; // a failure may forget an unplugged device; the handler is still on this one
        int[] lastStatus = {-1};
        Native.NotifyCallback onFingerStatus = (object, spec, data) -> {
            int status = fp.fp_device_get_finger_status(object);
            if (status == lastStatus[0]) {
                return;
            }
            lastStatus[0] = status;
            if ((status & FINGER_STATUS_PRESENT) != 0) {
                events.prompt(ScanPrompt.FINGER_DETECTED);
            } else if ((status & FINGER_STATUS_NEEDED) != 0) {
                events.prompt(ScanPrompt.PLACE_FINGER);
            }
        };
        long handler = g.g_signal_connect_data(scanner, "notify::finger-status", onFingerStatus, null, null, 0);
        Pointer own = g.g_cancellable_new();
        cancellable = own;
        try {
            return scan.run();
        } finally {
            cancellable = null;
            g.g_signal_handler_disconnect(scanner, handler);
            g.g_object_unref(own);
            // keeps the callback reachable until libfprint can no longer call it
            java.lang.ref.Reference.reachabilityFence(onFingerStatus);
        }
    }

    private FingerPrint serialize(Pointer print) {
        return new FingerPrint(serializeBytes(print, "serializing the enrolled print"), fp.fp_print_get_driver(print),
                fp.fp_print_get_device_id(print));
    }

    private byte[] serializeBytes(Pointer print, String doing) {
        PointerByReference data = new PointerByReference();
        LongByReference length = new LongByReference();
        PointerByReference error = new PointerByReference();
        if (!fp.fp_print_serialize(print, data, length, error)) {
            throw failure(doing, error);
        }
        try {
            return data.getValue().getByteArray(0, (int) length.getValue());
        } finally {
            g.g_free(data.getValue());
        }
    }

    /** A full reference to a native print for {@code print}; checks it suits this reader. */
    private Pointer deserialize(FingerPrint print, int index) {
        byte[] bytes = print.template();
        PointerByReference error = new PointerByReference();
        Pointer native_ = fp.fp_print_deserialize(bytes, bytes.length, error);
        if (native_ == null) {
            String why = errorMessage(error);
            throw new IncompatiblePrintException("stored print #" + index + " (" + print + ") cannot be read by libfprint ("
                    + why + "): enrol the finger again");
        }
        if (!fp.fp_print_compatible(native_, device)) {
            g.g_object_unref(native_);
            throw new IncompatiblePrintException("stored print #" + index + " was made by the " + print.driver()
                    + " driver, not by this reader's " + deviceInfo.driver() + " driver: enrol the finger again on this reader");
        }
        return native_;
    }

    private void requireOpen() {
        if (device == null) {
            throw new NoReaderException("no fingerprint reader is open");
        }
    }

    private void unrefIfSet(PointerByReference reference) {
        if (reference.getValue() != null) {
            g.g_object_unref(reference.getValue());
        }
    }

    private String errorMessage(PointerByReference error) {
        Pointer gerror = error.getValue();
        if (gerror == null) {
            return "no reason given";
        }
        try {
            Pointer message = gerror.getPointer(8);
            return message == null ? "no reason given" : message.getString(0);
        } finally {
            g.g_error_free(gerror);
        }
    }

    private void freeError(PointerByReference error) {
        if (error.getValue() != null) {
            g.g_error_free(error.getValue());
        }
    }

    /** Turns the GError of a failed call into the exception for the caller, and frees it. */
    private BiometricException failure(String doing, PointerByReference error) {
        Pointer gerror = error.getValue();
        if (gerror == null) {
            return new ReaderErrorException(doing + " failed without a reason from libfprint");
        }
        int domain = gerror.getInt(0);
        int code = gerror.getInt(4);
        Pointer messagePointer = gerror.getPointer(8);
        String message = messagePointer == null ? "" : messagePointer.getString(0);
        String domainName = g.g_quark_to_string(domain);
        g.g_error_free(gerror);
        if (domain == fp.fp_device_retry_quark()) {
            return new ScanRetryException(ScanPrompt.forRetryCode(code));
        }
        if ("g-io-error-quark".equals(domainName) && code == G_IO_ERROR_CANCELLED) {
            return new ScanCancelledException("the scan was cancelled (" + doing + ")");
        }
        if (domain == fp.fp_device_error_quark()) {
            if (code == DEVICE_ERROR_BUSY) {
                return new ReaderBusyException("the fingerprint reader is busy (" + doing + "): " + message);
            }
            if (code == DEVICE_ERROR_REMOVED) {
                device = null; // gone from the context: the next call looks for a reader again
                return new NoReaderException("the fingerprint reader was unplugged (" + doing + ")");
            }
            return new ReaderErrorException("the fingerprint reader failed while " + doing + ": " + message
                    + " (libfprint device error " + code + ")");
        }
        return new ReaderErrorException("the fingerprint reader failed while " + doing + ": " + message
                + " (" + domainName + " " + code + ")");
    }
}
