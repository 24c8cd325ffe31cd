package pos.app.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.awaitility.core.ThrowingRunnable;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Conditions for Awaitility waits in TestFX tests: JavaFX state is read on the FX thread, as
 * JavaFX requires, after the events already queued there. Stateless, so thread-safe.
 *
 * <pre>{@code
 * await("the till shows paid").atMost(Duration.ofSeconds(10)).untilAsserted(onFx(() -> mode() == PAID, this::tillState));
 * }</pre>
 */
public final class FxConditions {

    private static final long FX_ANSWER_SECONDS = 10;

    private FxConditions() {
    }

    /** {@code condition}, checked on the FX thread. */
    public static Callable<Boolean> onFx(BooleanSupplier condition) {
        return () -> readOnFx(condition::getAsBoolean);
    }

    /**
     * {@code condition} checked on the FX thread, as an assertion: while it does not hold, the
     * failure (and so Awaitility's message on a timeout) says what {@code describe} read there.
     */
    public static ThrowingRunnable onFx(BooleanSupplier condition, Supplier<String> describe) {
        return () -> {
            String failure = readOnFx(() -> condition.getAsBoolean() ? null : describe.get());
            if (failure != null) {
                throw new AssertionError(failure);
            }
        };
    }

    /**
     * {@code condition} checked on Awaitility's thread (for state that is not JavaFX's, such as a
     * database); while it does not hold, the failure says what {@code describe} read on the FX thread.
     */
    public static ThrowingRunnable described(BooleanSupplier condition, Supplier<String> describe) {
        return () -> {
            if (!condition.getAsBoolean()) {
                throw new AssertionError(readOnFx(describe::get));
            }
        };
    }

    /** Runs {@code read} on the FX thread and returns what it returned; its exception is thrown here. */
    public static <T> T readOnFx(Callable<T> read) throws Exception {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(FX_ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("the FX thread did not answer within " + FX_ANSWER_SECONDS + " s", e);
        }
    }
}
