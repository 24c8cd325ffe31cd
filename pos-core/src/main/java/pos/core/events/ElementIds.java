package pos.core.events;

/**
 * The element ids the cashier's screens report in {@link UiEvent.Kind#ELEMENT_CLICKED} events
 * (R19): a button pressed or its function key. Stateless, thread-safe.
 */
public final class ElementIds {

    /** Cash: the amount handed over confirmed (Enter). */
    public static final String CASH_CONFIRM = "cash.confirm";
    /** Cash: exact amount (F10). */
    public static final String CASH_EXACT = "cash.exact";
    /** QR or pay-code: pay again after a failure or a timeout. */
    public static final String PAY_AGAIN = "pay.again";
    /** QR or pay-code: check the result again (F10). */
    public static final String CHECK_AGAIN = "pay.checkAgain";
    /** Leave a tender for another one (Esc). */
    public static final String OTHER_TENDER = "tender.other";
    /** Card: pay pressed. */
    public static final String CARD_PAY = "card.pay";
    /** Sell screen: the reports button. */
    public static final String OPEN_REPORTS = "sell.reports";
    /** Reports: a period chosen. */
    public static final String REPORTS_PERIOD = "reports.period";

    private ElementIds() {
    }
}
