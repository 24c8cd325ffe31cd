package pos.device.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.core.biometric.ScanPrompt;

/** Issue 15: the press measure on drawn images (no libfprint), and the worker's reading of how it ended. */
class PressQualityTest {

    static final int WIDTH = 288;
    static final int HEIGHT = 320;

    /** Straight ridges 9 pixels apart at {@code contrast} around mid grey, over the middle {@code share} of the image. */
    static byte[] ridges(int contrast, double share) {
        byte[] grey = new byte[WIDTH * HEIGHT];
        Arrays.fill(grey, (byte) 255);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                if (Math.abs(x - WIDTH / 2) < WIDTH * share / 2 && Math.abs(y - HEIGHT / 2) < HEIGHT * share / 2) {
                    grey[y * WIDTH + x] = (byte) (128 + contrast * Math.sin(2 * Math.PI * (x + 0.5 * y) / 9));
                }
            }
        }
        return grey;
    }

    @Test
    @DisplayName("R18 a clear, firm press needs nothing more")
    void clearFirmRidgesPass() {
        PressQuality quality = PressQuality.of(ridges(80, 1), WIDTH, HEIGHT);
        assertThat(quality.isFirm()).isTrue();
        assertThat(quality.retryPrompt()).isNull();
    }

    @Test
    @DisplayName("R18 noise and bytes that are no picture are 'not a clear fingerprint'")
    void noiseIsNotClear() {
        byte[] noise = new byte[WIDTH * HEIGHT];
        new Random(7).nextBytes(noise);
        assertThat(PressQuality.of(noise, WIDTH, HEIGHT).retryPrompt()).isEqualTo(ScanPrompt.RETRY_NOT_CLEAR);
        byte[] text = new byte[WIDTH * HEIGHT];
        byte[] words = "not a fingerprint, just some text that someone sent to the reader; ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < text.length; i++) {
            text[i] = words[i % words.length];
        }
        assertThat(PressQuality.of(text, WIDTH, HEIGHT).retryPrompt()).isEqualTo(ScanPrompt.RETRY_NOT_CLEAR);
    }

    @ParameterizedTest(name = "contrast {0} over {1} of the image")
    @CsvSource(textBlock = """
            8,  1.0
            80, 0.3
            0,  1.0
            """)
    @DisplayName("R18 faint, small or empty presses are 'press again, a little firmer'")
    void faintOrSmallPressesAskForAFirmerOne(int contrast, double share) {
        assertThat(PressQuality.of(ridges(contrast, share), WIDTH, HEIGHT).retryPrompt()).isEqualTo(ScanPrompt.RETRY_PRESS_FIRMER);
    }

    @Test
    void anImageShorterThanItsSizeIsRefused() {
        assertThatThrownBy(() -> PressQuality.of(new byte[10], 4, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an image of 4x4 needs 16 bytes, not 10");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0   | exit status 0
            1   | exit status 1
            134 | exit status 134 (SIGABRT)
            137 | exit status 137 (SIGKILL)
            139 | exit status 139 (SIGSEGV)
            255 | exit status 255
            """)
    @DisplayName("R18 how the worker ended: the value, and above 128 the signal that Java folds into it")
    void exitValuesNameTheirSignal(int value, String said) {
        assertThat(FingerprintWorkerClient.describeExitValue(value)).isEqualTo(said);
    }

    @Test
    @DisplayName("R18 the JVM's fatal error banner becomes one short line: signal, frame, report")
    void fatalErrorBannerIsReadIntoOneLine() {
        FingerprintWorkerClient.FatalErrorBanner banner = new FingerprintWorkerClient.FatalErrorBanner();
        banner.read("(pos-device:123): libfprint-image-WARNING **: an old warning");
        assertThat(banner.fault()).isNull();
        for (String line : """
                #
                # A fatal error has been detected by the Java Runtime Environment:
                #
                #  SIGSEGV (0xb) at pc=0x00007fc279053371, pid=14396, tid=14460
                #
                # Problematic frame:
                # C  [libfprint-2.so.2+0x53371]
                #
                # An error report file with more information is saved as:
                # /var/lib/pos/logs/fingerprint-worker-hs_err_pid14396.log
                #
                """.lines().toList()) {
            banner.read(line);
        }
        assertThat(banner.fault()).isEqualTo("SIGSEGV in libfprint-2.so.2+0x53371, report in "
                + "/var/lib/pos/logs/fingerprint-worker-hs_err_pid14396.log");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            *** stack smashing detected ***: terminated | libc: stack smashing detected
            free(): invalid pointer                     | libc: free(): invalid pointer
            double free or corruption (out)             | libc: double free or corruption (out)
            """)
    @DisplayName("R18 the C library's own abort, without HotSpot's banner, is named too")
    void libcAbortIsNamed(String line, String fault) {
        FingerprintWorkerClient.FatalErrorBanner banner = new FingerprintWorkerClient.FatalErrorBanner();
        banner.read("(process:1): libfprint-virtual_image-WARNING **: an old warning");
        banner.read(line);
        assertThat(banner.fault()).isEqualTo(fault);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource(textBlock = """
            8,    8,    true
            11,   11,   true
            31,   320,  true
            32,   32,   false
            288,  320,  false
            2048, 400,  false
            2049, 300,  true
            1100, 1100, true
            4000, 4000, true
            """)
    @DisplayName("R18 the worker's gate lets through only the sizes fingerprint sensors make")
    void gateRefusesSizesNoSensorMakes(int width, int height, boolean refused) {
        assertThat(VirtualImageGate.refusalOf(width, height) != null).isEqualTo(refused);
    }
}
