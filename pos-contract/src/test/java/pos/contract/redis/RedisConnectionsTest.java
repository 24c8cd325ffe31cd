package pos.contract.redis;

import pos.contract.redis.InvalidRedisUriException;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisLink;
import pos.contract.redis.UnableToReachRedisException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisURI;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import pos.testkit.junit.WithRedis;
import pos.testkit.redis.RedisProcess;

@WithRedis
@DisplayName("RedisConnections")
class RedisConnectionsTest {

    RedisProcess redis;

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            redis://127.0.0.1:6380/2,  127.0.0.1, 6380, 2
            redis://hub.store.lan,     hub.store.lan, 6379, 0
            redis://10.0.0.5:7000,     10.0.0.5, 7000, 0
            """)
    @DisplayName("Redis URIs give host, port and database")
    void parsesRedisUris(String uri, String host, int port, int database) {
        RedisURI parsed = RedisConnections.parse(uri);
        assertThat(parsed.getHost()).isEqualTo(host);
        assertThat(parsed.getPort()).isEqualTo(port);
        assertThat(parsed.getDatabase()).isEqualTo(database);
        assertThat(parsed.getTimeout()).isEqualTo(RedisConnections.COMMAND_TIMEOUT);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"localhost:6379", "http://127.0.0.1:6379", "", "redis://", "redis://:6379/0"})
    @DisplayName("anything else is refused with a clear message")
    void refusesWhatIsNotARedisUri(String uri) {
        assertThatThrownBy(() -> RedisConnections.parse(uri))
                .isInstanceOf(InvalidRedisUriException.class)
                .hasMessageContaining("expected redis://host:port/db");
    }

    @Test
    @DisplayName("clients reject commands while disconnected, with a bounded queue, timeouts and keepalive (DESIGN §7)")
    void clientOptionsFailFast() {
        ClientOptions options = RedisConnections.clientOptions();
        assertThat(options.getDisconnectedBehavior()).isEqualTo(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        assertThat(options.getRequestQueueSize()).isEqualTo(RedisConnections.REQUEST_QUEUE_SIZE);
        assertThat(options.isAutoReconnect()).isTrue();
        assertThat(options.getTimeoutOptions().isTimeoutCommands()).isTrue();
        assertThat(options.getSocketOptions().getConnectTimeout()).isEqualTo(RedisConnections.CONNECT_TIMEOUT);
        assertThat(options.getSocketOptions().isKeepAlive()).isTrue();
    }

    @Test
    @DisplayName("connecting to a port where nothing listens fails at once, saying connection refused")
    void deadPortFailsWithConnectionRefused() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (RedisConnections connections = RedisConnections.create("redis://127.0.0.1:" + port + "/0")) {
            long started = System.nanoTime();
            assertThatThrownBy(connections::connect)
                    .isInstanceOf(UnableToReachRedisException.class)
                    .hasMessage("redis 127.0.0.1:" + port + ": connection refused");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(RedisConnections.CONNECT_TIMEOUT.plusSeconds(1));
        }
    }

    @Test
    @DisplayName("after Redis dies a command fails instead of waiting, and the link says connection refused")
    void commandsFailFastOnceRedisIsGone() throws Exception {
        try (RedisProcess own = new RedisProcess().start();
                RedisConnections connections = RedisConnections.create(own.uri());
                RedisLink link = new RedisLink(connections, "test")) {
            assertThat(link.get().sync().ping()).isEqualTo("PONG");
            own.kill();
            long started = System.nanoTime();
            Throwable failure = null;
            for (int i = 0; i < 3 && failure == null; i++) {
                try {
                    link.get().async().set("k", "v").get(10, TimeUnit.SECONDS);
                } catch (ExecutionException | UnableToReachRedisException e) {
                    failure = e instanceof ExecutionException ? link.failed(e) : e;
                }
            }
            assertThat(failure).isInstanceOf(UnableToReachRedisException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThatThrownBy(link::get)
                    .isInstanceOf(UnableToReachRedisException.class)
                    .hasMessage("redis 127.0.0.1:" + own.port() + ": connection refused");
            own.start();
            assertThat(link.get().sync().ping()).isEqualTo("PONG");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    @DisplayName("a blocking read may block longer than the command timeout without timing out")
    void blockingReadsGetTheirBlockTimeOnTop() {
        try (RedisConnections connections = RedisConnections.create(redis.uri());
                StatefulRedisConnection<String, String> blocking = connections.connect()) {
            blocking.sync().xgroupCreate(XReadArgs.StreamOffset.from("blocking-test", "0"), "g", XGroupCreateArgs.Builder.mkstream());
            long blockMillis = RedisConnections.COMMAND_TIMEOUT.toMillis() + 1_000;
            long started = System.nanoTime();
            var messages = blocking.sync().xreadgroup(Consumer.from("g", "c"), XReadArgs.Builder.block(blockMillis),
                    XReadArgs.StreamOffset.lastConsumed("blocking-test"));
            assertThat(messages).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(blockMillis - 100));
        }
    }
}
