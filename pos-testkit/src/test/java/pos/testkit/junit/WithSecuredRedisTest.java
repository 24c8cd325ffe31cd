package pos.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import pos.testkit.redis.RedisErrorReplyException;
import pos.testkit.redis.RedisProcess;

@WithRedis(tls = true, aclUsers = {"pos-till ~till:* +get +set", "pos-hub ~* +@all"})
class WithSecuredRedisTest {

    RedisProcess redis;

    @Test
    void theAnnotationGivesATlsOnlyRedisWithTheNamedAclUsers() {
        assertThat(redis.isTls()).isTrue();
        assertThat(redis.uri()).startsWith("rediss://");
        assertThat(redis.aclUsers()).containsExactly(RedisProcess.ADMIN_USER, "pos-till", "pos-hub");
        assertThat(redis.callAs("pos-till", "SET", "till:1", "x")).isEqualTo("OK");
        assertThatThrownBy(() -> redis.callAs("pos-till", "SET", "hub:1", "x"))
                .isInstanceOf(RedisErrorReplyException.class).hasMessageContaining("NOPERM");
        assertThat(redis.callAs("pos-hub", "GET", "till:1")).isEqualTo("x");
    }
}
