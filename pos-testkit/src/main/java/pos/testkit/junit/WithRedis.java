package pos.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Gives a test class the run's shared real Redis, emptied ({@code FLUSHALL}) before the class
 * starts and running before every test, and injects it as a {@link pos.testkit.redis.RedisProcess}
 * into non-final fields of that type and into test, lifecycle and constructor parameters.
 *
 * <p>Under parallel execution, classes with this annotation share the server (a READ lock on
 * {@link RealServicesExtension#REDIS_RESOURCE}); a class that stops, kills or restarts it must
 * also carry {@code @ResourceLock(RealServicesExtension.REDIS_RESOURCE)} to run alone.
 *
 * <p>{@code @WithRedis(tls = true, aclUsers = "pos-till ~till:* +@all -@dangerous")} gives a
 * TLS-only Redis with those ACL users instead (see {@link pos.testkit.redis.RedisProcess.Builder#tls()}
 * and {@link pos.testkit.redis.RedisProcess.Builder#aclUser}); it is shared in the run by every
 * class that asks for the same TLS flag and users. Passwords: {@code redis.password("pos-till")}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RealServicesExtension.class)
@ResourceLock(value = RealServicesExtension.REDIS_RESOURCE, mode = ResourceAccessMode.READ)
public @interface WithRedis {

    /** @return whether the server speaks TLS only, with a throw-away CA (default false) */
    boolean tls() default false;

    /**
     * @return ACL users, each "name rules…", e.g. {@code "pos-till ~till:* +@all -@dangerous"};
     *     any user turns the {@code default} user off (default: no users, no ACLs)
     */
    String[] aclUsers() default {};
}
