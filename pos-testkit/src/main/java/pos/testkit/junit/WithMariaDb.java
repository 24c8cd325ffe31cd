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
 * Gives a test class the run's shared real MariaDB, running before every test, and a fresh
 * empty database of its own ({@code t_<random>}, dropped after the class), and injects a
 * {@link pos.testkit.mariadb.MariaDbProcess} and a {@link pos.testkit.mariadb.TestDatabase}
 * into non-final fields of those types and into test, lifecycle and constructor parameters.
 *
 * <p>Under parallel execution, classes with this annotation share the server (a READ lock on
 * {@link RealServicesExtension#MARIADB_RESOURCE}); a class that stops, kills or restarts it must
 * also carry {@code @ResourceLock(RealServicesExtension.MARIADB_RESOURCE)} to run alone.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RealServicesExtension.class)
@ResourceLock(value = RealServicesExtension.MARIADB_RESOURCE, mode = ResourceAccessMode.READ)
public @interface WithMariaDb {
}
