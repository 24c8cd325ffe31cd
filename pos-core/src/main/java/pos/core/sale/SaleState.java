package pos.core.sale;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a sale: {@code OPEN → TENDERING → PAID}, or {@code CANCELLED} from OPEN or
 * TENDERING. TENDERING can go back to OPEN (the clerk leaves the tender screen to change the cart).
 */
public enum SaleState {
    OPEN, TENDERING, PAID, CANCELLED;

    public Set<SaleState> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(TENDERING, CANCELLED);
            case TENDERING -> EnumSet.of(OPEN, PAID, CANCELLED);
            case PAID, CANCELLED -> EnumSet.noneOf(SaleState.class);
        };
    }

    public boolean isFinal() {
        return this == PAID || this == CANCELLED;
    }
}
