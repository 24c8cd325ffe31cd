package pos.core.refund;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the customer brings back: original line number → pieces (1 for a weighed line, which comes
 * back whole), and why. Immutable; the lines keep the order they were added in.
 *
 * @param quantities original line number → pieces brought back
 * @param reason     why; null when none given
 */
public record ReturnRequest(Map<Integer, Integer> quantities, String reason) {

    public ReturnRequest {
        Objects.requireNonNull(quantities, "quantities");
        quantities = Collections.unmodifiableMap(new LinkedHashMap<>(quantities));
        quantities.forEach((line, qty) -> {
            Objects.requireNonNull(line, "line number");
            Objects.requireNonNull(qty, "quantity");
        });
    }

    /** A request for one line. */
    public static ReturnRequest of(int lineNo, int quantity, String reason) {
        return new ReturnRequest(Map.of(lineNo, quantity), reason);
    }

    /** This request with {@code quantity} pieces of line {@code lineNo} (replacing any earlier quantity of it; 0 removes it). */
    public ReturnRequest with(int lineNo, int quantity) {
        Map<Integer, Integer> changed = new LinkedHashMap<>(quantities);
        if (quantity == 0) {
            changed.remove(lineNo);
        } else {
            changed.put(lineNo, quantity);
        }
        return new ReturnRequest(changed, reason);
    }

    /** This request with another reason. */
    public ReturnRequest because(String newReason) {
        return new ReturnRequest(quantities, newReason);
    }

    public boolean isEmpty() {
        return quantities.isEmpty();
    }
}
