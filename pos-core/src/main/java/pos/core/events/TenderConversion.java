package pos.core.events;

import java.util.Objects;
import pos.core.sale.TenderType;

/**
 * The conversion of one tender type (R19): its tender page opened → sales paid by it. Immutable.
 *
 * @param tender     the tender type
 * @param pageId     its page id ({@link PageIds})
 * @param conversion the counts and the rate
 */
public record TenderConversion(TenderType tender, String pageId, Conversion conversion) {

    public TenderConversion {
        Objects.requireNonNull(tender, "tender");
        Objects.requireNonNull(pageId, "pageId");
        Objects.requireNonNull(conversion, "conversion");
    }
}
