package pos.hub.voucher;

import java.time.Instant;
import java.util.Objects;
import pos.core.voucher.Voucher;

/**
 * A voucher the hub issued, with its code, as kept in MariaDB's {@code vouchers}. Immutable.
 *
 * @param voucher  the voucher
 * @param code     its signed text (what the QR code holds)
 * @param issuedAt when it was issued
 */
public record IssuedVoucher(Voucher voucher, String code, Instant issuedAt) {

    public IssuedVoucher {
        Objects.requireNonNull(voucher, "voucher");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }
}
