package pos.contract.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.people.Clerk;
import pos.core.people.PinHash;
import pos.core.people.Role;

/** Issue 10: clock-like fields of people records are bounded, so a forged date cannot win every comparison for good. */
@DisplayName("SEC-407 people records dated before 2020 or minutes in the future are refused with a reason")
class PeopleJsonBoundsSecTest {

    private final Clerk ann = new Clerk("c1", "Ann", Role.CASHIER, PinHash.of("2468".toCharArray(), 1_000), true);

    @Test
    @DisplayName("SEC-407 a clerk changed now or a minute ahead is read; in year 2100 or in 1970 it is refused")
    void changeTimesAreBounded() {
        long now = System.currentTimeMillis();
        assertThat(PeopleJson.clerk(PeopleJson.clerk(ann, now)).updatedAt()).isEqualTo(now);
        assertThat(PeopleJson.clerk(PeopleJson.clerk(ann, now + 60_000)).updatedAt()).isEqualTo(now + 60_000);
        long year2100 = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
        assertThatThrownBy(() -> PeopleJson.clerk(PeopleJson.clerk(ann, year2100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a clerk record's change time (updatedAt) is dated 2100-01-01T00:00:00Z, more than 5"
                        + " minutes after now");
        assertThatThrownBy(() -> PeopleJson.clerk(PeopleJson.clerk(ann, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a clerk record's change time (updatedAt) is dated 5 ms, before 2020-01-01T00:00:00Z: refused");
    }

    @Test
    @DisplayName("SEC-407 a record without a change time is refused instead of read as 1970")
    void aMissingChangeTimeIsRefused() {
        String json = PeopleJson.clerk(ann, System.currentTimeMillis()).replaceAll(",\"updatedAt\":\\d+", "");
        assertThatThrownBy(() -> PeopleJson.clerk(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a clerk record lacks its change time 'updatedAt'");
    }
}
