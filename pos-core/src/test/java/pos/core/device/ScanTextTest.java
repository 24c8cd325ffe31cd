package pos.core.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.core.device.ScanText.Kind;

@DisplayName("issue 11 defect 14: a scanner read is a code by its shape, never a name search")
class ScanTextTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            4006381333931                 | GTIN
            ４００６３８１３３３９３１    | GTIN
            ' 4006381333931 '             | GTIN
            96385074                      | GTIN
            036000291452                  | GTIN
            10012345678902                | GTIN
            4006381333932                 | GTIN_BAD_CHECK
            96385075                      | GTIN_BAD_CHECK
            10012345678903                | GTIN_BAD_CHECK
            134567890123456789            | PAY_CODE
            281234567890123456            | PAY_CODE
            4111111111111111              | CARD_NUMBER
            5555555555554444              | CARD_NUMBER
            0000000000000000              | CODE
            PV1.k1.abc.def                | VOUCHER
            pv1.k1.abc.def                | VOUCHER
            NaN                           | TOO_SHORT
            123                           | TOO_SHORT
            ab                            | TOO_SHORT
            1001                          | CODE
            APL-1                         | CODE
            banana split                  | TEXT
            '<script>'                    | TEXT
            ''                            | EMPTY
            '   '                         | EMPTY
            """)
    void classifiesByShape(String read, Kind kind) {
        assertThat(ScanText.classify(read)).isEqualTo(kind);
    }

    @Test
    void hiddenCharactersMakeAnyReadText() {
        assertThat(ScanText.classify("\u202E4006381333931")).isEqualTo(Kind.TEXT);
        assertThat(ScanText.classify("4006\u200B381333931")).isEqualTo(Kind.TEXT);
        assertThat(ScanText.classify(null)).isEqualTo(Kind.EMPTY);
        assertThat(ScanText.classify("9".repeat(100_000))).isEqualTo(Kind.TOO_LONG);
    }

    @Test
    void onlyAProductCodeIsLookedUpAndNoReadEverRunsANameSearch() {
        assertThat(Arrays.stream(Kind.values()).filter(Kind::isProductLookup)).containsExactlyInAnyOrder(Kind.GTIN, Kind.CODE);
        assertThat(ScanText.classify("NaN").isProductLookup()).isFalse();
    }
}
