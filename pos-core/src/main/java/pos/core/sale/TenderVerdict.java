package pos.core.sale;

import java.util.Objects;
import pos.core.money.Money;

/** What {@link TenderLimits#check} says about a cash tender. Immutable and thread-safe. */
public sealed interface TenderVerdict {

    /** Why a tender is refused; each has a message key in the till's bundles. */
    enum Reason {
        /** Less than the amount due; {@link Refuse#shortBy()} says how much more is needed. */
        SHORT,
        /** Zero (or less). */
        NOT_POSITIVE,
        /** Another currency than the sale's. */
        CURRENCY
    }

    /** A plausible tender: pay it, give {@code change}. */
    record Ok(Money change) implements TenderVerdict {
        public Ok {
            Objects.requireNonNull(change, "change");
        }
    }

    /**
     * More change than {@code plausibleChange} (a few of the largest notes): the clerk confirms the
     * amount before the sale is paid, or corrects it.
     */
    record Confirm(Money change, Money plausibleChange) implements TenderVerdict {
        public Confirm {
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(plausibleChange, "plausibleChange");
        }
    }

    /** Not a tender for this sale; {@code shortBy} is the amount still needed ({@link Reason#SHORT}), else the due or zero. */
    record Refuse(Reason reason, Money shortBy) implements TenderVerdict {
        public Refuse {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(shortBy, "shortBy");
        }
    }
}
