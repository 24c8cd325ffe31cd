package pos.contract.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.api.StatefulRedisConnection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pos.testkit.junit.WithRedis;
import pos.testkit.redis.RedisProcess;

@WithRedis(tls = true, aclUsers = "pos-till ~till:* &* +@all -@dangerous")
@DisplayName("RedisConnections with ACL users over TLS (issue 10)")
class RedisAclConnectionsTest {

    static RedisProcess redis;

    @TempDir
    Path dir;

    private static RedisSettings settings(RedisCredentials credentials) {
        return RedisSettings.none().withCaCertificate(redis.tlsFiles().caCertificate()).withCredentials(credentials);
    }

    private Path passwordFile(String password, String mode) throws Exception {
        Path file = dir.resolve("redis.password");
        Files.writeString(file, password + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    @DisplayName("the user from a 0600 password file logs in over TLS and works on its keys")
    void userFromPasswordFileWorks() throws Exception {
        RedisCredentials credentials = RedisCredentials.fromFile("pos-till", passwordFile(redis.password("pos-till"), "rw-------"));
        try (RedisConnections connections = RedisConnections.create(redis.uri(), settings(credentials));
                StatefulRedisConnection<String, String> connection = connections.connect()) {
            assertThat(connection.sync().aclWhoami()).isEqualTo("pos-till");
            assertThat(connection.sync().incr("till:1:sales")).isEqualTo(1L);
        }
    }

    @Test
    @DisplayName("a wrong password: a sentence naming host, port and user, and not the password, even in the causes")
    void wrongPasswordIsASentenceWithoutThePassword() {
        String wrong = "Not-The-Password-42";
        try (RedisConnections connections = RedisConnections.create(redis.uri(),
                settings(RedisCredentials.of("pos-till", wrong.toCharArray())))) {
            Throwable failure = org.junit.jupiter.api.Assertions.assertThrows(RedisLoginRefusedException.class, connections::connect);
            assertThat(failure).hasMessage("redis at 127.0.0.1:" + redis.port() + " refused user 'pos-till': wrong password (WRONGPASS)");
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).contains("WRONGPASS").doesNotContain(wrong).doesNotContain(redis.password("pos-till"));
            assertThat(connections.settings().toString()).doesNotContain(wrong).contains("pos-till");
        }
    }

    @Test
    @DisplayName("no credentials for a server whose default user is off: NOAUTH, saying what to set")
    void noCredentialsSaysWhatToSet() {
        try (RedisConnections connections = RedisConnections.create(redis.uri(),
                RedisSettings.none().withCaCertificate(redis.tlsFiles().caCertificate()))) {
            assertThatThrownBy(connections::connect)
                    .isInstanceOf(RedisLoginRefusedException.class)
                    .hasMessageContaining("NOAUTH").hasMessageContaining(RedisCredentials.USER_VARIABLE);
        }
    }

    @Test
    @DisplayName("a refused command names the user, the command and the key")
    void nopermNamesCommandAndKey() throws Exception {
        RedisCredentials credentials = RedisCredentials.of("pos-till", redis.password("pos-till").toCharArray());
        try (RedisConnections connections = RedisConnections.create(redis.uri(), settings(credentials));
                RedisLink link = new RedisLink(connections, "test")) {
            ExecutionException keyRefused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> link.get().async().set("hub:signing-key", "x").get(5, TimeUnit.SECONDS));
            assertThat(link.failed(keyRefused, "SET", "hub:signing-key"))
                    .isInstanceOf(RedisPermissionDeniedException.class)
                    .hasMessageStartingWith("redis at 127.0.0.1:" + redis.port()
                            + " refused user 'pos-till' the command SET on key 'hub:signing-key' (NOPERM");
            ExecutionException commandRefused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> link.get().async().flushall().get(5, TimeUnit.SECONDS));
            assertThat(link.failed(commandRefused))
                    .isInstanceOf(RedisPermissionDeniedException.class)
                    .hasMessageStartingWith("redis at 127.0.0.1:" + redis.port() + " refused user 'pos-till' the command FLUSHALL (NOPERM");
            assertThat(redis.call("EXISTS", "hub:signing-key")).isEqualTo(0L);
        }
    }

    @ParameterizedTest(name = "mode {0}")
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw-----w-"})
    @DisplayName("a password file others may read or change is refused, saying which file and chmod 600")
    void openPasswordFileIsRefused(String mode) throws Exception {
        Path file = passwordFile(redis.password("pos-till"), mode);
        assertThatThrownBy(() -> RedisCredentials.fromFile("pos-till", file))
                .isInstanceOf(InvalidRedisCredentialsException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("chmod 600 " + file)
                .hasMessageNotContaining(redis.password("pos-till"));
    }

    @Test
    @DisplayName("credentials come from POS_REDIS_USER and POS_REDIS_PASSWORD_FILE; toString hides the password")
    void credentialsFromEnvironment() throws Exception {
        Path file = passwordFile("s3cret-from-file", "rw-------");
        RedisCredentials credentials = RedisCredentials.fromEnvironment(Map.of(
                RedisCredentials.USER_VARIABLE, "pos-till", RedisCredentials.PASSWORD_FILE_VARIABLE, file.toString())).orElseThrow();
        assertThat(credentials.username()).isEqualTo("pos-till");
        assertThat(new String(credentials.password())).isEqualTo("s3cret-from-file");
        assertThat(credentials.toString()).isEqualTo("user 'pos-till' (password hidden)");
        assertThat(RedisCredentials.fromEnvironment(Map.of())).isEmpty();
        assertThatThrownBy(() -> RedisCredentials.fromEnvironment(Map.of(RedisCredentials.USER_VARIABLE, "pos-till")))
                .isInstanceOf(InvalidRedisCredentialsException.class)
                .hasMessageContaining(RedisCredentials.PASSWORD_FILE_VARIABLE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis://pos-till:hunter2@10.0.0.5:6379/0", "rediss://hunter2@10.0.0.5:6380",
            "redis-sentinel://pos-till:hunter2@10.0.0.5:26379,10.0.0.6:26379/0#store"})
    @DisplayName("a URI with a password in it is refused, and the message masks it")
    void passwordInUriIsRefusedAndMasked(String uri) {
        assertThatThrownBy(() -> RedisConnections.create(uri))
                .isInstanceOf(InvalidRedisUriException.class)
                .hasMessageContaining("***@10.0.0.5")
                .hasMessageContaining(RedisCredentials.PASSWORD_FILE_VARIABLE)
                .hasMessageNotContaining("hunter2");
        assertThat(RedisConnections.redact(uri)).doesNotContain("hunter2");
    }
}
