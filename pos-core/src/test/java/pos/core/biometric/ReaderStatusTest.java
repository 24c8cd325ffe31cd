package pos.core.biometric;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReaderStatusTest {

    @DisplayName("R18 issue 16: the reason without the words around it, for the fingerprint reader and the face reader")
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            No fingerprint reader (libfprint-2 is not installed)                          | libfprint-2 is not installed
            No face recognition (OpenCV is not installed: sudo apt-get install libopencv-java opencv-data) | OpenCV is not installed: sudo apt-get install libopencv-java opencv-data
            No camera at all                                                              | No camera at all
            """)
    void reasonStripsEitherReadersWords(String sentence, String reason) {
        assertThat(new ReaderStatus(ReaderStatus.State.NO_READER, sentence, null).reason()).isEqualTo(reason);
    }
}
