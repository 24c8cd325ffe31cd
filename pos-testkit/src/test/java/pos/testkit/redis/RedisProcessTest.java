package pos.testkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pos.testkit.internal.FreePorts;

class RedisProcessTest {

    private static RedisProcess redis;

    @BeforeAll
    static void startRedis() {
        redis = new RedisProcess().start();
    }

    @AfterAll
    static void closeRedis() {
        redis.close();
    }

    @Test
    void startedRedisAnswersPingOnANonStandardLoopbackPort() {
        assertThat(redis.isRunning()).isTrue();
        assertThat(redis.call("PING")).isEqualTo("PONG");
        assertThat(redis.host()).isEqualTo("127.0.0.1");
        assertThat(FreePorts.isStandard(redis.port())).isFalse();
        assertThat(redis.port()).isNotIn(6379, 3306);
        assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + redis.port());
        assertThat(redis.call("CONFIG", "GET", "bind")).isEqualTo(java.util.List.of("bind", "127.0.0.1"));
        assertThat(redis.call("CONFIG", "GET", "save")).isEqualTo(java.util.List.of("save", ""));
        assertThat(redis.call("CONFIG", "GET", "appendonly")).isEqualTo(java.util.List.of("appendonly", "yes"));
        assertThat(redis.call("CONFIG", "GET", "dir")).isEqualTo(java.util.List.of("dir", redis.dataDir().toString()));
    }

    @Test
    void callDecodesEveryReplyType() {
        redis.flushAll();
        assertThat(redis.call("SET", "greeting", "你好")).isEqualTo("OK");
        assertThat(redis.call("GET", "greeting")).isEqualTo("你好");
        assertThat(redis.call("GET", "missing")).isNull();
        assertThat(redis.call("INCR", "counter")).isEqualTo(1L);
        assertThat(redis.call("RPUSH", "list", "a", "b")).isEqualTo(2L);
        assertThat(redis.call("LRANGE", "list", "0", "-1")).isEqualTo(java.util.List.of("a", "b"));
        assertThatThrownBy(() -> redis.call("LPUSH", "greeting", "x"))
                .isInstanceOf(RedisErrorReplyException.class)
                .hasMessageContaining("WRONGTYPE");
    }

    @Test
    void stopAndRestartKeepThePortAndTheAppendOnlyData() {
        int port = redis.port();
        redis.call("SET", "survives-stop", "yes");
        redis.stop();
        assertThat(redis.isRunning()).isFalse();
        assertThat(answers(port)).isFalse();
        assertThat(redis.ping()).isFalse();

        redis.start();
        assertThat(redis.port()).isEqualTo(port);
        assertThat(redis.call("GET", "survives-stop")).isEqualTo("yes");

        redis.call("SET", "survives-restart", "yes");
        redis.restart();
        assertThat(redis.port()).isEqualTo(port);
        assertThat(redis.call("GET", "survives-stop")).isEqualTo("yes");
        assertThat(redis.call("GET", "survives-restart")).isEqualTo("yes");
    }

    @Test
    void killNineAndRestartKeepThePortAndEveryAcknowledgedWriteWithFsyncAlways() {
        try (RedisProcess durable = RedisProcess.builder().appendFsync(RedisProcess.AppendFsync.ALWAYS).build().start()) {
            int port = durable.port();
            long pidBefore = durable.pid();
            for (int i = 0; i < 100; i++) {
                durable.call("RPUSH", "sales", "sale-" + i);
            }
            durable.kill();
            assertThat(durable.isRunning()).isFalse();
            assertThat(ProcessHandle.of(pidBefore).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(answers(port)).isFalse();

            durable.restart();
            assertThat(durable.port()).isEqualTo(port);
            assertThat(durable.pid()).isNotEqualTo(pidBefore);
            assertThat(durable.call("LLEN", "sales")).isEqualTo(100L);
        }
    }

    @Test
    void withoutAppendOnlyARestartStartsEmpty() {
        try (RedisProcess volatileRedis = RedisProcess.builder().appendOnly(false).build().start()) {
            volatileRedis.call("SET", "gone", "soon");
            volatileRedis.restart();
            assertThat(volatileRedis.call("GET", "gone")).isNull();
        }
    }

    @Test
    void closeKillsTheServerAndDeletesTheDataDirectory() {
        RedisProcess other = new RedisProcess().start();
        int port = other.port();
        assertThat(port).isNotEqualTo(redis.port());
        assertThat(Files.isDirectory(other.dataDir())).isTrue();
        other.close();
        assertThat(other.dataDir()).doesNotExist();
        assertThat(answers(port)).isFalse();
        other.close(); // twice is harmless
        assertThatThrownBy(other::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aServerThatExitsWhileStartingExplainsWhatItLogged() {
        // an unknown option makes redis-server exit at once; the error must carry its log
        RedisProcess broken = RedisProcess.builder().extraArguments("--no-such-option", "1").build();
        try {
            assertThatThrownBy(broken::start)
                    .isInstanceOf(pos.testkit.UnableToStartServerException.class)
                    .hasMessageContaining("redis-server exited with code")
                    .hasMessageContaining("no-such-option");
        } finally {
            broken.close();
        }
    }

    static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
