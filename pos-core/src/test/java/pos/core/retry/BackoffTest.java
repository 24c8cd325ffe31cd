package pos.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    private static List<Long> pauses(Backoff backoff, int count) {
        List<Long> pauses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pauses.add(backoff.next().toMillis());
        }
        return pauses;
    }

    @Test
    @DisplayName("R10 a failed round is retried after 100 ms, then twice as long each time, never more than 5 s")
    void pausesDoubleFromTheFirstUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

        assertThat(pauses(backoff, 9)).containsExactly(100L, 200L, 400L, 800L, 1_600L, 3_200L, 5_000L, 5_000L, 5_000L);
    }

    @Test
    void aSuccessStartsTheNextFailureAtTheFirstPauseAgain() {
        Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5));
        pauses(backoff, 20);

        backoff.reset();

        assertThat(pauses(backoff, 3)).containsExactly(50L, 100L, 200L);
    }

    @ParameterizedTest(name = "{0} ms doubling to {1} ms: {2}")
    @CsvSource(textBlock = """
            2000, 5000, 2000 4000 5000 5000
            5000, 5000, 5000 5000 5000 5000
            7000, 7000, 7000 7000 7000 7000
            1,    3,    1 2 3 3
            """)
    void theMaximumCapsEveryPauseEvenWhenDoublingWouldOvershoot(long first, long max, String expected) {
        Backoff backoff = new Backoff(Duration.ofMillis(first), Duration.ofMillis(max));

        assertThat(pauses(backoff, 4)).containsExactlyElementsOf(
                java.util.Arrays.stream(expected.split(" ")).map(Long::valueOf).toList());
        assertThat(backoff.max()).isEqualTo(Duration.ofMillis(max));
    }

    @Test
    void aVeryLongMaximumNeverOverflows() {
        Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofMillis(Long.MAX_VALUE));

        long previous = 0;
        for (int i = 0; i < 80; i++) {
            long pause = backoff.next().toMillis();
            assertThat(pause).isPositive().isGreaterThanOrEqualTo(previous);
            previous = pause;
        }
        assertThat(previous).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void refusesAFirstPauseOfNothingOrAMaximumBelowIt() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("first pause must be at least 1 ms");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the longest pause (PT1S) is shorter than the first (PT2S)");
    }
}
