package pos.app.people;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.biometric.AmbiguousMatchException;
import pos.core.biometric.BiometricException;
import pos.core.biometric.DriverCrashedException;
import pos.core.biometric.IncompatiblePrintException;
import pos.core.biometric.NoReaderException;
import pos.core.biometric.ReaderBusyException;
import pos.core.biometric.ReaderErrorException;
import pos.core.biometric.ReaderStatus;
import pos.core.biometric.ReaderTimeoutException;
import pos.core.biometric.ScanPrompt;
import pos.core.biometric.ScanRetryException;
import pos.core.biometric.UnreadableImageException;
import pos.core.biometric.WorkerCrashedException;

/** The people screens' words from the resource bundle: prompts, reader states, scan failures. Stateless. */
final class PeopleText {

    private static final Logger LOG = LoggerFactory.getLogger(PeopleText.class);
    private final ResourceBundle text;
    private final Locale locale;

    PeopleText(ResourceBundle text, Locale locale) {
        this.text = text;
        this.locale = locale;
    }

    String format(String key, Object... args) {
        try {
            return new MessageFormat(text.getString(key), locale).format(args);
        } catch (MissingResourceException e) {
            LOG.error("missing text for key {}", key, e);
            return key;
        }
    }

    /** Whether the bundle has {@code key} (a sentence's variant, e.g. for a till with face and no finger). */
    boolean has(String key) {
        return text.containsKey(key);
    }

    /** Why an approval does not do, in the till's language (issue 14.3). */
    String approvalRequired(pos.core.people.ApprovalRequiredException e) {
        return pos.app.i18n.ForeignSentences.approvalRequired(text, locale, e);
    }

        String prompt(ScanPrompt prompt) {
        return format("finger.prompt." + prompt.name());
    }

    /** "Fingerprint reader ready: …" or "No fingerprint reader (…): sign in with your PIN". */
    String reader(ReaderStatus status) {
        return switch (status.state()) {
            case READY -> format("finger.reader.READY", status.device().name());
            case STOPPED -> format("finger.reader.STOPPED");
            case NO_READER -> format("finger.reader.NO_READER", noReader(status));
            case ERROR -> format("finger.reader.ERROR", status.sentence());
        };
    }

    /** The reader's state for the people window and the status bar: the state and its detail, nothing about PINs. */
    String readerShort(ReaderStatus status) {
        return status.isReady() ? format("finger.reader.READY", status.device().name())
                : status.state() == ReaderStatus.State.NO_READER ? noReader(status)
                : format("finger.state." + status.state().name(), status.sentence());
    }

    /** "No fingerprint reader (libfprint-2 is not installed)" in the till's language; the reason is IT's detail. */
    private String noReader(ReaderStatus status) {
        return format("finger.noReader", status.reason());
    }

    /** Issue 16: the face reader's state for the people window and the status bar, in the till's language. */
    String faceShort(ReaderStatus status) {
        return status.isReady() ? format("face.reader.READY", status.device().name())
                : status.state() == ReaderStatus.State.NO_READER ? format("face.noReader", status.reason())
                : format("face.state." + status.state().name(), status.sentence());
    }

    /** Issue 16: a sentence for the person at the camera about a failed look (never "finger"). */
    String faceFailure(Throwable failure) {
        Throwable cause = cause(failure);
        if (cause instanceof ScanRetryException retry) {
            return prompt(retry.prompt());
        }
        if (cause instanceof NobodyEnrolledException nobody) {
            return format("face.nobody." + nobody.kind().name());
        }
        String key = cause instanceof AmbiguousMatchException ? "face.failed.ambiguous"
                : cause instanceof ReaderTimeoutException ? "face.failed.timeout"
                : cause instanceof NoReaderException ? "face.failed.noReader"
                : cause instanceof BiometricException ? "face.failed.device"
                : "face.failed.unexpected";
        return format(key, String.valueOf(cause.getMessage()));
    }

    /** The cause of a failed scan, unwrapped from the future's wrapper. */
    static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A sentence for the person at the reader about a failed scan. */
    String failure(Throwable failure) {
        Throwable cause = cause(failure);
        if (cause instanceof ScanRetryException retry) {
            return prompt(retry.prompt());
        }
        if (cause instanceof NobodyEnrolledException nobody) {
            return format("finger.nobody." + nobody.kind().name());
        }
        String key = cause instanceof UnreadableImageException ? "finger.failed.unreadable" // issue 15: not "no finger"
                : cause instanceof DriverCrashedException ? "finger.failed.driverCrashed" // issue 15: IT's detail in the log
                : cause instanceof ReaderTimeoutException ? "finger.failed.timeout"
                : cause instanceof NoReaderException ? "finger.failed.noReader"
                : cause instanceof IncompatiblePrintException ? "finger.failed.incompatible"
                : cause instanceof WorkerCrashedException ? "finger.failed.crashed"
                : cause instanceof ReaderBusyException ? "finger.failed.busy"
                : cause instanceof AmbiguousMatchException ? "finger.failed.ambiguous"
                : cause instanceof ReaderErrorException || cause instanceof BiometricException ? "finger.failed.device"
                : "finger.failed.unexpected";
        return format(key, String.valueOf(cause.getMessage()));
    }
}
