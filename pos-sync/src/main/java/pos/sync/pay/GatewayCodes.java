package pos.sync.pay;

import java.util.Optional;
import java.util.Set;
import pos.core.pay.Refusal;

/**
 * Reads the few gateway codes the till acts on, whether written the old way (a bare provider code such as
 * {@code ORDERPAID}) or as a {@link Refusal} ({@code OTHER:ORDER_NOT_EXIST}): the provider's own code decides.
 * Stateless, thread-safe.
 */
final class GatewayCodes {

    /** "The order is paid already" at a close: not a refusal, the sale is paid (R24). */
    static final String ORDER_PAID = "ORDERPAID";

    /** The gateway has no order under this id (the sandbox's and WeChat Pay's, Alipay's, older spellings). */
    private static final Set<String> UNKNOWN_ORDER = Set.of("ORDER_NOT_EXIST", "ORDERNOTEXIST", "NOT_FOUND",
            "ACQ.TRADE_NOT_EXIST");

    private GatewayCodes() {
    }

    /** The provider's own code in {@code code}, for an old bare code the code itself; empty for none. */
    static Optional<String> providerCode(String code) {
        return Refusal.parse(code).flatMap(Refusal::provider);
    }

    static boolean isOrderPaid(String code) {
        return providerCode(code).filter(ORDER_PAID::equals).isPresent();
    }

    static boolean isUnknownOrder(String code) {
        return providerCode(code).filter(UNKNOWN_ORDER::contains).isPresent();
    }
}
