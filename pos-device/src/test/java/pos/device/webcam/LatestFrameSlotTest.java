package pos.device.webcam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.device.webcam.WebcamTestSupport.POLL;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** The handoff keeps one frame, the newest, and counts the ones it dropped. */
class LatestFrameSlotTest {

    @Test
    void aNewerFrameReplacesOneStillWaitingAndCountsADrop() throws InterruptedException {
        LatestFrameSlot<String> slot = new LatestFrameSlot<>();
        assertThat(slot.offer("1")).isFalse();
        assertThat(slot.offer("2")).isTrue();
        assertThat(slot.offer("3")).isTrue();
        assertThat(slot.take()).isEqualTo("3");
        assertThat(slot.offered()).isEqualTo(3);
        assertThat(slot.dropped()).isEqualTo(2);
        assertThat(slot.maxWaiting()).isEqualTo(1);
    }

    @Test
    void aSlowConsumerNeverBuildsAQueueAndAlwaysGetsTheNewestFrame() throws InterruptedException {
        LatestFrameSlot<Integer> slot = new LatestFrameSlot<>();
        List<Integer> taken = new CopyOnWriteArrayList<>();
        Thread consumer = new Thread(() -> {
            try {
                for (Integer frame = slot.take(); frame != null; frame = slot.take()) {
                    taken.add(frame);
                    Thread.sleep(20); // a decoder far slower than the camera
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        consumer.start();
        for (int frame = 1; frame <= 2_000; frame++) {
            slot.offer(frame);
            if (frame % 100 == 0) {
                Thread.sleep(5);
            }
        }
        await("the last frame to be taken").atMost(Duration.ofSeconds(5)).pollInterval(POLL).until(() -> taken.contains(2_000));
        slot.close();
        consumer.join(2_000);

        assertThat(slot.maxWaiting()).as("never more than one frame waiting").isEqualTo(1);
        assertThat(slot.dropped()).isGreaterThan(1_000);
        assertThat(taken.size() + slot.dropped()).as("every frame was either taken or dropped").isEqualTo(2_000);
        assertThat(taken).isSorted();
    }

    @Test
    void closingWakesAWaitingConsumerWithNull() throws InterruptedException {
        LatestFrameSlot<String> slot = new LatestFrameSlot<>();
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slot.close();
        });
        closer.start();
        assertThat(slot.take()).isNull();
        assertThat(slot.offer("late")).isFalse();
    }

    @Test
    void aProducerAwaitingRoomWaitsUntilTheFrameIsTakenAndSoDropsNone() throws InterruptedException {
        LatestFrameSlot<Integer> slot = new LatestFrameSlot<>();
        List<Integer> taken = new CopyOnWriteArrayList<>();
        Thread consumer = new Thread(() -> {
            try {
                for (Integer frame = slot.take(); frame != null; frame = slot.take()) {
                    taken.add(frame);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        consumer.start();
        for (int frame = 1; frame <= 2_000; frame++) {
            assertThat(slot.awaitRoom()).isTrue();
            assertThat(slot.offer(frame)).as("frame %d found the slot empty", frame).isFalse();
        }
        await("the last frame to be taken").atMost(Duration.ofSeconds(5)).pollInterval(POLL).until(() -> taken.contains(2_000));
        slot.close();
        consumer.join(2_000);

        assertThat(slot.dropped()).as("frames dropped by a producer that awaits room").isZero();
        assertThat(taken).hasSize(2_000).isSorted();
    }

    @Test
    void closingReleasesAProducerAwaitingRoom() throws InterruptedException {
        LatestFrameSlot<String> slot = new LatestFrameSlot<>();
        assertThat(slot.awaitRoom()).as("an empty slot has room").isTrue();
        slot.offer("waiting");
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slot.close();
        });
        closer.start();
        assertThat(slot.awaitRoom()).as("closed while waiting for room").isFalse();
        closer.join(2_000);
    }
}
