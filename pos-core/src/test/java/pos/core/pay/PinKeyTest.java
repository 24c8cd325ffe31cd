package pos.core.pay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.card.CardNumber;
import pos.core.money.Money;
import pos.core.sale.TransactionId;

@DisplayName("PIN key, PIN block and card charge (R18): the PIN and the card number never show")
class PinKeyTest {

    static final CardNumber VISA = CardNumber.typed("4111 1111 1111 1111");
    final PinKey key = PinKey.fromText("sandbox-pin-key");

    @Test
    @DisplayName("the block is HMAC-SHA256(key, PAN:PIN:out_trade_no) in hex, and the PIN's chars are wiped")
    void blockFollowsTheDocumentedSchemeAndWipesThePin() {
        char[] pin = "123456".toCharArray();
        PinBlock block = key.blockFor(VISA, pin, "01JABCDEFGHJKMNPQRSTVWXYZ0");
        // printf '4111111111111111:123456:01JABCDEFGHJKMNPQRSTVWXYZ0' | openssl dgst -sha256 -hmac sandbox-pin-key
        assertThat(block.revealForGateway()).isEqualTo(EXPECTED);
        assertThat(pin).containsOnly('\0');
        assertThat(block.toString()).doesNotContain(block.revealForGateway());
    }

    @Test
    @DisplayName("another order or another PIN gives another block")
    void blockIsBoundToOrderAndPin() {
        String a = key.blockFor(VISA, "123456".toCharArray(), "ORDER00001").revealForGateway();
        assertThat(key.blockFor(VISA, "123456".toCharArray(), "ORDER00002").revealForGateway()).isNotEqualTo(a);
        assertThat(key.blockFor(VISA, "123457".toCharArray(), "ORDER00001").revealForGateway()).isNotEqualTo(a);
    }

    @Test
    @DisplayName("a PIN that is not 6 digits is refused without naming it, and still wiped")
    void badPinIsRefusedAndWiped() {
        char[] shortPin = "98765".toCharArray();
        assertThatThrownBy(() -> key.blockFor(VISA, shortPin, "ORDER00001"))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("98765");
        assertThat(shortPin).containsOnly('\0');
        char[] letters = "12a456".toCharArray();
        assertThatThrownBy(() -> key.blockFor(VISA, letters, "ORDER00001"))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("12a456");
        assertThat(letters).containsOnly('\0');
    }

    @Test
    @DisplayName("a card charge shows the masked card only")
    void cardChargeShowsTheMaskedCardOnly() {
        PaymentOrder order = new PaymentOrder(new TransactionId("01JABCDEFGHJKMNPQRSTVWXYZ0"), "till-1",
                PaymentMethod.BANK_CARD, Money.ofMinor(500, "EUR"), "Store 1", Instant.EPOCH);
        CardCharge charge = CardCharge.of(VISA, "123456".toCharArray(), key, order);
        assertThat(charge.toString()).contains("411111******1111").doesNotContain("4111111111111111")
                .doesNotContain("123456").doesNotContain(charge.pin().revealForGateway());
        assertThat(charge.pin().revealForGateway()).isEqualTo(EXPECTED);
        assertThat(key.toString()).doesNotContain("sandbox-pin-key");
    }

    @Test
    @DisplayName("an invalid card number cannot be charged")
    void invalidCardIsRefused() {
        assertThatThrownBy(() -> key.blockFor(CardNumber.typed("4111111111111112"), "123456".toCharArray(), "ORDER00001"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CHECK_DIGIT");
    }

    /** openssl's answer, an independent implementation of the scheme. */
    static final String EXPECTED = "4fe4d868e7e8a6700c352d024720792a3771aaf1c3ad8a690e4609ef97d81ef9";
}
