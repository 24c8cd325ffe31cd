package pos.hub.voucher;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.voucher.VoucherKeys;

/**
 * The keys the hub signs credit vouchers with (issue 12.3): the store's voucher keys, as for
 * {@code ./pos hub vouchers issue}: the environment variable {@code POS_VOUCHER_KEYS} ({@code keyId=secret[,…]},
 * the first signs); without it the sandbox key, with a warning, which only development tills accept.
 * The secrets are never logged. Stateless.
 */
public final class CreditVoucherKeys {

    /** The environment variable holding the store's voucher keys. */
    public static final String ENVIRONMENT_VARIABLE = "POS_VOUCHER_KEYS";

    private static final Logger log = LoggerFactory.getLogger(CreditVoucherKeys.class);

    private CreditVoucherKeys() {
    }

    /**
     * The voucher keys of {@code environment}.
     *
     * @throws IllegalArgumentException if POS_VOUCHER_KEYS is set but not {@code keyId=secret[,…]}
     */
    public static VoucherKeys fromEnvironment(Map<String, String> environment) {
        String text = environment.get(ENVIRONMENT_VARIABLE);
        if (text == null || text.isBlank()) {
            log.warn("No {}: credit vouchers for refunds are signed with the sandbox key {}, which only development tills"
                    + " accept; set it to the store's voucher keys", ENVIRONMENT_VARIABLE, VoucherKeys.SANDBOX_KEY_ID);
            return VoucherKeys.sandbox();
        }
        return VoucherKeys.parse(text);
    }
}
