package pos.testkit.internal;

import pos.testkit.redis.RedisProcess;

/**
 * Main class of the child JVM in {@link ParentDeathTest}: starts a Redis, prints
 * {@code READY <port> <pid> <dataDir>} and waits to be killed.
 */
public final class ChildJvmWithRedis {

    private ChildJvmWithRedis() {
    }

    public static void main(String[] args) throws InterruptedException {
        RedisProcess redis = new RedisProcess().start();
        System.out.println("READY " + redis.port() + " " + redis.pid() + " " + redis.dataDir());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
