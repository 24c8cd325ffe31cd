package pos.core.pay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayCodesTest {

    @ParameterizedTest
    @CsvSource(textBlock = """
            134567890123450000, true
            101234567890123456, true
            161234567890123456, false
            13456789012345000,  false
            2812345678901234,   true
            281234567890123456789012, true
            2812345678901234567890123, false
            4006381333931,      false
            13456789012345000a, false
            '',                 false
            """)
    void recognisesWeChatAndAlipayPaymentCodesButNoProductCode(String code, boolean payCode) {
        assertThat(PayCodes.isPlausible(code)).isEqualTo(payCode);
    }
}
