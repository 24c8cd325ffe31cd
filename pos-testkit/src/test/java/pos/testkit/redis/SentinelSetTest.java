package pos.testkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentinelSetTest {

    @Test
    void afterTheprimaryIsKilledTheSentinelsPromoteTheReplicaAndNameIt() {
        try (RedisSentinelSet set = RedisSentinelSet.builder().aclUser("pos-till", "~* +@all").build().start()) {
            RedisProcess first = set.primary();
            assertThat(first).isSameAs(set.dataNodes().get(0));
            assertThat(set.sentinelUri()).matches("redis-sentinel://127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+/0#store");
            first.callAs("pos-till", "SET", "before-failover", "1");
            first.call("WAIT", "1", "2000");

            long killedAt = System.nanoTime();
            RedisProcess killed = set.killPrimary();
            RedisProcess promoted = set.awaitNewPrimary(killed, Duration.ofSeconds(15));
            Duration failover = Duration.ofNanos(System.nanoTime() - killedAt);

            assertThat(promoted).isSameAs(set.dataNodes().get(1));
            assertThat(((List<?>) promoted.call("ROLE")).get(0)).isEqualTo("master");
            assertThat(promoted.callAs("pos-till", "GET", "before-failover")).isEqualTo("1");
            assertThat(set.primary()).isSameAs(promoted);
            System.out.println("sentinel failover took " + failover.toMillis() + " ms");

            // the old primary comes back as a replica of the new one
            set.rejoin(killed);
            assertThat(((List<?>) killed.call("ROLE")).get(0)).isEqualTo("slave");
            promoted.callAs("pos-till", "SET", "after-failover", "2");
            promoted.call("WAIT", "1", "2000");
            assertThat(killed.callAs("pos-till", "GET", "after-failover")).isEqualTo("2");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
