package pos.core.events;

import java.util.Objects;
import pos.core.sale.TenderType;

/**
 * The conversion of one tender type (R19): its tender page opened → sales paid by it. Immutable.
 *
 * @param tender     the tender type
 * @param pageId     its page id ({@link PageIds})
 * @param conversion the counts and the rate
 * @param paidWithoutPage sales paid (partly) by this tender in the period without its page shown during the sale
 *                   (the rest of a split payment, a member's or a voucher's part): not conversions, counted beside
 */
public record TenderConversion(TenderType tender, String pageId, Conversion conversion, long paidWithoutPage) {

    /** A row without sales paid outside the page. */
    public TenderConversion(TenderType tender, String pageId, Conversion conversion) {
        this(tender, pageId, conversion, 0);
    }

    public TenderConversion {
        Objects.requireNonNull(tender, "tender");
        Objects.requireNonNull(pageId, "pageId");
        Objects.requireNonNull(conversion, "conversion");
        if (paidWithoutPage < 0) {
            throw new IllegalArgumentException("paidWithoutPage must not be negative: " + paidWithoutPage);
        }
    }
}
