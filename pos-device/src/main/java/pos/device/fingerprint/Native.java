package pos.device.fingerprint;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * JNA bindings to libfprint-2 (1.94) and the few GLib/GObject calls it needs. Loaded by their sonames because
 * Debian ships no unversioned libfprint-2.so without the -dev package. Only the worker process and the
 * in-process benchmark baseline use these (DESIGN §7: the *_sync calls iterate GLib's default main context).
 * Not thread-safe: libfprint is driven from one thread.
 */
final class Native {

    static final String LIBFPRINT = "libfprint-2.so.2";
    static final String LIBGLIB = "libglib-2.0.so.0";
    static final String LIBGOBJECT = "libgobject-2.0.so.0";
    static final int POINTER_SIZE = com.sun.jna.Native.POINTER_SIZE;

    private Native() {
    }

    /** libfprint-2's public C API (fprint.h), the calls the reader uses. */
    interface Fprint extends Library {
        Pointer fp_context_new();

        void fp_context_enumerate(Pointer context);

        /** (transfer none) GPtrArray of FpDevice owned by the context. */
        Pointer fp_context_get_devices(Pointer context);

        String fp_device_get_driver(Pointer device);

        String fp_device_get_device_id(Pointer device);

        String fp_device_get_name(Pointer device);

        int fp_device_get_nr_enroll_stages(Pointer device);

        boolean fp_device_supports_identify(Pointer device);

        boolean fp_device_is_open(Pointer device);

        int fp_device_get_finger_status(Pointer device);

        boolean fp_device_open_sync(Pointer device, Pointer cancellable, PointerByReference error);

        boolean fp_device_close_sync(Pointer device, Pointer cancellable, PointerByReference error);

        /** template_print is (transfer floating): only the returned print is ours to unref. */
        Pointer fp_device_enroll_sync(Pointer device, Pointer templatePrint, Pointer cancellable,
                EnrollProgressCallback progress, Pointer progressData, PointerByReference error);

        boolean fp_device_verify_sync(Pointer device, Pointer enrolledPrint, Pointer cancellable,
                MatchCallback match, Pointer matchData, IntByReference matched, PointerByReference scanned,
                PointerByReference error);

        boolean fp_device_identify_sync(Pointer device, Pointer prints, Pointer cancellable,
                MatchCallback match, Pointer matchData, PointerByReference matchedPrint, PointerByReference scanned,
                PointerByReference error);

        Pointer fp_device_capture_sync(Pointer device, boolean waitForFinger, Pointer cancellable,
                PointerByReference error);

        Pointer fp_print_new(Pointer device);

        boolean fp_print_serialize(Pointer print, PointerByReference data, LongByReference length,
                PointerByReference error);

        Pointer fp_print_deserialize(byte[] data, long length, PointerByReference error);

        boolean fp_print_compatible(Pointer print, Pointer device);

        String fp_print_get_driver(Pointer print);

        String fp_print_get_device_id(Pointer print);

        /** Issue 15: (transfer none) the image a print was made from, or null. */
        Pointer fp_print_get_image(Pointer print);

        int fp_image_get_width(Pointer image);

        int fp_image_get_height(Pointer image);

        /** (transfer none) the grey bytes, one a pixel. */
        Pointer fp_image_get_data(Pointer image, LongByReference length);

        /** (transfer none) GPtrArray of FpMinutia, or null before detection. */
        Pointer fp_image_get_minutiae(Pointer image);

        int fp_device_error_quark();

        int fp_device_retry_quark();
    }

    /** GLib, GObject and GIO. */
    interface GLib extends Library {
        void g_free(Pointer memory);

        void g_error_free(Pointer error);

        String g_quark_to_string(int quark);

        Pointer g_ptr_array_new_with_free_func(Pointer freeFunction);

        void g_ptr_array_add(Pointer array, Pointer item);

        void g_ptr_array_unref(Pointer array);

        Pointer g_cancellable_new();

        void g_cancellable_cancel(Pointer cancellable);

        void g_object_unref(Pointer object);

        Pointer g_object_ref(Pointer object);

        long g_signal_connect_data(Pointer instance, String detailedSignal, Callback handler, Pointer data,
                Pointer destroyData, int flags);

        void g_signal_handler_disconnect(Pointer instance, long handlerId);

        // issue 15: GVariant, to put a template together from the enrolment stages that were kept
        Pointer g_variant_type_new(String typeString);

        void g_variant_type_free(Pointer type);

        Pointer g_variant_new_from_data(Pointer type, Pointer data, long size, boolean trusted, Pointer notify,
                Pointer userData);

        Pointer g_variant_ref_sink(Pointer value);

        void g_variant_unref(Pointer value);

        long g_variant_n_children(Pointer value);

        Pointer g_variant_get_child_value(Pointer value, long index);

        Pointer g_variant_get_variant(Pointer value);

        Pointer g_variant_new_array(Pointer childType, Pointer[] children, long count);

        Pointer g_variant_new_tuple(Pointer[] children, long count);

        Pointer g_variant_new_variant(Pointer value);

        long g_variant_get_size(Pointer value);

        void g_variant_store(Pointer value, Pointer data);
    }

    /** The C library: environment and file descriptors for the worker process. */
    interface CLib extends Library {
        int setenv(String name, String value, int overwrite);

        int dup(int fd);

        int dup2(int oldFd, int newFd);
    }

    /** The C library. */
    static CLib clib() {
        return com.sun.jna.Native.load("c", CLib.class);
    }

    /** FpEnrollProgress: (device, completed_stages, print, user_data, error). */
    interface EnrollProgressCallback extends Callback {
        void invoke(Pointer device, int completedStages, Pointer print, Pointer userData, Pointer error);
    }

    /** FpMatchCb: (device, match, print, user_data, error). */
    interface MatchCallback extends Callback {
        void invoke(Pointer device, Pointer match, Pointer print, Pointer userData, Pointer error);
    }

    /** GObject "notify" handler: (object, pspec, user_data). */
    interface NotifyCallback extends Callback {
        void invoke(Pointer object, Pointer paramSpec, Pointer userData);
    }

    private static volatile Fprint fprint;
    private static volatile GLib glib;

    /** Loads libfprint-2; throws {@link UnsatisfiedLinkError} when it is not installed. */
    static synchronized Fprint fprint() {
        if (fprint == null) {
            fprint = com.sun.jna.Native.load(LIBFPRINT, Fprint.class);
        }
        return fprint;
    }

    static synchronized GLib glib() {
        if (glib == null) {
            // GLib, GObject and GIO (GCancellable) are three libraries; dlsym through libfprint-2, which links
            // all three, resolves each symbol in its dependencies
            glib = com.sun.jna.Native.load(LIBFPRINT, GLib.class);
        }
        return glib;
    }

    /** g_object_unref as a function pointer, for g_ptr_array_new_with_free_func. */
    static Pointer objectUnrefFunction() {
        return NativeLibrary.getInstance(LIBGOBJECT).getFunction("g_object_unref");
    }
}
