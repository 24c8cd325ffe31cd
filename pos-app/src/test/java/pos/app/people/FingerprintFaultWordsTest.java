package pos.app.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.core.biometric.DriverCrashedException;
import pos.core.biometric.ScanPrompt;
import pos.core.biometric.ScanRetryException;
import pos.core.biometric.UnreadableImageException;

/**
 * Issue 15, item 5: what the clerk reads, in English and Chinese, for each bad image the reader was tried with.
 * What the device reports for each case (the exception, the prompt key) is asserted end to end in pos-device's
 * LibfprintBadImagesTest; here it becomes the sentence.
 */
@DisplayName("R18 the reader's bad images in the clerk's words (issue 15)")
class FingerprintFaultWordsTest {

    static final PeopleText ENGLISH = new PeopleText(pos.app.i18n.Texts.forLocale(Locale.US), Locale.US);
    static final PeopleText CHINESE = new PeopleText(pos.app.i18n.Texts.forLocale(Locale.SIMPLIFIED_CHINESE),
            Locale.SIMPLIFIED_CHINESE);

    static Throwable failure(String device) {
        return switch (device) {
            // the device's message is IT's detail (signal, exit status, report): it stays in the log
            case "DriverCrashedException" -> new CompletionException(new DriverCrashedException("the fingerprint reader's "
                    + "driver crashed (SIGSEGV in libfprint-2.so.2+0x53371, report in /var/lib/pos/logs/"
                    + "fingerprint-worker-hs_err_pid4242.log, exit status 134 (SIGABRT))"));
            case "UnreadableImageException" -> new UnreadableImageException("the fingerprint reader could not read the image "
                    + "it was given (verify: its driver was still working on it after 30 s); its driver was restarted");
            default -> new CompletionException(new ScanRetryException(ScanPrompt.valueOf(device)));
        };
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            DriverCrashedException   | The fingerprint reader's driver crashed on that image; it has been restarted. Press again. | 指纹仪驱动在读取这张图像时崩溃，已重新启动。请再按一次。
            RETRY_NOT_A_FINGERPRINT  | That was not a fingerprint: press again                                                    | 这不是指纹：请再按一次
            UnreadableImageException | The fingerprint reader could not read that image. Press again.                             | 指纹仪无法读取这张图像。请再按一次。
            RETRY_NOT_CLEAR          | Press again: that was not a clear fingerprint                                              | 请再按一次：刚才的指纹不清晰
            RETRY_PRESS_FIRMER       | Press again, a little firmer                                                               | 请再按一次，稍微用力一点
            """)
    void eachBadImageHasAShortTrueSentence(String device, String english, String chinese) {
        Throwable failure = failure(device);
        assertThat(ENGLISH.failure(failure)).isEqualTo(english);
        assertThat(CHINESE.failure(failure)).isEqualTo(chinese);
    }

    @ParameterizedTest(name = "enrolment: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            RETRY_NOT_CLEAR         | Press again: that was not a clear fingerprint | 请再按一次：刚才的指纹不清晰
            RETRY_PRESS_FIRMER      | Press again, a little firmer                  | 请再按一次，稍微用力一点
            RETRY_NOT_A_FINGERPRINT | That was not a fingerprint: press again       | 这不是指纹：请再按一次
            """)
    void aRefusedEnrolmentScanAsksAgain(ScanPrompt prompt, String english, String chinese) {
        assertThat(ENGLISH.prompt(prompt)).isEqualTo(english).isEqualTo(prompt.sentence());
        assertThat(CHINESE.prompt(prompt)).isEqualTo(chinese);
    }
}
