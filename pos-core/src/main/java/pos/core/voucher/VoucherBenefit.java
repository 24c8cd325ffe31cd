package pos.core.voucher;

import java.util.Objects;
import java.util.regex.Pattern;
import pos.core.money.Money;

/**
 * What a voucher gives the customer: an amount off the sale, or one product. Immutable.
 */
public sealed interface VoucherBenefit {

    /** The largest amount off a voucher may carry, in minor units (10,000,000.00). */
    long MAX_AMOUNT_MINOR = 1_000_000_000L;

    /** An amount off the sale, applied as a VOUCHER tender. */
    record AmountOff(Money amount) implements VoucherBenefit {
        public AmountOff {
            Objects.requireNonNull(amount, "amount");
            if (amount.minorUnits() < 1 || amount.minorUnits() > MAX_AMOUNT_MINOR) {
                throw new IllegalArgumentException("a voucher's amount off must be 1.." + MAX_AMOUNT_MINOR
                        + " minor units: " + amount.minorUnits());
            }
        }
    }

    /** One product, added to the sale free of charge. */
    record Product(String productCode) implements VoucherBenefit {
        private static final Pattern CODE = Pattern.compile("[0-9A-Za-z_-]{1,32}");

        public Product {
            Objects.requireNonNull(productCode, "productCode");
            if (!CODE.matcher(productCode).matches()) {
                throw new IllegalArgumentException("a voucher's product code is 1-32 characters of 0-9 A-Z a-z _ -: '"
                        + VoucherCodec.printable(productCode) + "'");
            }
        }
    }
}
