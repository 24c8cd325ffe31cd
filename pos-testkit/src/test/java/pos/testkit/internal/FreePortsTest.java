package pos.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void pickedPortsAreDistinctNonStandardAndBelowTheEphemeralRange() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            int port = FreePorts.pick();
            assertThat(FreePorts.isStandard(port)).isFalse();
            assertThat(port).isNotIn(6379, 3306).isBetween(15000, 32767);
            ports.add(port);
        }
        assertThat(ports).hasSize(100);
    }

    @ParameterizedTest
    @ValueSource(ints = {6379, 3306, 5432, 80, 1023})
    void wellKnownPortsAreStandard(int port) {
        assertThat(FreePorts.isStandard(port)).isTrue();
    }
}
