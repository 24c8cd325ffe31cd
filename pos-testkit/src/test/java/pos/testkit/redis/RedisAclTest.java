package pos.testkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisAclTest {

    private static RedisProcess redis;

    @BeforeAll
    static void startRedisWithAcls() {
        redis = RedisProcess.builder()
                .aclUser("pos-till", "~till:* +get +set +incr +ping")
                .aclUser("pos-reader", "~* +get +ping")
                .build().start();
    }

    @AfterAll
    static void closeRedis() {
        redis.close();
    }

    @Test
    void eachUserMayRunOnlyItsCommandsOnItsKeys() {
        assertThat(redis.callAs("pos-till", "SET", "till:1:total", "42")).isEqualTo("OK");
        assertThat(redis.callAs("pos-reader", "GET", "till:1:total")).isEqualTo("42");
        assertThatThrownBy(() -> redis.callAs("pos-till", "SET", "hub:secret", "x"))
                .isInstanceOf(RedisErrorReplyException.class).hasMessageContaining("NOPERM");
        assertThatThrownBy(() -> redis.callAs("pos-reader", "SET", "till:1:total", "0"))
                .isInstanceOf(RedisErrorReplyException.class).hasMessageContaining("NOPERM");
        assertThatThrownBy(() -> redis.callAs("pos-till", "FLUSHALL"))
                .isInstanceOf(RedisErrorReplyException.class).hasMessageContaining("NOPERM");
        assertThat(redis.call("GET", "till:1:total")).isEqualTo("42");
    }

    @Test
    void theDefaultUserIsOffSoAnUnauthenticatedClientCanDoNothing() {
        assertThatThrownBy(() -> redis.callAs(null, "GET", "till:1:total"))
                .isInstanceOf(RedisErrorReplyException.class).hasMessageContaining("NOAUTH");
    }

    @Test
    void aWrongPasswordIsRefusedAndTheErrorDoesNotCarryIt() {
        RedisErrorReplyException refused = org.junit.jupiter.api.Assertions.assertThrows(RedisErrorReplyException.class,
                () -> Resp.call(new Resp.Target(redis.host(), redis.port(), null, "pos-till", "not-the-password"),
                        java.time.Duration.ofSeconds(2), "PING"));
        assertThat(refused.reply()).startsWith("WRONGPASS");
        assertThat(refused.getMessage()).doesNotContain("not-the-password");
    }

    @Test
    void passwordsAreRandomHashedInAnOwnerOnlyAclFileAndNotOnTheCommandLine() throws IOException {
        String password = redis.password("pos-till");
        assertThat(password).hasSizeGreaterThanOrEqualTo(24).isNotEqualTo(redis.password("pos-reader"));
        var aclFile = redis.dataDir().resolve("users.acl");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(aclFile))).isEqualTo("rw-------");
        assertThat(Files.readString(aclFile)).contains("user default off").doesNotContain(password);
        String commandLine = ProcessHandle.of(redis.pid()).orElseThrow().info().commandLine().orElse("");
        assertThat(commandLine).isNotEmpty().doesNotContain(password).doesNotContain("pos-till");
        assertThatThrownBy(() -> redis.password("nobody")).isInstanceOf(IllegalArgumentException.class);
    }
}
