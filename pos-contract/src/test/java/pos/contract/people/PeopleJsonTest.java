package pos.contract.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.core.people.Clerk;
import pos.core.people.Member;
import pos.core.people.PersonKind;
import pos.core.people.PinHash;
import pos.core.people.Role;

/** People records are stored in Redis and signed in stream entries: their bytes are a contract. */
class PeopleJsonTest {

    private static final long CHANGED = 1_767_225_600_000L; // 2026-01-01
    private final PinHash pin = PinHash.of("2468".toCharArray(), 1_000);
    private final Clerk ann = new Clerk("c1", "Ann Ü", Role.SUPERVISOR, pin, true);
    private final Member bo = new Member("m1", "Bo \"B\"", Currency.getInstance("EUR"), false);
    private final SealedPrint print = new SealedPrint("0123456789abcdef0123456789abcdef", PersonKind.MEMBER, "m1", "right-index",
            "virtual_image", "k1", new byte[] {1, 2, 3}, new byte[] {4, 5, 6, 7}, true, CHANGED);

    @Test
    @DisplayName("SEC-407 clerk, member and print records are written byte for byte as before data binding (golden bytes)")
    void writesTheStoredFormsByteForByte() {
        assertThat(PeopleJson.clerk(ann, CHANGED)).isEqualTo("{\"id\":\"c1\",\"name\":\"Ann Ü\",\"role\":\"SUPERVISOR\","
                + "\"pinHash\":\"" + pin.encoded() + "\",\"active\":true,\"updatedAt\":1767225600000}");
        assertThat(PeopleJson.member(bo, CHANGED)).isEqualTo("{\"id\":\"m1\",\"name\":\"Bo \\\"B\\\"\",\"currency\":\"EUR\","
                + "\"active\":false,\"updatedAt\":1767225600000}");
        assertThat(PeopleJson.print(print)).isEqualTo("{\"id\":\"0123456789abcdef0123456789abcdef\",\"personKind\":\"MEMBER\","
                + "\"personId\":\"m1\",\"finger\":\"right-index\",\"driver\":\"virtual_image\",\"keyId\":\"k1\","
                + "\"nonce\":\"AQID\",\"ciphertext\":\"BAUGBw==\",\"deleted\":true,\"updatedAt\":1767225600000}");
    }

    @Test
    void readsWhatItWroteAndFillsInWhatOlderRecordsLeftOut() {
        assertThat(PeopleJson.clerk(PeopleJson.clerk(ann, CHANGED))).isEqualTo(new PeopleJson.Versioned<>(ann, CHANGED));
        assertThat(PeopleJson.member(PeopleJson.member(bo, CHANGED))).isEqualTo(new PeopleJson.Versioned<>(bo, CHANGED));
        SealedPrint read = PeopleJson.print(PeopleJson.print(print));
        assertThat(read.ciphertext()).containsExactly(4, 5, 6, 7);
        assertThat(read.deleted()).isTrue();

        String noActive = "{\"id\":\"m1\",\"name\":\"Bo\",\"currency\":\"EUR\",\"updatedAt\":1767225600000,\"addedLater\":{}}";
        assertThat(PeopleJson.member(noActive).value().active()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a missing name        | {"id":"m1","currency":"EUR","active":true,"updatedAt":1767225600000}                | a member record cannot be read: field 'name' is missing
            a number for the name | {"id":"m1","name":7,"currency":"EUR","active":true,"updatedAt":1767225600000}       | a member record cannot be read: field 'name' must be a text
            a text for active     | {"id":"m1","name":"B","currency":"EUR","active":"yes","updatedAt":1767225600000}  | a member record cannot be read: field 'active' must be true or false
            a decimal change time | {"id":"m1","name":"B","currency":"EUR","active":true,"updatedAt":1767225600000.5} | a member record cannot be read: field 'updatedAt' must be a whole number
            not JSON              | {"id":                                                                              | a member record cannot be read: not JSON
            """)
    void refusesWhatIsNotAMemberRecordWithASentence(String what, String json, String reason) {
        assertThatThrownBy(() -> PeopleJson.member(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(reason);
    }
}
