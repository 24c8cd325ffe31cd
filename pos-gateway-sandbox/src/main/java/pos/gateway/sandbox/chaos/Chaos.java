package pos.gateway.sandbox.chaos;

import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import pos.gateway.sandbox.api.Knobs;

/**
 * The current {@link Knobs} and the seeded dice they are rolled with. The same seed and the same
 * sequence of requests give the same declines, drops and delays.
 *
 * <p>Thread-safe: the knobs are swapped atomically and rolls are serialized.
 */
public final class Chaos {

    private final AtomicReference<Knobs> knobs;
    private final long seed;
    private final Random dice;

    /**
     * Creates the dice.
     *
     * @param initial the starting knobs
     * @param seed the seed of every roll
     */
    public Chaos(Knobs initial, long seed) {
        this.knobs = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
        this.seed = seed;
        this.dice = new Random(seed);
    }

    /**
     * The knobs in force now.
     *
     * @return the knobs
     */
    public Knobs knobs() {
        return knobs.get();
    }

    /**
     * Replaces the knobs.
     *
     * @param newKnobs the knobs from now on
     */
    public void setKnobs(Knobs newKnobs) {
        knobs.set(Objects.requireNonNull(newKnobs, "newKnobs"));
    }

    /**
     * Changes the knobs atomically.
     *
     * @param change computes the new knobs from the current ones
     * @return the new knobs
     */
    public Knobs updateKnobs(UnaryOperator<Knobs> change) {
        return knobs.updateAndGet(current -> Objects.requireNonNull(change.apply(current), "the changed knobs"));
    }

    /**
     * Takes one of the {@code refund_timeouts} still to come, if any: the refund request being
     * answered now is then answered late.
     *
     * @return whether this refund request times out
     */
    public boolean takeRefundTimeout() {
        while (true) {
            Knobs current = knobs.get();
            if (current.refundTimeouts() <= 0) {
                return false;
            }
            if (knobs.compareAndSet(current, current.withRefundTimeouts(current.refundTimeouts() - 1))) {
                return true;
            }
        }
    }

    /**
     * The seed the dice were created with, to reproduce a run.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Rolls the dice.
     *
     * @param rate the probability of {@code true}, 0 to 1
     * @return {@code true} with probability {@code rate}; never for 0, always for 1
     */
    public boolean roll(double rate) {
        if (rate <= 0.0) {
            return false;
        }
        if (rate >= 1.0) {
            return true;
        }
        synchronized (dice) {
            return dice.nextDouble() < rate;
        }
    }
}
