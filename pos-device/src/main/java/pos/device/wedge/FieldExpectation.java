package pos.device.wedge;

import java.util.Locale;

/**
 * What the focused control expects to be typed into it, so a burst of keys can be judged by where it
 * lands as well as by its timing (DESIGN §7). A screen states it on a control with
 * {@code <properties expects="amount"/>} in FXML ({@link #PROPERTY} in the node's properties). Immutable.
 */
public enum FieldExpectation {
    /** A product code, a voucher or a pay-code: a scanner burst is a scan unless it cannot be a code. */
    CODE,
    /** An amount of money: a burst is a scan only if it is a code the store knows. */
    AMOUNT,
    /** A bank card number: a burst is a scan only if it is a code the store knows. */
    CARD,
    /** A PIN: a burst is a scan only if it is a code the store knows. */
    PIN,
    /** Words (a name, a note): a burst is a scan only if it is a code the store knows. */
    TEXT;

    /** The key of the node property that names the expectation ({@code code}, {@code amount}, ...). */
    public static final String PROPERTY = "expects";

    /**
     * The expectation a node property names; {@link #CODE} when there is none or it names no
     * expectation (a control nobody marked behaves as every control did before expectations existed).
     */
    public static FieldExpectation fromProperty(Object value) {
        if (value instanceof String name) {
            for (FieldExpectation expectation : values()) {
                if (expectation.name().equals(name.strip().toUpperCase(Locale.ROOT))) {
                    return expectation;
                }
            }
        }
        return CODE;
    }

    /** True for fields where a person types something other than a code. */
    boolean wantsTyping() {
        return this != CODE;
    }
}
