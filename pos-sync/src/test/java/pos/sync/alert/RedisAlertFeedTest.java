package pos.sync.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.sync.StoreAlert;
import pos.contract.redis.RedisConnections;
import pos.testkit.junit.WithRedis;
import pos.testkit.redis.RedisProcess;

@WithRedis
class RedisAlertFeedTest {

    RedisProcess redis;

    @Test
    @DisplayName("R12 a till sees the hub's alerts as they are raised and cleared, and keeps them while Redis is away")
    void aTillSeesTheHubsAlertsRaisedAndCleared() throws Exception {
        try (RedisConnections connections = RedisConnections.create(redis.uri());
             RedisAlertFeed feed = new RedisAlertFeed(connections, "pos:alerts", Duration.ofMillis(100))) {
            List<List<StoreAlert>> seen = new CopyOnWriteArrayList<>();
            feed.onChange(seen::add);
            redis.call("HSET", "pos:alerts", "mariadb-unreachable",
                    "{\"level\":\"CRITICAL\",\"message\":\"MariaDB unreachable for 31 s\",\"since\":\"2026-11-22T10:00:00Z\"}");
            redis.call("HSET", "pos:alerts", "broken", "not json");
            await("both alerts in the feed").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> feed.current().size() == 2);
            assertThat(feed.current()).extracting(StoreAlert::name).containsExactly("broken", "mariadb-unreachable");
            assertThat(feed.current().get(1).critical()).isTrue();
            assertThat(feed.current().get(1).message()).isEqualTo("MariaDB unreachable for 31 s");
            assertThat(feed.current().get(0).message()).contains("not json");

            redis.kill();
            Thread.sleep(400);
            assertThat(feed.current()).hasSize(2);
            redis.restart();
            redis.call("DEL", "pos:alerts");
            await("the feed to empty").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> feed.current().isEmpty());
            assertThat(seen).last().isEqualTo(List.of());
        }
    }

}
