package pos.contract.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.testkit.junit.WithRedis;
import pos.testkit.redis.RedisProcess;

@WithRedis
@DisplayName("RedisConnections over TLS (issue 10)")
class RedisTlsConnectionsTest {

    private static RedisProcess tls;

    RedisProcess plain;

    @BeforeAll
    static void startTlsRedis() {
        tls = RedisProcess.builder().tls().build().start();
    }

    @AfterAll
    static void closeTlsRedis() {
        tls.close();
    }

    private static RedisSettings trustingTheTestCa() {
        return RedisSettings.none().withTrustStore(tls.tlsFiles().trustStore(), tls.tlsFiles().trustStorePassword());
    }

    @Test
    @DisplayName("rediss:// with the store's trust store: a round trip works and the server saw a TLS client")
    void roundTripThroughTrustStore() {
        try (RedisConnections connections = RedisConnections.create(tls.uri() + "/0", trustingTheTestCa());
                StatefulRedisConnection<String, String> connection = connections.connect()) {
            connection.sync().set("tls:greeting", "hello");
            assertThat(connection.sync().get("tls:greeting")).isEqualTo("hello");
            assertThat(tls.call("GET", "tls:greeting")).isEqualTo("hello");
            assertThat(connections.safeUri()).isEqualTo("rediss://127.0.0.1:" + tls.port() + "/0");
        }
    }

    @Test
    @DisplayName("rediss:// with a PEM CA file works too, pub/sub included")
    void roundTripThroughCaFile() throws Exception {
        RedisSettings settings = RedisSettings.none().withCaCertificate(tls.tlsFiles().caCertificate());
        try (RedisConnections connections = RedisConnections.create(tls.uri(), settings);
                var pubSub = connections.connectPubSub()) {
            var received = new java.util.concurrent.LinkedBlockingQueue<String>();
            pubSub.addListener(new io.lettuce.core.pubsub.RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    received.add(message);
                }
            });
            pubSub.sync().subscribe("tls:hints");
            tls.call("PUBLISH", "tls:hints", "re-read");
            assertThat(received.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("re-read");
        }
    }

    @Test
    @DisplayName("a plain redis:// client gets no service from a TLS-only server and is told to try rediss://")
    void plainClientIsRefused() {
        String plainUri = "redis://127.0.0.1:" + tls.port();
        try (RedisConnections connections = RedisConnections.create(plainUri)) {
            long started = System.nanoTime();
            assertThatThrownBy(connections::connect)
                    .isInstanceOf(UnableToReachRedisException.class)
                    .hasMessageStartingWith("redis 127.0.0.1:" + tls.port() + ": ")
                    .hasMessageContaining("rediss://");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    @DisplayName("a server certificate from a CA the client does not trust: the handshake fails, naming the trust store")
    void untrustedCaIsNamed() {
        try (RedisProcess other = RedisProcess.builder().tls().build();
                RedisConnections connections = RedisConnections.create(tls.uri(), RedisSettings.none()
                        .withTrustStore(other.tlsFiles().trustStore(), other.tlsFiles().trustStorePassword()))) {
            assertThatThrownBy(connections::connect)
                    .isInstanceOf(RedisTlsHandshakeException.class)
                    .hasMessage("redis at 127.0.0.1:" + tls.port() + ": TLS handshake failed: the server's certificate "
                            + "is not signed by a CA in the trust store " + other.tlsFiles().trustStore());
        }
    }

    @Test
    @DisplayName("a certificate for another host name fails hostname verification")
    void certificateForAnotherHostIsRefused() {
        try (RedisProcess misnamed = RedisProcess.builder().tls(List.of("DNS:redis.store.lan")).build().start();
                RedisConnections connections = RedisConnections.create(misnamed.uri(), RedisSettings.none()
                        .withCaCertificate(misnamed.tlsFiles().caCertificate()))) {
            assertThatThrownBy(connections::connect)
                    .isInstanceOf(RedisTlsHandshakeException.class)
                    .hasMessageContaining("TLS handshake failed: the server's certificate is not issued for the host dialled")
                    .hasMessageContaining("127.0.0.1");
        }
    }

    @Test
    @DisplayName("rediss:// to a plain server fails within the timeouts and asks whether redis:// was meant")
    void tlsClientToPlainServer() {
        try (RedisConnections connections = RedisConnections.create("rediss://127.0.0.1:" + plain.port(), trustingTheTestCa())) {
            long started = System.nanoTime();
            assertThatThrownBy(connections::connect)
                    .isInstanceOf(UnableToReachRedisException.class)
                    .hasMessageStartingWith("redis 127.0.0.1:" + plain.port() + ": ")
                    .hasMessageContaining("should the URI be redis://?");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
