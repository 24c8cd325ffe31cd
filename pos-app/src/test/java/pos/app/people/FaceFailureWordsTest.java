package pos.app.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.core.biometric.AmbiguousMatchException;
import pos.core.biometric.DriverCrashedException;
import pos.core.biometric.NoReaderException;
import pos.core.biometric.ReaderBusyException;
import pos.core.biometric.ReaderTimeoutException;
import pos.core.biometric.ScanPrompt;
import pos.core.biometric.ScanRetryException;
import pos.core.biometric.WorkerCrashedException;

/**
 * What the clerk reads when a look at the camera fails (issue 16, R18): each failure the face reader raises, as it
 * raises it, in both languages, speaks of the face or the camera, never of a finger or a fingerprint reader (a till
 * with face may have no fingerprint reader at all).
 */
class FaceFailureWordsTest {

    static List<Throwable> faceFailures() {
        return List.of(
                AmbiguousMatchException.ofFace(0, 3),
                new DriverCrashedException("the face reader's OpenCV crashed (SIGSEGV, exit status 139); it was restarted,"
                        + " please look at the camera again"),
                new WorkerCrashedException("the face worker (pid 4242) stopped: its output broke (face worker frame of -1"
                        + " bytes (limit 67108864): the stream is garbled), exit status 1; it is restarted on the next call"),
                new ReaderTimeoutException("no usable face in front of the camera within 8 s"),
                new NoReaderException("no face recognition: no camera found"),
                new ReaderBusyException("the face reader is already scanning"),
                new ScanRetryException(ScanPrompt.RETRY_FACE_LIGHT),
                new ScanRetryException(ScanPrompt.RETRY_FACE_LOOK_STRAIGHT),
                new IllegalStateException("a bug"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            en-US ; (?i).*(face|camera).* ; (?i).*finger.*
            zh-CN ; .*(脸|摄像头).*      ; .*指纹.*
            """)
    @DisplayName("R18 issue 16: every face failure the clerk reads says face or camera, never finger or fingerprint reader")
    void faceFailuresSpeakOfTheFaceNeverTheFinger(String tag, String faceWords, String fingerWords) {
        Locale locale = Locale.forLanguageTag(tag);
        PeopleText words = new PeopleText(pos.app.i18n.Texts.forLocale(locale), locale);
        for (Throwable failure : faceFailures()) {
            String sentence = words.faceFailure(new CompletionException(failure));
            assertThat(sentence).as("%s in %s", failure, tag).matches(faceWords).doesNotMatch(fingerWords)
                    .doesNotContain("face.failed", "finger.");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            en-US
            zh-CN
            """)
    @DisplayName("R18 issue 16: a face close to two people is told as a face, not as a finger, down to its exception's message")
    void anAmbiguousFaceIsAFaceDownToItsMessage(String tag) {
        AmbiguousMatchException ambiguous = AmbiguousMatchException.ofFace(0, 3);
        assertThat(ambiguous.getMessage()).contains("face").doesNotContain("finger");
        assertThat(ambiguous.first()).isZero();
        assertThat(ambiguous.second()).isEqualTo(3);
        assertThat(new AmbiguousMatchException(1, 2).getMessage()).as("the finger's stays the finger's").contains("finger");
        Locale locale = Locale.forLanguageTag(tag);
        PeopleText words = new PeopleText(pos.app.i18n.Texts.forLocale(locale), locale);
        assertThat(words.faceFailure(ambiguous)).isEqualTo(words.format("face.failed.ambiguous"));
    }
}
