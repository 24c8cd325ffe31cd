package pos.device.webcam;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The same code within the window counts once; the window runs from the last sighting. */
class DuplicateFilterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final DuplicateFilter filter = new DuplicateFilter(Duration.ofMillis(1000), nanos::get);

    @Test
    void theSameCodeSeenAgainWithinTheWindowCountsOnce() {
        assertThat(filter.isNewRead("A")).isTrue();
        advanceMillis(400);
        assertThat(filter.isNewRead("A")).isFalse();
        advanceMillis(999);
        assertThat(filter.isNewRead("A")).as("still held in front of the camera").isFalse();
    }

    @Test
    void theSameCodeShownAgainAfterTheWindowCountsAgain() {
        assertThat(filter.isNewRead("A")).isTrue();
        advanceMillis(1000);
        assertThat(filter.isNewRead("A")).isTrue();
    }

    @Test
    void anotherCodeInBetweenMakesTheFirstOneNewAgain() {
        assertThat(filter.isNewRead("A")).isTrue();
        advanceMillis(10);
        assertThat(filter.isNewRead("B")).isTrue();
        advanceMillis(10);
        assertThat(filter.isNewRead("A")).as("two of the same product, one after the other code").isTrue();
    }

    private void advanceMillis(long millis) {
        nanos.addAndGet(Duration.ofMillis(millis).toNanos());
    }
}
