package pos.core.biometric;

import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * A fingerprint reader (DESIGN R18): enrols a finger into a {@link FingerPrint}, verifies a finger against one
 * print (clerk sign-in, supervisor approval) and identifies a finger among many (member pay, 1:N).
 *
 * <p>Every scanning call blocks the calling thread until the finger was read, the call timed out or it was
 * {@linkplain #cancel() cancelled}: never call it on the JavaFX thread. Prompts for the clerk ("place finger",
 * "centre your finger", "remove finger") arrive on the listener, on a thread of the adapter's choosing.
 * One scanning call at a time: a second concurrent call fails with {@link ReaderBusyException}.
 *
 * <p>A till without a reader (library not installed, nothing plugged in) is a normal state, not an error:
 * {@link #status()} says so and the scanning calls throw {@link NoReaderException}. Implementations are
 * thread-safe.
 */
public interface BiometricReader extends AutoCloseable {

    /** Starts the reader (never throws for a missing reader: see {@link #status()}). */
    void start();

    /** The reader's current state as a sentence for settings and the sign-in screen. Never throws. */
    ReaderStatus status();

    /**
     * The readers currently plugged in (re-enumerated on each call, so a reader plugged in later shows up);
     * empty when there is none or the driver stack is missing.
     */
    List<ReaderDevice> devices();

    /**
     * Enrols a finger: the reader asks for the finger {@code stages} times (5 for image sensors).
     *
     * @param progress receives every completed stage and every prompt/retry (e.g. "centre your finger")
     * @return the new print, bound to this reader's driver and device
     * @throws NoReaderException no reader; {@link ReaderErrorException} the device failed;
     *     {@link ReaderTimeoutException} no finger in time; {@link ScanCancelledException} cancelled
     */
    FingerPrint enroll(Consumer<EnrollProgress> progress);

    /**
     * Reads one finger and compares it with {@code print} (1:1).
     *
     * @return true when the finger matches
     * @throws IncompatiblePrintException the print was made by another type of reader (re-enrol it)
     * @throws ScanRetryException the finger was read badly; the exception's prompt says what to do
     */
    boolean verify(FingerPrint print, Consumer<ScanPrompt> prompts);

    /**
     * Reads one finger and looks for it among {@code gallery} (1:N), every print someone else's: the same as
     * {@link #identify(List, List, Consumer)} with each print its own owner.
     *
     * @return the index of the matching print in {@code gallery}, or empty when none matches
     * @throws IncompatiblePrintException a print in the gallery was made by another type of reader
     * @throws AmbiguousMatchException two prints of the gallery match the finger
     */
    default OptionalInt identify(List<FingerPrint> gallery, Consumer<ScanPrompt> prompts) {
        return identify(gallery, java.util.stream.IntStream.range(0, gallery.size()).boxed().toList(), prompts);
    }

    /**
     * Reads one finger and finds whose it is among {@code gallery} (1:N); {@code owners.get(i)} says whose print
     * {@code i} is (a person may have several fingers enrolled, or one finger twice), compared with equals. A
     * match must be unambiguous: when prints of two different owners pass, nobody is named.
     *
     * @return the index of a matching print in {@code gallery}, or empty when none matches
     * @throws IncompatiblePrintException a print in the gallery was made by another type of reader
     * @throws AmbiguousMatchException prints of two different owners match the finger
     */
    OptionalInt identify(List<FingerPrint> gallery, List<?> owners, Consumer<ScanPrompt> prompts);

    /**
     * Whether this reader can use {@code print} (same driver and device type, fp_print_compatible); false
     * means the person must re-enrol on this reader.
     */
    boolean isCompatible(FingerPrint print);

    /** Cancels the scanning call in progress, if any; that call ends with {@link ScanCancelledException}. */
    void cancel();

    /** Stops the reader and releases the driver. */
    @Override
    void close();
}
