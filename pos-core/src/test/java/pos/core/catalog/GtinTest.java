package pos.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GtinTest {

    @ParameterizedTest
    @CsvSource(textBlock = """
            4006381333931, true
            4006381333932, false
            96385074,      true
            96385075,      false
            036000291452,  true
            036000291453,  false
            400638133393,  false
            40063813339a,  false
            '',            false
            """)
    void checksTheCheckDigitOfEan13Ean8AndUpcA(String code, boolean valid) {
        assertThat(Gtin.isValid(code)).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            10012345678902, true
            10012345678903, false
            4006381333931,  true
            96385074,       true
            036000291452,   true
            4006381333932,  false
            100123456789020, false
            1001234567890a, false
            ,               false
            """)
    void checksGtin14AndEveryShorterLength(String code, boolean valid) {
        assertThat(Gtin.hasValidCheckDigit(code)).isEqualTo(valid);
        assertThat(Gtin.isValid("10012345678902")).as("the till sells by 8, 12 and 13 digits only").isFalse();
    }

    @Test
    void upcAIsNormalisedToEan13WithALeadingZero() {
        assertThat(Gtin.normalise("036000291452")).isEqualTo("0036000291452");
        assertThat(Gtin.isValid("0036000291452")).isTrue();
    }

    @Test
    void everySingleDigitErrorIsDetected() {
        Random random = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder body = new StringBuilder();
            for (int d = 0; d < 12; d++) {
                body.append(random.nextInt(10));
            }
            String code = Gtin.withCheckDigit(body.toString());
            assertThat(Gtin.isValid(code)).isTrue();
            int pos = random.nextInt(13);
            char original = code.charAt(pos);
            char replaced = (char) ('0' + (original - '0' + 1 + random.nextInt(9)) % 10);
            String broken = code.substring(0, pos) + replaced + code.substring(pos + 1);
            assertThat(Gtin.isValid(broken)).as("%s -> %s", code, broken).isFalse();
        }
    }
}
