package pos.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RefusalLogTest {

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-06T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    @DisplayName("SEC-110 10,000 refused requests from one address are one log line a minute, and the next line counts the rest")
    void aFloodOfRefusalsIsOneLineAMinute() {
        MovingClock clock = new MovingClock();
        RefusalLog refusals = new RefusalLog(LoggerFactory.getLogger(RefusalLogTest.class), clock);
        AtomicInteger logged = new AtomicInteger();
        StringBuilder last = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            if (refusals.refused("10.0.0.66", "401 unauthorized", () -> "Refused GET /people from 10.0.0.66")) {
                logged.incrementAndGet();
            }
        }
        assertThat(logged).hasValue(1);
        assertThat(refusals.refused("10.0.0.67", "401 unauthorized", () -> "another address")).as("another address").isTrue();
        assertThat(refusals.refused("10.0.0.66", "415 unsupported", () -> "another kind")).as("another kind").isTrue();
        clock.now = clock.now.plus(RefusalLog.QUIET).plus(Duration.ofSeconds(1));
        assertThat(refusals.refused("10.0.0.66", "401 unauthorized", () -> {
            last.append("Refused GET /people from 10.0.0.66");
            return last.toString();
        })).isTrue();
        assertThat(refusals.refused("10.0.0.66", "401 unauthorized", () -> "x")).isFalse();
    }

    @Test
    @DisplayName("SEC-111 a caller changing its address every request cannot grow what the log remembers")
    void memoryIsBounded() {
        RefusalLog refusals = new RefusalLog(LoggerFactory.getLogger(RefusalLogTest.class), new MovingClock());
        for (int i = 0; i < RefusalLog.MAX_KINDS * 3; i++) {
            refusals.refused("10.1." + (i / 256) + "." + (i % 256), "401", () -> "refused");
        }
        assertThat(refusals.tracked()).isLessThanOrEqualTo(RefusalLog.MAX_KINDS);
    }
}
