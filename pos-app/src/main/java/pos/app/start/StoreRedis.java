package pos.app.start;

import io.lettuce.core.api.StatefulRedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.config.RedisRequirement;
import pos.app.config.TillConfig;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.UnableToReachRedisException;

/**
 * The till's one client of the store's Redis (issue 11): every part of the till (sale and event sync, payments,
 * rules, vouchers, alerts, people) dials its connections from it, and only the start-up closes it. Stateless.
 */
public final class StoreRedis {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRedis.class);

    private StoreRedis() {
    }

    /**
     * The client of {@code config}'s Redis, or null when no Redis is configured. Nothing is dialled unless
     * {@code pos.redis.requirement=required}: then a connection is made and PINGed now, with this till's login.
     *
     * @throws UnableToReachRedisException when Redis is required and cannot be reached or refuses the login (the
     *     client is closed again)
     */
    public static RedisConnections open(TillConfig config) {
        if (config.redisUrl().isEmpty()) {
            return null;
        }
        RedisConnections redis = RedisConnections.create(config.redisUrl().get(), config.redisLogin());
        if (config.redisRequirement() == RedisRequirement.REQUIRED) {
            try (StatefulRedisConnection<String, String> connection = redis.connect()) {
                connection.sync().ping();
                LOG.info("the store's Redis at {} answers (pos.redis.requirement=required)", redis.endpoint());
            } catch (RuntimeException e) {
                redis.close();
                throw e instanceof UnableToReachRedisException unreachable ? unreachable : redis.unreachable(e);
            }
        }
        return redis;
    }
}
