package pos.sync.refund;

import java.util.Objects;
import pos.core.refund.ReturnQuote;

/**
 * A return as planned and journaled before any money moved ({@link RefundStepKind#RETURN_STARTED}):
 * the checked quote and who made it where. Immutable.
 *
 * @param quote      the lines and money and how it goes back
 * @param tillId     the till taking the goods back
 * @param clerkId    the clerk, null without sign-in
 * @param approverId the supervisor who approved it, null when no approval was needed
 * @param shiftId    the open shift, null when none
 */
public record StartedReturn(ReturnQuote quote, String tillId, String clerkId, String approverId, String shiftId) {
    public StartedReturn {
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(tillId, "tillId");
    }

    public String returnId() {
        return quote.returnId();
    }
}
