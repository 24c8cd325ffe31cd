package pos.core.voucher;

import java.util.Objects;

/**
 * The result of verifying a scanned voucher code on the till ({@link VoucherCodec#verify}):
 * {@link Valid} with the voucher, or {@link Refused} with the reason. Immutable.
 */
public sealed interface VoucherCheck {

    /** True for {@link Valid}. */
    boolean isValid();

    /** A genuine voucher, unexpired and redeemable at this store (R1: it names the voucher and its customer). */
    record Valid(Voucher voucher) implements VoucherCheck {
        public Valid {
            Objects.requireNonNull(voucher, "voucher");
        }

        @Override
        public boolean isValid() {
            return true;
        }
    }

    /**
     * A refused scan (R5).
     *
     * @param reason why
     * @param detail a sentence naming what exactly was wrong (printable ASCII, never the whole scan), for logs
     */
    record Refused(VoucherRefusal reason, String detail) implements VoucherCheck {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        /** The key of the clerk's message. */
        public String messageKey() {
            return reason.messageKey();
        }

        @Override
        public boolean isValid() {
            return false;
        }
    }
}
