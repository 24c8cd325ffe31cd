package pos.app.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import pos.app.ui.MoneyFormat;
import pos.core.pay.Refusal;
import pos.core.pay.RefusalReason;

@DisplayName("Issue 13: the clerk's sentence for a refusal comes from its neutral reason; the provider's code is the detail")
class RefusalTextTest {

    private final ResourceBundle bundle = pos.app.i18n.Texts.forLocale(Locale.US);
    private final CheckoutText text = new CheckoutText(bundle, new MoneyFormat(Locale.US));

    @ParameterizedTest(name = "{0}")
    @EnumSource(RefusalReason.class)
    @DisplayName("R17 every neutral reason has its own sentence (pay.reason.<REASON>)")
    void everyReasonHasASentence(RefusalReason reason) {
        assertThat(bundle.containsKey("pay.reason." + reason.name())).as("pay.reason." + reason.name()).isTrue();
        assertThat(text.refusal(Refusal.of(reason, "SOME_CODE").code())).isEqualTo(bundle.getString("pay.reason."
                + reason.name()).replace("''", "'"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            INSUFFICIENT_BALANCE:NOTENOUGH                    | The customer's balance is too low.
            INSUFFICIENT_BALANCE:ACQ.BUYER_BALANCE_NOT_ENOUGH | The customer's balance is too low.
            CODE_INVALID:ACQ.PAYMENT_AUTH_CODE_INVALID        | The payment code is not valid. Ask the customer to refresh the code on the phone.
            CODE_EXPIRED:AUTHCODEEXPIRE                       | The payment code has expired. Ask the customer to refresh the code on the phone.
            NO_RESULT_IN_TIME                                 | No payment arrived in time.
            NOTENOUGH                                         | The customer's balance is too low.
            AUTH_CODE_INVALID                                 | The payment code is not valid. Ask the customer to refresh the code on the phone.
            PAYERROR                                          | The customer's payment service refused the payment.
            WRONG_PIN                                         | Wrong PIN.
            OTHER:SOMETHING_NEW_42                            | The payment service refused the payment.
            SOMETHING_NEW_42                                  | The payment service refused the payment.
            """)
    @DisplayName("the same reason reads the same whichever provider said it; an old journal's bare code keeps its sentence")
    void sentenceFollowsTheReason(String code, String sentence) {
        assertThat(text.refusal(code)).isEqualTo(sentence);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            WRONG_PIN:WRONG_PIN          | Wrong PIN. Ask the customer to try again (Enter).
            INSUFFICIENT_FUNDS:NOTENOUGH | Not enough money on the card. Pay less by card, or use another tender.
            NOTENOUGH                    | Not enough money on the card. Pay less by card, or use another tender.
            DECLINED                     | The bank declined the card. Ask for another card or tender.
            OTHER:SOMETHING_NEW_42       | The bank refused the payment. Pay again (Enter), or Esc for another tender.
            """)
    @DisplayName("a card refusal reads card.reason.<REASON>, an old bare code its own")
    void cardSentenceFollowsTheReason(String code, String sentence) {
        assertThat(text.cardRefusal(code)).isEqualTo(sentence);
    }

    @Test
    @DisplayName("the detail line carries the provider's own code, never the till's own reasons")
    void providerCodeIsTheDetail() {
        assertThat(CheckoutText.providerCode("INSUFFICIENT_BALANCE:ACQ.BUYER_BALANCE_NOT_ENOUGH"))
                .isEqualTo("ACQ.BUYER_BALANCE_NOT_ENOUGH");
        assertThat(CheckoutText.providerCode("NOTENOUGH")).isEqualTo("NOTENOUGH");
        assertThat(CheckoutText.providerCode("NO_RESULT_IN_TIME")).isNull();
        assertThat(CheckoutText.providerCode("")).isNull();
        assertThat(CheckoutText.providerCode(null)).isNull();
    }
}
