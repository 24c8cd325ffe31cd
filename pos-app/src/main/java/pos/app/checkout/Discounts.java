package pos.app.checkout;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.audit.AuditEntry;
import pos.core.audit.AuditKind;
import pos.core.money.Money;
import pos.core.money.MoneyFormatException;
import pos.core.people.Approval;
import pos.core.people.ApprovalRequiredException;
import pos.core.people.GuardedAction;
import pos.core.people.SupervisedSale;
import pos.core.sale.Discount;
import pos.core.sale.DiscountLimits;
import pos.core.sale.PricedLine;
import pos.core.sale.Sale;
import pos.core.sale.SaleException;
import pos.core.sale.SaleLine;
import pos.core.sale.Totals;
import pos.core.text.NumericText;

/**
 * Discounts and price overrides at the checkout (issue 12 point 4), without a screen: F3 opens a
 * discount of the selected line, Shift+F3 one of the whole sale, Alt+O a price override of the
 * selected line. The clerk types {@code 10%} or {@code 2.50} (full-width digits read as digits), picks
 * or types a reason, Enter applies it; {@code 0} takes the discount (or override) off again.
 *
 * <p>Who may: a discount that takes off more than the store's {@link DiscountLimits} and every price
 * override ask a supervisor first through {@link Supervision} and go through {@link SupervisedSale},
 * which refuses them without the approval; a supervisor signed in approves their own at once. A till
 * without clerks (no supervision) applies them directly. Each discount, override, removal and
 * approval is added to the sale's audit trail. Not thread-safe: UI thread only.
 */
public final class Discounts {

    private static final Logger LOG = LoggerFactory.getLogger(Discounts.class);
    /** "10%", "12.5 %", "10％" (after {@link NumericText#normalise}: no spaces, ASCII). */
    private static final Pattern PERCENT = Pattern.compile("([0-9]+([.,][0-9]{0,2})?|[.,][0-9]{1,2})%");

    /** What the open discount applies to. */
    public enum Mode {
        /** The selected line's own discount (F3). */
        LINE,
        /** The whole sale's discount (Shift+F3). */
        SALE,
        /** A new unit price for the selected line (Alt+O). */
        OVERRIDE
    }

    /** The reasons offered (Alt+1…5), as message keys; the clerk may type another. */
    public static final List<String> REASON_KEYS = List.of("discount.reason.damaged", "discount.reason.priceMatch",
            "discount.reason.loyalty", "discount.reason.staff", "discount.reason.other");

    private final Checkout checkout;
    private final CheckoutText text;
    private DiscountLimits limits = DiscountLimits.DEFAULT;
    private Supervision supervision;
    private SupervisedSale supervised;
    private Supplier<String> clerkId = () -> null;
    private Mode mode;
    private int lineNo;
    private Sale openFor;

    Discounts(Checkout checkout, CheckoutText text) {
        this.checkout = checkout;
        this.text = text;
    }

    /** The store's cashier limits ({@code pos.discount.cashierMaxPercent}, {@code pos.discount.cashierMaxMinor}). */
    public void use(DiscountLimits discountLimits) {
        this.limits = Objects.requireNonNull(discountLimits, "discountLimits");
    }

    /** Discounts above the limits and price overrides ask {@code asking} and run through {@code guarded}. */
    public void useSupervision(Supervision asking, SupervisedSale guarded) {
        this.supervision = Objects.requireNonNull(asking, "asking");
        this.supervised = Objects.requireNonNull(guarded, "guarded");
    }

    /** Who is signed in now (for the audit trail), or null when nobody is or the till has no clerks. */
    public void useClerk(Supplier<String> signedInClerkId) {
        this.clerkId = Objects.requireNonNull(signedInClerkId, "signedInClerkId");
    }

    public DiscountLimits limits() {
        return limits;
    }

    // ---------------------------------------------------------------- open and close

    /**
     * Whether the discount entry shows: opened for this sale, which is still in the cart. An entry left
     * behind (a tender opened, the sale finished, its line voided) is closed for good, so it never
     * comes back when the clerk returns to the cart.
     */
    public boolean isOpen() {
        if (mode == null) {
            return false;
        }
        boolean open = openFor == checkout.sale() && checkout.state() == CheckoutState.CART
                && (mode == Mode.SALE ? !openFor.isEmpty() : openFor.line(lineNo).isPresent());
        if (!open) {
            closeQuietly();
        }
        return open;
    }

    /** What the open entry applies to, or empty. */
    public Optional<Mode> mode() {
        return isOpen() ? Optional.of(mode) : Optional.empty();
    }

    /** The line the open entry applies to (LINE, OVERRIDE), 0 for the sale. */
    public int lineNo() {
        return isOpen() && mode != Mode.SALE ? lineNo : 0;
    }

    /** F3, Shift+F3, Alt+O: opens the entry for {@code what}; says why not when it cannot. */
    public boolean open(Mode what) {
        Objects.requireNonNull(what, "what");
        if (checkout.state() != CheckoutState.CART) {
            checkout.say(MessageKind.ERROR, "discount.notInCart");
            return false;
        }
        Sale sale = checkout.sale();
        if (sale.isEmpty()) {
            checkout.say(MessageKind.ERROR, "discount.emptySale");
            return false;
        }
        int selected = checkout.cart().selectedLine();
        if (what != Mode.SALE && sale.line(selected).isEmpty()) {
            checkout.say(MessageKind.ERROR, "sell.noLineSelected");
            return false;
        }
        mode = what;
        lineNo = what == Mode.SALE ? 0 : selected;
        openFor = sale;
        checkout.say(MessageKind.INFO, "discount.prompt." + what.name(), targetText());
        return true;
    }

    /** Esc: closes the entry without a change; the keystrokes go back to the entry field. */
    public void close() {
        if (mode == null) {
            return;
        }
        mode = null;
        openFor = null;
        checkout.say(MessageKind.INFO, "sell.ready");
        checkout.requestFocus(FocusTarget.SCAN_FIELD);
    }

    private void closeQuietly() {
        mode = null;
        openFor = null;
    }

    /** "Line 2: Red wine, €17.98" or "The whole sale, €25.00": what the open entry changes. */
    public String targetText() {
        if (!isOpen()) {
            return "";
        }
        Sale sale = checkout.sale();
        if (mode == Mode.SALE) {
            Totals totals = sale.totals();
            return text.format("discount.target.sale", text.money(totals.total().plus(totals.saleDiscount())));
        }
        SaleLine line = sale.line(lineNo).orElseThrow();
        return text.format(mode == Mode.OVERRIDE ? "discount.target.override" : "discount.target.line", lineNo,
                line.product().name(), text.money(line.lineTotal()), text.money(sale.listPrice(lineNo)));
    }

    /** The discount (or override) the target has now, for the entry to show; empty when none. */
    public String currentText() {
        if (!isOpen()) {
            return "";
        }
        Sale sale = checkout.sale();
        return switch (mode) {
            case LINE -> sale.lineDiscount(lineNo).map(this::describe).orElse("");
            case SALE -> sale.saleDiscount().map(this::describe).orElse("");
            case OVERRIDE -> sale.overrideReason(lineNo).map(reason -> text.format("discount.current.override",
                    text.money(sale.line(lineNo).orElseThrow().unitPrice()), reason)).orElse("");
        };
    }

    /** The sale discount in the totals: "10 %, Loyalty" for a percentage, the reason alone for an amount. */
    public String note(Discount d) {
        return d.isPercent() ? text.format("discount.note.percent", BigDecimal.valueOf(d.value(), 2).stripTrailingZeros()
                .toPlainString(), d.reason()) : d.reason();
    }

    /** "10 % (loyalty)" or "€2.00 (damaged)". */
    public String describe(Discount d) {
        return d.isPercent() ? text.format("discount.describe.percent", BigDecimal.valueOf(d.value(), 2).stripTrailingZeros()
                .toPlainString(), d.reason())
                : text.format("discount.describe.amount", text.money(Money.ofMinor(d.value(), checkout.currency())), d.reason());
    }

    /** The cart's sub-line for a line with a discount or override: "was €10.00 · price match  −10 % (loyalty) −€0.80". */
    String rowText(SaleLine line, Money off) {
        Sale sale = checkout.sale();
        StringBuilder sub = new StringBuilder();
        sale.overrideReason(line.lineNo()).ifPresent(reason -> sub.append(text.format("discount.row.override",
                text.money(sale.listPrice(line.lineNo())), reason)));
        sale.lineDiscount(line.lineNo()).ifPresent(d -> {
            if (sub.length() > 0) {
                sub.append("  ");
            }
            sub.append(text.format("discount.row.discount", describe(d), text.money(off)));
        });
        return sub.toString();
    }

    // ---------------------------------------------------------------- reading what was typed

    /** What the clerk typed, read: a discount, the removal of one (0), or a sentence saying what is wrong. */
    public sealed interface Typed permits Typed.Off, Typed.Remove, Typed.Price, Typed.Wrong {
        /** A discount (percent or amount), its reason still to come. */
        record Off(Discount.Kind kind, long value) implements Typed {
        }

        /** 0 or 0 %: take the discount or override off. */
        record Remove() implements Typed {
        }

        /** A new unit price (override). */
        record Price(Money unitPrice) implements Typed {
        }

        /** Not usable; {@code sentence} says why. */
        record Wrong(String sentence) implements Typed {
        }
    }

    /** Reads {@code typed} for the open entry: {@code 10%} or {@code 2.50} (a price for an override). */
    public Typed read(String typed) {
        String t = typed == null ? "" : NumericText.normalise(typed);
        if (t.isEmpty()) {
            return new Typed.Wrong(text.format(mode == Mode.OVERRIDE ? "discount.typed.emptyPrice" : "discount.typed.empty"));
        }
        if (t.endsWith("%")) {
            if (mode == Mode.OVERRIDE) {
                return new Typed.Wrong(text.format("discount.typed.overrideNoPercent"));
            }
            if (!PERCENT.matcher(t).matches()) {
                return new Typed.Wrong(text.format("discount.typed.badPercent", CheckoutText.abbreviate(typed)));
            }
            BigDecimal percent = new BigDecimal(normaliseDecimal(t.substring(0, t.length() - 1)));
            if (percent.signum() == 0) {
                return new Typed.Remove();
            }
            if (percent.compareTo(BigDecimal.valueOf(100)) > 0) {
                return new Typed.Wrong(text.format("discount.typed.over100", CheckoutText.abbreviate(typed)));
            }
            return new Typed.Off(Discount.Kind.PERCENT, percent.movePointRight(2).longValueExact());
        }
        Money amount;
        try {
            amount = Money.parse(t, checkout.currency());
        } catch (MoneyFormatException e) {
            return new Typed.Wrong(text.format("discount.typed.badAmount", CheckoutText.abbreviate(typed)));
        }
        if (mode == Mode.OVERRIDE) {
            return new Typed.Price(amount);
        }
        if (amount.isZero()) {
            return new Typed.Remove();
        }
        if (amount.minorUnits() > Sale.MAX_TOTAL_MINOR) {
            return new Typed.Wrong(text.format("discount.typed.badAmount", CheckoutText.abbreviate(typed)));
        }
        return new Typed.Off(Discount.Kind.AMOUNT, amount.minorUnits());
    }

    private static String normaliseDecimal(String s) {
        String d = s.replace(',', '.');
        return d.startsWith(".") ? "0" + d : d;
    }

    /** The reason offered at {@code index} (0 for Alt+1), in the till's language. */
    public String reason(int index) {
        return text.format(REASON_KEYS.get(index));
    }

    // ---------------------------------------------------------------- applying

    /**
     * Enter: applies what was typed with {@code reason} to the open target. A discount above the
     * cashier's limit, and every override, asks a supervisor first (the entry stays open until the
     * answer comes). Returns true when it was applied or handed to the supervisor.
     */
    public boolean apply(String typed, String reason) {
        if (!isOpen()) {
            return false;
        }
        Typed read = read(typed);
        if (read instanceof Typed.Wrong wrong) {
            checkout.show(MessageKind.ERROR, wrong.sentence());
            return false;
        }
        if (read instanceof Typed.Remove) {
            return remove();
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            checkout.say(MessageKind.ERROR, "discount.reasonNeeded");
            return false;
        }
        if (why.length() > 80) {
            why = why.substring(0, 80);
        }
        Sale sale = checkout.sale();
        if (read instanceof Typed.Price price) {
            return override(sale, lineNo, price.unitPrice(), why);
        }
        Typed.Off off = (Typed.Off) read;
        Discount discount = new Discount(off.kind(), off.value(), why);
        Money base = base(sale);
        Money taken = discount.off(base);
        if (!taken.isPositive()) {
            checkout.say(MessageKind.ERROR, "discount.nothingToTake");
            return false;
        }
        boolean needsApproval = supervision != null && limits.needsApproval(discount, base);
        if (!needsApproval) {
            applyDiscount(sale, mode, lineNo, discount, taken, null);
            return true;
        }
        Mode what = mode;
        int line = lineNo;
        String subject = what == Mode.SALE ? SupervisedSale.saleSubject(sale) : SupervisedSale.lineSubject(sale, line);
        supervision.request(GuardedAction.DISCOUNT, subject,
                text.format("discount.approval.subject", targetText(), describe(discount), text.money(taken)),
                taken.minorUnits(), // issue 16: the money at stake
                approval -> {
                    if (sale != checkout.sale() || checkout.state() != CheckoutState.CART
                            || what != Mode.SALE && sale.line(line).isEmpty()) {
                        checkout.say(MessageKind.ERROR, "approval.staleSale");
                        return;
                    }
                    applyDiscount(sale, what, line, discount, taken, approval);
                },
                declined -> checkout.show(MessageKind.ERROR, declined));
        return true;
    }

    /** What the open target's discount is taken off: the line's price, or the sale's total before its discount. */
    private Money base(Sale sale) {
        Totals totals = sale.totals();
        if (mode == Mode.SALE) {
            return totals.total().plus(totals.saleDiscount());
        }
        return totals.lines().stream().filter(p -> p.line().lineNo() == lineNo).map(PricedLine::gross).findFirst()
                .orElse(Money.zero(checkout.currency()));
    }

    private void applyDiscount(Sale sale, Mode what, int line, Discount discount, Money taken, Approval approval) {
        try {
            if (what == Mode.SALE) {
                if (approval == null) {
                    sale.discountSale(discount);
                } else {
                    supervised.discountSale(sale, discount, approval);
                }
            } else if (approval == null) {
                sale.discountLine(line, discount);
            } else {
                supervised.discountLine(sale, line, discount, approval);
            }
        } catch (SaleException | ApprovalRequiredException | IllegalArgumentException e) {
            LOG.info("discount on sale {} refused: {}", sale.id().value(), e.getMessage());
            checkout.say(MessageKind.ERROR, "approval.refused", text.why(e));
            return;
        }
        String subject = what == Mode.SALE ? sale.id().value() : String.valueOf(line);
        audited(sale, what == Mode.SALE ? AuditKind.SALE_DISCOUNT : AuditKind.LINE_DISCOUNT, subject, taken.minorUnits(),
                discount.reason(), approval);
        LOG.info("{} discount {} on sale {} ({}), approved by {}", what, discount, sale.id().value(), subject,
                approval == null ? "nobody needed" : approval.approverId());
        closeQuietly();
        checkout.cartChanged(what == Mode.SALE ? checkout.cart().selectedLine() : line);
        checkout.say(MessageKind.SUCCESS, what == Mode.SALE ? "discount.applied.sale" : "discount.applied.line",
                describe(discount), text.money(taken), text.money(sale.total()));
        checkout.requestFocus(FocusTarget.SCAN_FIELD);
    }

    /** Issue 16: how much a price override changes the line's total by, in minor units. */
    private static long atStake(SaleLine before, Money unitPrice) {
        SaleLine after = new SaleLine(before.lineNo(), before.product(), before.quantity(), before.grams(), unitPrice);
        return Math.abs(before.lineTotal().minorUnits() - after.lineTotal().minorUnits());
    }

    private boolean override(Sale sale, int line, Money unitPrice, String reason) {
        SaleLine before = sale.line(line).orElseThrow();
        if (unitPrice.equals(before.unitPrice())) {
            checkout.say(MessageKind.INFO, "discount.override.same", text.money(unitPrice));
            return false;
        }
        if (supervision == null) {
            return doOverride(sale, line, unitPrice, reason, null);
        }
        supervision.request(GuardedAction.PRICE_OVERRIDE, SupervisedSale.lineSubject(sale, line),
                text.format("discount.approval.override", targetText(), text.money(unitPrice), reason),
                atStake(before, unitPrice), // issue 16: what the new price changes the line by
                approval -> {
                    if (sale != checkout.sale() || checkout.state() != CheckoutState.CART || sale.line(line).isEmpty()) {
                        checkout.say(MessageKind.ERROR, "approval.staleSale");
                        return;
                    }
                    doOverride(sale, line, unitPrice, reason, approval);
                },
                declined -> checkout.show(MessageKind.ERROR, declined));
        return true;
    }

    private boolean doOverride(Sale sale, int line, Money unitPrice, String reason, Approval approval) {
        SaleLine changed;
        try {
            changed = approval == null ? sale.overridePrice(line, unitPrice, reason)
                    : supervised.overridePrice(sale, line, unitPrice, reason, approval);
        } catch (SaleException e) {
            LOG.info("price override on sale {} line {} refused: {}", sale.id().value(), line, e.getMessage());
            checkout.cart().refuse(e);
            return false;
        } catch (ApprovalRequiredException | IllegalArgumentException e) {
            LOG.info("price override on sale {} line {} refused: {}", sale.id().value(), line, e.getMessage());
            checkout.say(MessageKind.ERROR, "approval.refused", text.why(e));
            return false;
        }
        audited(sale, AuditKind.PRICE_OVERRIDE, String.valueOf(line), unitPrice.minorUnits(), reason, approval);
        LOG.info("price of line {} of sale {} overridden to {} ({}), approved by {}", line, sale.id().value(), unitPrice,
                reason, approval == null ? "nobody needed" : approval.approverId());
        closeQuietly();
        checkout.cartChanged(line);
        checkout.say(MessageKind.SUCCESS, "discount.override.applied", changed.product().name(),
                text.money(sale.listPrice(line)), text.money(unitPrice));
        checkout.requestFocus(FocusTarget.SCAN_FIELD);
        return true;
    }

    /** 0 typed: takes the target's discount (or override) off. Needs no approval: the customer pays more, not less. */
    private boolean remove() {
        Sale sale = checkout.sale();
        Optional<Discount> removed;
        switch (mode) {
            case LINE -> removed = sale.removeLineDiscount(lineNo);
            case SALE -> removed = sale.removeSaleDiscount();
            default -> {
                if (sale.overrideReason(lineNo).isEmpty()) {
                    checkout.say(MessageKind.INFO, "discount.nothingToRemove");
                    return false;
                }
                Money list = sale.listPrice(lineNo);
                String reason = sale.overrideReason(lineNo).orElseThrow();
                sale.overridePrice(lineNo, list, reason);
                audited(sale, AuditKind.PRICE_OVERRIDE, String.valueOf(lineNo), list.minorUnits(),
                        text.format("discount.audit.removed", reason), null);
                int line = lineNo;
                closeQuietly();
                checkout.cartChanged(line);
                checkout.say(MessageKind.INFO, "discount.override.removed", text.money(list));
                checkout.requestFocus(FocusTarget.SCAN_FIELD);
                return true;
            }
        }
        if (removed.isEmpty()) {
            checkout.say(MessageKind.INFO, "discount.nothingToRemove");
            return false;
        }
        audited(sale, mode == Mode.SALE ? AuditKind.SALE_DISCOUNT : AuditKind.LINE_DISCOUNT,
                mode == Mode.SALE ? sale.id().value() : String.valueOf(lineNo), 0,
                text.format("discount.audit.removed", removed.get().reason()), null);
        int line = mode == Mode.SALE ? checkout.cart().selectedLine() : lineNo;
        closeQuietly();
        checkout.cartChanged(line);
        checkout.say(MessageKind.INFO, "discount.removed", text.money(sale.total()));
        checkout.requestFocus(FocusTarget.SCAN_FIELD);
        return true;
    }

    /** The entry for the action and, when a supervisor approved it for someone else, the approval. */
    private void audited(Sale sale, AuditKind kind, String subject, long amountMinor, String reason, Approval approval) {
        var at = checkout.clock().instant();
        String clerk = approval != null ? approval.requestedBy() : clerkId.get();
        String approver = approval == null ? null : approval.approverId();
        if (approval != null && !approval.approverId().equals(approval.requestedBy())) {
            sale.audit(new AuditEntry(AuditKind.APPROVAL, at, clerk, approver, approval.subject(), amountMinor,
                    approval.action().name()));
        }
        sale.audit(new AuditEntry(kind, at, clerk, approver, subject, amountMinor, reason));
    }
}
