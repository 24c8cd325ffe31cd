package pos.device.printer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.core.receipt.PrinterStatus;

class EscPosStatusTest {

    @ParameterizedTest(name = "DLE EOT 1/2/4 answers {0}/{1}/{2} mean {3}")
    @CsvSource(textBlock = """
            0x12, -1,   -1,   READY
            0x16, -1,   -1,   READY
            0x1A, 0x16, 0x12, COVER_OPEN
            0x1A, 0x32, 0x72, PAPER_OUT
            0x1A, 0x12, 0x72, PAPER_OUT
            0x1A, 0x12, 0x12, OFFLINE
            0x1A, -1,   -1,   OFFLINE
            -1,   -1,   -1,   NONE
            0x00, -1,   -1,   NONE
            """)
    void answersDecodeAsEscPosSpecifies(String printer, String cause, String paper, PrinterStatus expected) {
        assertThat(EscPosStatus.decide(Integer.decode(printer), Integer.decode(cause), Integer.decode(paper))).isEqualTo(expected);
    }
}
