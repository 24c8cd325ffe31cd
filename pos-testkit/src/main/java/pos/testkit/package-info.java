/**
 * Test harness: a real {@code redis-server} and a real {@code mariadbd}, started as child
 * processes of the test JVM on free loopback ports with throw-away data directories.
 *
 * <p>Start with {@link pos.testkit.junit.WithRedis} / {@link pos.testkit.junit.WithMariaDb} on a
 * test class, or use {@link pos.testkit.redis.RedisProcess} and
 * {@link pos.testkit.mariadb.MariaDbProcess} directly. Children die with the JVM, even when it is
 * killed with SIGKILL, and anything a dead JVM left behind is swept at the next start.
 */
package pos.testkit;
