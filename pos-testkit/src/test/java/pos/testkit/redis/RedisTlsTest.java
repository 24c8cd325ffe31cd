package pos.testkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisTlsTest {

    private static RedisProcess redis;

    @BeforeAll
    static void startTlsRedis() {
        redis = RedisProcess.builder().tls().build().start();
    }

    @AfterAll
    static void closeRedis() {
        redis.close();
    }

    @Test
    void tlsServerAnswersPingOverTlsWithItsThrowAwayCa() {
        assertThat(redis.isTls()).isTrue();
        assertThat(redis.uri()).isEqualTo("rediss://127.0.0.1:" + redis.port());
        assertThat(redis.call("PING")).isEqualTo("PONG");
        assertThat(redis.call("CONFIG", "GET", "port")).isEqualTo(List.of("port", "0"));
        assertThat(redis.call("CONFIG", "GET", "tls-port")).isEqualTo(List.of("tls-port", Integer.toString(redis.port())));
        assertThat(redis.call("CONFIG", "GET", "tls-auth-clients")).isEqualTo(List.of("tls-auth-clients", "optional"));
    }

    @Test
    void plainTextOnTheTlsPortGetsNoAnswer() throws IOException {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(redis.host(), redis.port()), 2000);
            plain.setSoTimeout(2000);
            plain.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            plain.getOutputStream().flush();
            String answer;
            try (InputStream in = plain.getInputStream()) {
                answer = new String(in.readNBytes(64), StandardCharsets.ISO_8859_1);
            } catch (IOException closedOrReset) {
                answer = ""; // the server dropped the connection: that is a refusal too
            }
            assertThat(answer).doesNotContain("PONG");
        }
    }

    @Test
    void aClientThatTrustsAnotherCaFailsTheHandshake() {
        try (RedisProcess other = RedisProcess.builder().tls().build()) {
            // other's CA did not sign redis' certificate
            assertThatThrownBy(() -> {
                try (SSLSocket socket = other.tlsFiles().openSocket(redis.host(), redis.port(), 2000)) {
                    socket.startHandshake();
                }
            }).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void keysTrustStoreAndConfigAreFilesTheOwnerAloneCanReadAndNoSecretIsOnTheCommandLine() throws IOException {
        for (var file : List.of(redis.tlsFiles().serverKey(), redis.tlsFiles().trustStorePasswordFile(), redis.configFile())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(Files.readString(redis.configFile())).contains("tls-key-file " + redis.tlsFiles().serverKey());
        String commandLine = ProcessHandle.of(redis.pid()).orElseThrow().info().commandLine().orElse("");
        assertThat(commandLine).doesNotContain("tls-key-file").doesNotContain(new String(redis.tlsFiles().trustStorePassword()));
    }
}
