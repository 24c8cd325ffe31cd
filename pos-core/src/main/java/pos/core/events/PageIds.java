package pos.core.events;

import java.util.Objects;
import java.util.Optional;
import pos.core.sale.TenderType;

/**
 * The page ids the cashier's screens report in {@link UiEvent.Kind#PAGE_SHOWN} events (R19). The
 * screens and the conversion report use these constants, so a renamed page cannot silently
 * drop out of the report. Stateless, thread-safe.
 */
public final class PageIds {

    /** The cash tender panel opened (F9). */
    public static final String TENDER_CASH = "tender.cash";
    /** The QR tender opened (F11): the clerk chose "the till shows a QR code". */
    public static final String TENDER_QR = "tender.qr";
    /** The pay-code tender opened (F4, or a wallet code scanned with items in the cart). */
    public static final String TENDER_PAY_CODE = "tender.paycode";
    /** The bank card tender opened. */
    public static final String TENDER_CARD = "tender.card";
    /** A payment QR code was shown to the customer (once per attempt: "pay again" shows it again). */
    public static final String QR_SHOWN = "qr.shown";
    /** The reports view opened. */
    public static final String REPORTS = "reports";

    private PageIds() {
    }

    /** The tender page of {@code type}, if the till has one (member and voucher have none yet). */
    public static Optional<String> tenderPage(TenderType type) {
        Objects.requireNonNull(type, "type");
        return Optional.ofNullable(switch (type) {
            case CASH -> TENDER_CASH;
            case QR -> TENDER_QR;
            case PAY_CODE -> TENDER_PAY_CODE;
            case CARD -> TENDER_CARD;
            case MEMBER, VOUCHER -> null;
        });
    }
}
