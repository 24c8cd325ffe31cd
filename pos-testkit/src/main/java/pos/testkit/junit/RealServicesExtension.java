package pos.testkit.junit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.testkit.mariadb.MariaDbProcess;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * JUnit 5 extension behind {@link WithRedis} and {@link WithMariaDb}: one real Redis and one
 * real MariaDB per test run, started lazily by the first class that needs them, shared by all
 * classes and closed (killed, directories deleted) when the run ends. Thread-safe.
 *
 * <p>For each test class (and each {@code @Nested} class) it
 * <ul>
 *   <li>starts the shared server again if an earlier test left it stopped or killed;</li>
 *   <li>Redis: runs {@code FLUSHALL}, so the class starts with no keys;</li>
 *   <li>MariaDB: creates a fresh database {@code t_<random>} for the class, dropped after it;</li>
 *   <li>sets every non-final field (static or not, including inherited ones) declared with type
 *       {@link RedisProcess}, {@link MariaDbProcess} or {@link TestDatabase}, and resolves
 *       parameters of those types in constructors, lifecycle and test methods.</li>
 * </ul>
 * Before each test it starts a server that a previous test of the class left stopped. Tests may
 * therefore {@code stop()}, {@code kill()} and {@code restart()} the injected servers freely (the
 * port stays the same), but must not {@code close()} them.
 *
 * <p>Registered directly with {@code @ExtendWith(RealServicesExtension.class)} and neither
 * annotation, it provides both servers.
 *
 * <pre>{@code
 * @WithRedis
 * @WithMariaDb
 * class ArchiverTest {
 *     RedisProcess redis;        // set by the extension
 *     TestDatabase database;     // a fresh t_<random> for this class
 *
 *     @Test
 *     void R10_aRecordLeavesTheArchiveOnlyAfterCommit(MariaDbProcess mariadb) throws SQLException {
 *         RedisClient client = RedisClient.create(redis.uri());
 *         try (Connection c = database.openConnection()) { ... }
 *         mariadb.kill();            // the extension starts it again before the next test
 *     }
 * }
 * }</pre>
 */
public final class RealServicesExtension
        implements BeforeAllCallback, BeforeEachCallback, TestInstancePostProcessor, ParameterResolver {

    /** {@code @ResourceLock} key of the shared Redis; take it READ_WRITE in a class that stops or kills it. */
    public static final String REDIS_RESOURCE = "pos.testkit.redis";
    /** {@code @ResourceLock} key of the shared MariaDB; take it READ_WRITE in a class that stops or kills it. */
    public static final String MARIADB_RESOURCE = "pos.testkit.mariadb";

    private static final Logger LOG = LoggerFactory.getLogger(RealServicesExtension.class);
    private static final Namespace NAMESPACE = Namespace.create(RealServicesExtension.class);
    private static final Set<Class<?>> INJECTABLE = Set.of(RedisProcess.class, MariaDbProcess.class, TestDatabase.class);

    /** Creates the extension; JUnit does this. */
    public RealServicesExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ClassState state = classState(context);
        injectFields(null, context.getRequiredTestClass(), state);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        classState(context).ensureRunning();
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
        injectFields(testInstance, testInstance.getClass(), classState(context));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return INJECTABLE.contains(parameterContext.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        ClassState state = classState(extensionContext);
        Object value = state.valueOf(type);
        if (value == null) {
            throw new ParameterResolutionException(state.missingAnnotationMessage(type,
                    "parameter " + parameterContext.getParameter().getName() + " of "
                            + parameterContext.getDeclaringExecutable()));
        }
        return value;
    }

    private static ClassState classState(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        ExtensionContext owner = classContext;
        Class<?> testClass = owner.getRequiredTestClass();
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(new ClassKey(testClass),
                key -> new ClassState(owner.getRoot(), testClass), ClassState.class);
    }

    private static void injectFields(Object instance, Class<?> type, ClassState state) {
        boolean statics = instance == null;
        List<Field> fields = ReflectionSupport.findFields(type,
                field -> INJECTABLE.contains(field.getType())
                        && Modifier.isStatic(field.getModifiers()) == statics
                        && !Modifier.isFinal(field.getModifiers()),
                HierarchyTraversalMode.TOP_DOWN);
        for (Field field : fields) {
            Object value = state.valueOf(field.getType());
            if (value == null) {
                throw new ExtensionConfigurationException(state.missingAnnotationMessage(field.getType(),
                        "field " + field.getDeclaringClass().getSimpleName() + "." + field.getName()));
            }
            try {
                field.setAccessible(true);
                field.set(instance, value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new ExtensionConfigurationException("cannot set " + field + " to " + value, e);
            }
        }
    }

    private static boolean isAnnotated(Class<?> testClass, Class<? extends java.lang.annotation.Annotation> type) {
        for (Class<?> c = testClass; c != null; c = Modifier.isStatic(c.getModifiers()) ? null : c.getEnclosingClass()) {
            if (AnnotationSupport.isAnnotated(c, type)) {
                return true;
            }
        }
        return false;
    }

    /** Key of a class's state in its own store, so a nested class does not see its outer class's. */
    private record ClassKey(Class<?> testClass) {
    }

    /** Which shared Redis a class asks for: plain, or TLS and/or ACL users. */
    private record RedisKey(boolean tls, List<String> aclUsers) {
        static RedisKey of(Class<?> testClass) {
            WithRedis annotation = null;
            for (Class<?> c = testClass; c != null && annotation == null;
                    c = Modifier.isStatic(c.getModifiers()) ? null : c.getEnclosingClass()) {
                annotation = AnnotationSupport.findAnnotation(c, WithRedis.class).orElse(null);
            }
            return annotation == null ? new RedisKey(false, List.of())
                    : new RedisKey(annotation.tls(), List.of(annotation.aclUsers()));
        }

        RedisProcess build() {
            RedisProcess.Builder builder = RedisProcess.builder();
            if (tls) {
                builder.tls();
            }
            for (String user : aclUsers) {
                String[] nameAndRules = user.strip().split("\\s+", 2);
                builder.aclUser(nameAndRules[0], nameAndRules.length > 1 ? nameAndRules[1] : "");
            }
            return builder.build();
        }
    }

    /** The run-wide Redis, closed by JUnit when the root context closes. */
    private record SharedRedis(RedisProcess redis) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            redis.close();
        }
    }

    /** The run-wide MariaDB, closed by JUnit when the root context closes. */
    private record SharedMariaDb(MariaDbProcess mariadb) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            mariadb.close();
        }
    }

    /** What one test class gets; its database is dropped when the class's context closes. */
    private static final class ClassState implements ExtensionContext.Store.CloseableResource {
        private final Class<?> testClass;
        private final RedisProcess redis;
        private final MariaDbProcess mariadb;
        private final TestDatabase database;

        ClassState(ExtensionContext root, Class<?> testClass) {
            this.testClass = testClass;
            boolean wantsRedis = isAnnotated(testClass, WithRedis.class);
            boolean wantsMariaDb = isAnnotated(testClass, WithMariaDb.class);
            if (!wantsRedis && !wantsMariaDb) {
                wantsRedis = true; // registered directly: provide both
                wantsMariaDb = true;
            }
            ExtensionContext.Store shared = root.getStore(NAMESPACE);
            if (wantsRedis) {
                RedisKey redisKey = RedisKey.of(testClass);
                redis = shared.getOrComputeIfAbsent(redisKey,
                        key -> new SharedRedis(redisKey.build().start()), SharedRedis.class).redis();
                startIfStopped(redis.isRunning(), redis::start, "redis-server");
                redis.flushAll();
            } else {
                redis = null;
            }
            if (wantsMariaDb) {
                mariadb = shared.getOrComputeIfAbsent(SharedMariaDb.class,
                        key -> new SharedMariaDb(new MariaDbProcess().start()), SharedMariaDb.class).mariadb();
                startIfStopped(mariadb.isRunning(), mariadb::start, "mariadbd");
                database = mariadb.createTestDatabase();
                LOG.debug("{} gets database {}", testClass.getName(), database.name());
            } else {
                mariadb = null;
                database = null;
            }
        }

        Object valueOf(Class<?> type) {
            if (type == RedisProcess.class) {
                return redis;
            }
            if (type == MariaDbProcess.class) {
                return mariadb;
            }
            return type == TestDatabase.class ? database : null;
        }

        String missingAnnotationMessage(Class<?> type, String where) {
            String annotation = type == RedisProcess.class ? "@WithRedis" : "@WithMariaDb";
            return where + " needs a " + type.getSimpleName() + ": add " + annotation + " to " + testClass.getName();
        }

        void ensureRunning() {
            if (redis != null) {
                startIfStopped(redis.isRunning(), redis::start, "redis-server");
            }
            if (mariadb != null) {
                startIfStopped(mariadb.isRunning(), mariadb::start, "mariadbd");
            }
        }

        private void startIfStopped(boolean running, Runnable start, String name) {
            if (!running) {
                LOG.info("Starting {} again for {}: an earlier test left it stopped", name, testClass.getName());
                start.run();
            }
        }

        @Override
        public void close() {
            if (database == null) {
                return;
            }
            if (mariadb.isRunning()) {
                mariadb.dropDatabase(database.name());
            } else {
                LOG.debug("Not dropping {}: mariadbd is stopped; it goes with the data directory", database.name());
            }
        }
    }
}
