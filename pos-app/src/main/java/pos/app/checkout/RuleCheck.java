package pos.app.checkout;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.card.CardNumber;
import pos.core.catalog.Product;
import pos.core.money.Money;
import pos.core.rules.CardSpending;
import pos.core.rules.Fields;
import pos.core.rules.PaymentFacts;
import pos.core.rules.RuleBase;
import pos.core.rules.RuleResult;
import pos.core.rules.SaleWindowRefusal;
import pos.core.rules.SoldItem;
import pos.core.rules.TimeWindow;
import pos.core.rules.Verification;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;

/**
 * The rule pre-check of the checkout (R13–R15, R26): every tender, cash included, is checked
 * against the rule base in force before anything is paid or sent; a failure opens the popup, one
 * row per failed rule with the field its "Fix" moves to. Not thread-safe: UI thread only.
 */
public final class RuleCheck {

    private static final Logger LOG = LoggerFactory.getLogger(RuleCheck.class);

    private final Checkout checkout;
    private final CheckoutText text;
    private final Clock clock;
    private Supplier<RuleBase> rules = RuleBase::empty;
    private CardSpending cardSpending = CardSpending.none();
    private String payee = "";
    private final List<CheckFailureRow> failures = new ArrayList<>();
    private boolean popupVisible;
    private boolean ageCheckVisible;
    /** The tender the last check was for: the popup's words and Enter after the age box depend on it. */
    private TenderType checkedTender = TenderType.CASH;

    RuleCheck(Checkout checkout, CheckoutText text, Clock clock) {
        this.checkout = checkout;
        this.text = text;
        this.clock = clock;
    }

    void use(Supplier<RuleBase> rules, CardSpending spending, String payee) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.cardSpending = Objects.requireNonNull(spending, "spending");
        this.payee = Objects.requireNonNull(payee, "payee");
    }

    /** The rule base in force (asked afresh each time, so a new version applies at once). */
    public RuleBase ruleBase() {
        return rules.get();
    }

    /** The rows of the open popup (empty when closed). */
    public List<CheckFailureRow> failures() {
        return List.copyOf(failures);
    }

    public boolean popupVisible() {
        return popupVisible;
    }

    /**
     * The popup's title: for cash (and the member's balance) nothing was taken; for a tender that goes
     * through the payment service (card, QR, pay-code) nothing was sent.
     */
    public String title() {
        return text.format(sentToGateway() ? "check.title.sent" : "check.title.cash");
    }

    private boolean sentToGateway() {
        return checkedTender == TenderType.CARD || checkedTender == TenderType.QR || checkedTender == TenderType.PAY_CODE;
    }

    /** Whether the "customer is of age" check box shows (a rule asked for it in this sale). */
    public boolean ageCheckVisible() {
        return ageCheckVisible;
    }

    void newSale() {
        ageCheckVisible = false;
        popupVisible = false;
        failures.clear();
    }

    /** Checks a cash, QR, pay-code or member payment of {@code amount}; a failure opens the popup and answers false. */
    boolean passes(TenderType tender, Money amount) {
        checkedTender = tender;
        PaymentFacts facts = new PaymentFacts(checkout.sale().id().value(), payee, tender, amount, null, "", soldItems(),
                ZonedDateTime.now(clock), checkout.ageConfirmed());
        List<CheckFailureRow> rows = new ArrayList<>();
        addFailures(facts, rows, FocusTarget.CART);
        if (rows.isEmpty()) {
            return true;
        }
        open(rows);
        return false;
    }

    /** Adds a row for each rule the card payment {@code orderId} of {@code amount} (null: did not parse) with {@code card} fails. */
    void addCardFailures(String orderId, Money amount, CardNumber card, List<CheckFailureRow> rows) {
        checkedTender = TenderType.CARD;
        PaymentFacts facts = new PaymentFacts(orderId, payee, TenderType.CARD, amount, card, "", soldItems(),
                ZonedDateTime.now(clock), checkout.ageConfirmed());
        addFailures(facts, rows, FocusTarget.CARD_AMOUNT);
    }

    private void addFailures(PaymentFacts facts, List<CheckFailureRow> rows, FocusTarget amountField) {
        Verification verification;
        try {
            verification = rules.get().verify(facts, cardSpending);
        } catch (RuntimeException e) {
            LOG.error("rule base check failed", e);
            rows.add(new CheckFailureRow("rules", text.format("rules.error", e.getMessage()), FocusTarget.CART,
                    text.format("rule.kind.other")));
            return;
        }
        // issue 11 defect 14: a field another line already names is not listed again as "missing"
        Set<String> named = new HashSet<>();
        for (CheckFailureRow row : rows) {
            named.add(row.field() == FocusTarget.CARD_NUMBER ? Fields.CARD : Fields.AMOUNT);
        }
        for (RuleResult r : verification.failures()) {
            if (!MISSING.equals(r.messageKey())) {
                named.add(r.field());
            }
        }
        for (RuleResult failed : verification.failures()) {
            RuleResult r = MISSING.equals(failed.messageKey()) ? withoutNamed(failed, named) : failed;
            if (r == null) {
                continue;
            }
            FocusTarget target = switch (r.field()) {
                case Fields.AMOUNT -> amountField;
                case Fields.CARD -> FocusTarget.CARD_NUMBER;
                case Fields.AGE_CONFIRMATION -> FocusTarget.AGE_CONFIRMATION;
                default -> FocusTarget.CART;
            };
            rows.add(new CheckFailureRow(r.keyword(), reasonText(r), target, kindText(r.messageKey())));
        }
    }

    private static final String MISSING = "rule.required_fields.missing";

    /** A "missing fields" failure without the fields another line names; null when none is left. */
    private static RuleResult withoutNamed(RuleResult missing, Set<String> named) {
        if (missing.arguments().isEmpty() || !(missing.arguments().get(0) instanceof List<?> fields)) {
            return missing;
        }
        List<String> left = fields.stream().map(String::valueOf).filter(f -> !named.contains(f)).toList();
        if (left.isEmpty()) {
            return null;
        }
        named.addAll(left);
        return new RuleResult(missing.keyword(), false, missing.messageKey(), List.of(left), left.get(0),
                missing.customMessage());
    }

    /** issue 11 defect 6: the kind of check in a sentence, from the rule type in its message key, never the keyword. */
    private String kindText(String messageKey) {
        String[] parts = messageKey.split("\\.");
        String key = parts.length >= 3 ? "rule.kind." + parts[1] : "";
        return text.has(key) ? text.format(key) : text.format("rule.kind.other");
    }

    void open(List<CheckFailureRow> rows) {
        failures.clear();
        for (CheckFailureRow row : rows) {
            boolean same = failures.stream().anyMatch(f -> f.field() == row.field() && f.reason().equals(row.reason()));
            if (!same) { // issue 11 defect 14: each failed field and reason once
                failures.add(row.kind().isEmpty() ? row.withKind(text.format(
                        row.field() == FocusTarget.CARD_AMOUNT ? "check.kind.amount" : "rule.kind.other")) : row);
            }
        }
        if (rows.stream().anyMatch(r -> r.field() == FocusTarget.AGE_CONFIRMATION)) {
            ageCheckVisible = true;
        }
        popupVisible = true;
        checkout.say(MessageKind.ERROR, sentToGateway() ? "check.failed.sent" : "check.failed.cash", failures.size());
    }

    /** The check passed: the popup closes and forgets its rows. */
    void passed() {
        popupVisible = false;
        failures.clear();
    }

    /** R15: the "Fix" link of a popup line: closes the popup and puts the focus on that field. */
    public void fix(CheckFailureRow row) {
        popupVisible = false;
        if (row.field() == FocusTarget.CART) {
            if (checkout.sale().state() == SaleState.TENDERING && !checkout.sale().isPartPaid()) {
                checkout.backToCartForFix();
            }
            checkout.requestFocus(FocusTarget.CART);
            checkout.say(MessageKind.INFO, "check.fixCart");
            return;
        }
        if (row.field() == FocusTarget.AGE_CONFIRMATION) {
            ageCheckVisible = true; // shows before the focus comes
            checkout.requestFocus(row.field());
            checkout.say(MessageKind.INFO, "check.fixAge");
            return;
        }
        if (row.field() == FocusTarget.CARD_NUMBER) {
            checkout.card().clearForRetyping(); // the refused number is typed again from the start
        }
        checkout.requestFocus(row.field());
        checkout.say(MessageKind.INFO, "check.fixField", row.reason());
    }

    /** Alt+n: the n-th row's "Fix" (0-based), while the popup shows. */
    public void fixRow(int index) {
        if (popupVisible && index < failures.size()) {
            fix(failures.get(index));
        }
    }

    /** Esc on the popup: close it, keep everything as typed. */
    public void close() {
        popupVisible = false;
        CheckoutState state = checkout.state();
        checkout.requestFocus(state == CheckoutState.CARD_ENTRY ? FocusTarget.CARD_NUMBER
                : state == CheckoutState.CASH ? FocusTarget.TENDER_FIELD : FocusTarget.SCAN_FIELD);
    }

    /**
     * Enter on the "customer's age checked" box (issue 11 defect 2): pays again with the tender the
     * rules stopped. The cash and card panels pay from their own fields; this is for the cart's box.
     */
    public void payAfterAgeCheck() {
        if (checkout.state() != CheckoutState.CART) {
            return;
        }
        switch (checkedTender) {
            case CASH -> checkout.openCash();
            case QR -> checkout.openQr();
            case PAY_CODE -> checkout.openPayCode();
            case CARD -> checkout.openCard();
            default -> checkout.requestFocus(FocusTarget.SCAN_FIELD);
        }
    }

    /**
     * Issue 11 defect 2: when an item just added needs the customer's age checked (a rule of the rule
     * base in force asks for the age confirmation for it), the box shows and the clerk is told at
     * once, before any payment. Answers whether it asked.
     */
    boolean askAgeFor(Product product) {
        if (checkout.ageConfirmed()) {
            return false;
        }
        PaymentFacts facts = new PaymentFacts(checkout.sale().id().value(), payee, TenderType.CASH, checkout.sale().total(),
                null, "", List.of(soldItem(product)), ZonedDateTime.now(clock), false);
        Verification verification;
        try {
            verification = rules.get().verify(facts, CardSpending.none());
        } catch (RuntimeException e) {
            LOG.error("age check of {} failed; the payment's rule check will say so", product.code(), e);
            return false;
        }
        Optional<RuleResult> age = verification.failures().stream()
                .filter(r -> Fields.AGE_CONFIRMATION.equals(r.field())).findFirst();
        if (age.isEmpty()) {
            return false;
        }
        ageCheckVisible = true;
        RuleResult r = age.get();
        if ("rule.age_restricted.confirm".equals(r.messageKey()) && r.arguments().size() == 2) {
            checkout.say(MessageKind.WARNING, "age.notice", r.arguments().get(0), product.name());
        } else {
            checkout.say(MessageKind.WARNING, "age.noticeOther", product.name());
        }
        return true;
    }

    /** R26: refuses an item outside its sale time windows, naming the windows. */
    boolean outsideSaleWindow(Product product) {
        Optional<SaleWindowRefusal> refusal;
        try {
            refusal = rules.get().sellable(soldItem(product), ZonedDateTime.now(clock));
        } catch (RuntimeException e) {
            LOG.error("sale time window check failed for {}", product.code(), e);
            checkout.say(MessageKind.ERROR, "rules.error", e.getMessage());
            return true;
        }
        if (refusal.isEmpty()) {
            return false;
        }
        SaleWindowRefusal r = refusal.get();
        if (!r.customMessage().isEmpty()) {
            checkout.say(MessageKind.ERROR, "sell.window.refusedCustom", product.name(), r.customMessage(),
                    text.windows(r.windows()));
        } else {
            checkout.say(MessageKind.ERROR, "sell.window.refused", product.name(), text.windows(r.windows()));
        }
        return true;
    }

    private static SoldItem soldItem(Product product) {
        return new SoldItem(product.code(), product.name(), product.category());
    }

    private List<SoldItem> soldItems() {
        return checkout.sale().lines().stream().map(l -> soldItem(l.product())).toList();
    }

    private String reasonText(RuleResult r) {
        if (r.customMessageIfAny().isPresent()) {
            return r.customMessage();
        }
        Object[] args = r.arguments().stream().map(this::argumentText).toArray();
        if (!text.has(r.messageKey())) {
            LOG.warn("no text for rule message {} of rule {}", r.messageKey(), r.keyword());
            return text.format("rule.failedGeneric");
        }
        return text.format(r.messageKey(), args);
    }

    private Object argumentText(Object arg) {
        if (arg instanceof Money m) {
            return text.money(m);
        }
        if (arg instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof TimeWindow) {
            @SuppressWarnings("unchecked")
            List<TimeWindow> windows = (List<TimeWindow>) list;
            return text.windows(windows);
        }
        if (arg instanceof List<?> list) {
            return String.join(", ", list.stream().map(o -> {
                String key = "field." + o;
                return text.has(key) ? text.bundle().getString(key) : String.valueOf(o);
            }).toList());
        }
        return arg;
    }
}
