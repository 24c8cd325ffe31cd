package pos.app.sell;

/**
 * What a part of the sell screen (card entry, vouchers) may see and do of the screen it belongs to:
 * the sale on screen, its mode, the message bar and the focus. {@link SellViewModel} implements it
 * (and each part's own {@code Host}) on a private object, so the parts never reach its fields.
 * Not thread-safe: UI thread only.
 */
interface SellContext {

    /** The sale on screen; a new object after each finished or cancelled sale. */
    pos.core.sale.Sale sale();

    SellMode mode();

    void changeMode(SellMode mode);

    /** Shows the message {@code key}, formatted with {@code args}, in the message bar. */
    void say(MessageKind kind, String key, Object... args);

    /** Shows an already formatted {@code sentence} in the message bar. */
    void show(MessageKind kind, String sentence);

    /** The text {@code key} in the till's language, formatted with {@code args}; the key itself when missing. */
    String format(String key, Object... args);

    void requestFocus(FocusTarget target);

    /** Reports a press of the tender button {@code elementId} (R19) when buried points are on. */
    void clicked(String elementId);
}
