package pos.sync.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.core.money.Money;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentStatus;
import pos.core.sale.TransactionId;
import pos.sync.card.CardRef;

/** The journal's payment payloads are stored: their bytes are a contract (DESIGN §4). */
class PaymentEventJsonTest {

    private static final PaymentOrder ORDER = new PaymentOrder(new TransactionId("01KDPY5D0SABCDEFGHJKMNPQRS"), "till-1",
            PaymentMethod.BANK_CARD, Money.ofMinor(1250, "EUR"), "Store 1 · 2 items", Instant.parse("2026-01-01T10:00:00Z"));
    private static final CardRef CARD = new CardRef("411111******1111", "411111", "1111", "a".repeat(64));

    @Test
    @DisplayName("R7 a journaled payment event is written byte for byte as before data binding (golden bytes)")
    void writesTheStoredFormByteForByte() {
        PaymentEvent plain = new PaymentEvent(PaymentEventKind.PAYMENT_PENDING, ORDER, PaymentStatus.PENDING, null, null, null,
                Instant.parse("2026-01-01T10:00:01Z"));
        PaymentEvent withCard = new PaymentEvent(PaymentEventKind.PAYMENT_RESULT, ORDER, PaymentStatus.SUCCESS,
                "PAID", "OK", "note \"quoted\"", Instant.parse("2026-01-01T10:00:02.5Z"), CARD);

        assertThat(PaymentEventJson.write(plain)).isEqualTo("{\"tx\":\"01KDPY5D0SABCDEFGHJKMNPQRS\",\"kind\":\"PAYMENT_PENDING\","
                + "\"tillId\":\"till-1\",\"method\":\"BANK_CARD\",\"amountMinor\":1250,\"currency\":\"EUR\","
                + "\"description\":\"Store 1 · 2 items\",\"createdAt\":\"2026-01-01T10:00:00Z\",\"status\":\"PENDING\","
                + "\"state\":null,\"reasonCode\":null,\"note\":null,\"at\":\"2026-01-01T10:00:01Z\"}");
        assertThat(PaymentEventJson.write(withCard)).isEqualTo("{\"tx\":\"01KDPY5D0SABCDEFGHJKMNPQRS\",\"kind\":\"PAYMENT_RESULT\","
                + "\"tillId\":\"till-1\",\"method\":\"BANK_CARD\",\"amountMinor\":1250,\"currency\":\"EUR\","
                + "\"description\":\"Store 1 · 2 items\",\"createdAt\":\"2026-01-01T10:00:00Z\",\"status\":\"SUCCESS\","
                + "\"state\":\"PAID\",\"reasonCode\":\"OK\",\"note\":\"note \\\"quoted\\\"\",\"at\":\"2026-01-01T10:00:02.500Z\","
                + "\"card\":{\"masked\":\"411111******1111\",\"bin\":\"411111\",\"lastFour\":\"1111\",\"token\":\"" + "a".repeat(64)
                + "\"}}");
        assertThat(PaymentEventJson.read(PaymentEventJson.write(plain))).isEqualTo(plain);
        assertThat(PaymentEventJson.read(PaymentEventJson.write(withCard))).isEqualTo(withCard);
    }

    @Test
    void aFieldANewerTillAddedIsIgnored() {
        String json = PaymentEventJson.write(new PaymentEvent(PaymentEventKind.PAYMENT_PENDING, ORDER, PaymentStatus.PENDING,
                null, null, null, Instant.parse("2026-01-01T10:00:01Z")));

        assertThat(PaymentEventJson.read(json.replace("{\"tx\"", "{\"addedLater\":[1,2],\"tx\"")).kind())
                .isEqualTo(PaymentEventKind.PAYMENT_PENDING);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a missing field   | {"tx":"01KDPY5D0SABCDEFGHJKMNPQRS","kind":"PAYMENT_PENDING","method":"QR_SHOWN","amountMinor":1,"currency":"EUR","description":"d","createdAt":"2026-01-01T10:00:00Z","status":"PENDING","at":"2026-01-01T10:00:01Z"} | field 'tillId' is missing
            an unknown kind   | {"tx":"01KDPY5D0SABCDEFGHJKMNPQRS","kind":"PAYMENT_LOST","tillId":"t","method":"QR_SHOWN","amountMinor":1,"currency":"EUR","description":"d","createdAt":"2026-01-01T10:00:00Z","status":"PENDING","at":"2026-01-01T10:00:01Z"} | field 'kind' is 'PAYMENT_LOST', not one of
            a text amount     | {"tx":"01KDPY5D0SABCDEFGHJKMNPQRS","kind":"PAYMENT_PENDING","tillId":"t","method":"QR_SHOWN","amountMinor":"1","currency":"EUR","description":"d","createdAt":"2026-01-01T10:00:00Z","status":"PENDING","at":"2026-01-01T10:00:01Z"} | field 'amountMinor' must be a whole number
            a number for text | {"tx":"01KDPY5D0SABCDEFGHJKMNPQRS","kind":"PAYMENT_PENDING","tillId":7,"method":"QR_SHOWN","amountMinor":1,"currency":"EUR","description":"d","createdAt":"2026-01-01T10:00:00Z","status":"PENDING","at":"2026-01-01T10:00:01Z"} | field 'tillId' must be a text
            not JSON          | {"tx": | not JSON
            an array          | [1,2] | not the JSON object expected
            """)
    void refusesWhatIsNotAPaymentEventWithASentence(String what, String json, String reason) {
        assertThatThrownBy(() -> PaymentEventJson.read(json))
                .isInstanceOf(MalformedPaymentEventException.class)
                .hasMessageStartingWith("not a payment event: ")
                .hasMessageContaining(reason);
    }
}
