package pos.contract.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.retry.Backoff;

class BackgroundLoopTest {

    /** Rounds that fail while {@code failuresLeft} is positive and record what the loop told them. */
    private static final class Script implements BackgroundLoop.Rounds {
        final AtomicInteger failuresLeft = new AtomicInteger();
        final AtomicInteger rounds = new AtomicInteger();
        final List<Long> roundNanos = new CopyOnWriteArrayList<>();
        final List<String> told = new CopyOnWriteArrayList<>();
        volatile boolean more;
        final CountDownLatch roundsSeen;
        final CountDownLatch failureTold = new CountDownLatch(1);

        Script(int awaitedRounds) {
            roundsSeen = new CountDownLatch(awaitedRounds);
        }

        @Override
        public boolean round() {
            rounds.incrementAndGet();
            roundNanos.add(System.nanoTime());
            roundsSeen.countDown();
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("redis down");
            }
            return more;
        }

        @Override
        public void succeeded() {
            told.add("ok");
        }

        @Override
        public void failed(RuntimeException failure) {
            told.add(failure.getMessage());
            failureTold.countDown();
        }
    }

    @Test
    @DisplayName("R10 a failed round is told and tried again after pauses that double")
    void failedRoundsAreRetriedAfterDoublingPauses() throws InterruptedException {
        Script script = new Script(4);
        script.failuresLeft.set(3);
        BackgroundLoop loop = new BackgroundLoop("test loop", "test-loop",
                new Backoff(Duration.ofMillis(40), Duration.ofSeconds(5)), Duration.ofSeconds(30), script);
        loop.start();
        try {
            assertThat(script.roundsSeen.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            loop.stop();
            loop.join(Duration.ofSeconds(5));
        }

        assertThat(script.told).startsWith("redis down", "redis down", "redis down", "ok");
        List<Long> at = script.roundNanos;
        assertThat(TimeUnit.NANOSECONDS.toMillis(at.get(1) - at.get(0))).isGreaterThanOrEqualTo(40);
        assertThat(TimeUnit.NANOSECONDS.toMillis(at.get(2) - at.get(1))).isGreaterThanOrEqualTo(80);
        assertThat(TimeUnit.NANOSECONDS.toMillis(at.get(3) - at.get(2))).isGreaterThanOrEqualTo(160);
    }

    @Test
    void anIdleLoopWaitsUntilWokenAndStopEndsAPauseAtOnce() throws InterruptedException {
        Script script = new Script(1);
        BackgroundLoop loop = new BackgroundLoop("test loop", "test-loop",
                new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(30)), Duration.ofSeconds(30), script);
        loop.start();
        assertThat(script.roundsSeen.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(100);
        assertThat(script.rounds.get()).as("idle: no round before a wake-up").isEqualTo(1);

        script.failuresLeft.set(1);
        loop.wake();
        assertThat(script.failureTold.await(5, TimeUnit.SECONDS)).isTrue(); // now in a 30 s back-off pause

        long stopping = System.nanoTime();
        loop.stop();
        loop.join(Duration.ofSeconds(5));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping)).isLessThan(2_000);
        assertThat(loop.running()).isFalse();
        assertThat(script.rounds.get()).isEqualTo(2);
    }

    @Test
    void startsOnceOnly() {
        BackgroundLoop loop = new BackgroundLoop("test loop", "test-loop",
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(10)), Duration.ofMillis(10), new Script(1));
        loop.start();
        try {
            assertThatThrownBy(loop::start).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the test loop was already started");
        } finally {
            loop.stop();
            loop.join(Duration.ofSeconds(5));
        }
    }
}
