package pos.core.rules;

import java.util.Set;

/** The payment fields a rule can point the clerk to (R15's correction link). */
public final class Fields {
    public static final String ORDER_ID = "orderId";
    public static final String PAYEE = "payee";
    public static final String AMOUNT = "amount";
    public static final String CARD = "card";
    public static final String ACCOUNT = "account";
    /** The cart itself: remove or change an item. */
    public static final String CART = "cart";
    /** The clerk's confirmation of the customer's age. */
    public static final String AGE_CONFIRMATION = "ageConfirmation";

    public static final Set<String> REQUIRABLE = Set.of(ORDER_ID, PAYEE, AMOUNT, CARD, ACCOUNT);

    private Fields() {
    }
}
