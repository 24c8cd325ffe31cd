package pos.core.biometric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FingerPrintTest {

    @Test
    @DisplayName("R18 a print shows its size and driver, never its bytes")
    void toStringShowsOnlySizeAndDriver() {
        FingerPrint print = new FingerPrint("SECRET-MINUTIAE".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "elan", "1-2");
        assertThat(print.toString()).isEqualTo("FingerPrint[15 bytes, driver elan]").doesNotContain("SECRET");
    }

    @Test
    void theTemplateIsCopiedInAndOut() {
        byte[] bytes = {1, 2, 3};
        FingerPrint print = new FingerPrint(bytes, "elan", "0");
        bytes[0] = 9;
        print.template()[1] = 9;
        assertThat(print.template()).containsExactly(1, 2, 3);
        assertThat(print).isEqualTo(new FingerPrint(new byte[] {1, 2, 3}, "elan", "0"));
    }

    @Test
    void anEmptyTemplateIsRefused() {
        assertThatThrownBy(() -> new FingerPrint(new byte[0], "elan", "0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a fingerprint template cannot be empty");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            0, RETRY_GENERAL,       'The scan did not work, please place your finger again'
            1, RETRY_TOO_SHORT,     'Swipe again, a little slower'
            2, RETRY_CENTER_FINGER, Centre your finger on the reader and try again
            3, RETRY_REMOVE_FINGER, Remove your finger and try again
            9, RETRY_GENERAL,       'The scan did not work, please place your finger again'
            """)
    @DisplayName("R18 libfprint's retry codes become prompts for the clerk")
    void retryCodesBecomePrompts(int code, ScanPrompt prompt, String sentence) {
        assertThat(ScanPrompt.forRetryCode(code)).isEqualTo(prompt);
        assertThat(prompt.sentence()).isEqualTo(sentence);
        assertThat(prompt.isRetry()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            0, PLACE_FINGER,        Place finger 1 of 5
            2, PLACE_FINGER,        Place finger 3 of 5
            3, REMOVE_FINGER,       Remove your finger
            3, RETRY_CENTER_FINGER, Centre your finger on the reader and try again
            """)
    @DisplayName("R18 enrolment progress reads 'place finger n of 5'")
    void enrolmentProgressSentences(int completed, ScanPrompt prompt, String sentence) {
        assertThat(new EnrollProgress(completed, 5, prompt).sentence()).isEqualTo(sentence);
    }

    @Test
    void noReaderStatusSaysSo() {
        ReaderStatus status = ReaderStatus.noReader("libfprint-2 is not installed");
        assertThat(status.sentence()).isEqualTo("No fingerprint reader (libfprint-2 is not installed)");
        assertThat(status.isReady()).isFalse();
        assertThat(status.readerDevice()).isEmpty();
    }
}
