package pos.core.sale;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import pos.core.audit.AuditEntry;
import pos.core.catalog.Product;
import pos.core.money.Money;

/**
 * One customer's sale: the cart, its state and its tenders. Not thread-safe: a sale belongs to
 * one till screen and is changed on one thread.
 *
 * <p>States follow {@link SaleState}. The cart can change only while OPEN; a cash tender moves a
 * TENDERING sale to PAID. The {@link TransactionId} is fixed when the sale is created and is the
 * idempotency key of everything that follows.
 */
public final class Sale {

    /** A sale total above this is refused: it is a mis-scan or hostile input, not a purchase. */
    public static final long MAX_TOTAL_MINOR = 100_000_000L;
    /** One line's quantity above this is refused for the same reason. */
    public static final int MAX_QUANTITY = 9_999;

    private final TransactionId id;
    private final Currency currency;
    private final Instant openedAt;
    private final List<SaleLine> lines = new ArrayList<>();
    private final List<Tender> tenders = new ArrayList<>();
    private SaleState state = SaleState.OPEN;
    private int nextLineNo = 1;
    private Instant closedAt;
    private String clerkId;
    private String clerkName;
    private String shiftId;
    private final List<AuditEntry> audit = new ArrayList<>();
    private final Map<Integer, Discount> lineDiscounts = new LinkedHashMap<>();
    private final Map<Integer, Money> listPrices = new LinkedHashMap<>();
    private final Map<Integer, String> overrideReasons = new LinkedHashMap<>();
    private Discount saleDiscount;
    private Money rounding;

    public Sale(TransactionId id, Currency currency, Instant openedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.openedAt = Objects.requireNonNull(openedAt, "openedAt");
        this.rounding = Money.zero(currency);
    }

    /**
     * A sale taken up again from its {@link SaleSnapshot} (after a restart, or recalled from a park):
     * the same id, lines with their numbers, tenders, clerk, shift and audit trail. The next line
     * added gets the number after the highest one kept.
     */
    static Sale restore(TransactionId id, Currency currency, Instant openedAt, SaleState state, List<SaleLine> lines,
            List<Tender> tenders, Instant closedAt, String clerkId, String clerkName, String shiftId,
            List<AuditEntry> audit) {
        if (state == SaleState.CANCELLED) {
            throw new IllegalArgumentException("a cancelled sale is not taken up again: " + id);
        }
        Sale sale = new Sale(id, currency, openedAt);
        sale.lines.addAll(lines);
        sale.tenders.addAll(tenders);
        sale.state = state;
        sale.nextLineNo = lines.stream().mapToInt(SaleLine::lineNo).max().orElse(0) + 1;
        sale.closedAt = state == SaleState.PAID ? Objects.requireNonNull(closedAt, "closedAt") : null;
        sale.clerkId = clerkId;
        sale.clerkName = clerkName;
        sale.shiftId = shiftId;
        sale.audit.addAll(audit);
        return sale;
    }

    /**
     * Gives a sale taken up again from its {@link SaleSnapshot} the discounts, price overrides and
     * cash rounding it had: the line discounts by line number, the list prices and reasons of the
     * overridden lines, the sale discount (or null) and the rounding already taken.
     */
    void restoreAdjustments(Map<Integer, Discount> lineDiscounts, Map<Integer, Money> listPrices,
            Map<Integer, String> overrideReasons, Discount saleDiscount, Money rounding) {
        this.lineDiscounts.putAll(lineDiscounts);
        this.listPrices.putAll(listPrices);
        this.overrideReasons.putAll(overrideReasons);
        this.saleDiscount = saleDiscount;
        this.rounding = Objects.requireNonNull(rounding, "rounding");
    }

    public TransactionId id() {
        return id;
    }

    public Currency currency() {
        return currency;
    }

    public SaleState state() {
        return state;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Optional<Instant> closedAt() {
        return Optional.ofNullable(closedAt);
    }

    /** The clerk signed in who sells it, when the till runs with sign-in. */
    public Optional<String> clerkId() {
        return Optional.ofNullable(clerkId);
    }

    /** That clerk's name. */
    public Optional<String> clerkName() {
        return Optional.ofNullable(clerkName);
    }

    /** The shift it is sold in, when one is open. */
    public Optional<String> shiftId() {
        return Optional.ofNullable(shiftId);
    }

    /**
     * Names the clerk who sells this sale (the one signed in when it is finished: a switch of clerk
     * mid-sale hands the sale over).
     */
    public void soldBy(String id, String name) {
        this.clerkId = Objects.requireNonNull(id, "id");
        this.clerkName = Objects.requireNonNull(name, "name");
    }

    /** Puts the sale in a shift. */
    public void inShift(String id) {
        this.shiftId = Objects.requireNonNull(id, "id");
    }

    /** Adds a line to the sale's audit trail (a void, an override, a discount, an approval). */
    public void audit(AuditEntry entry) {
        audit.add(Objects.requireNonNull(entry, "entry"));
    }

    /** The sale's audit trail so far, in order. */
    public List<AuditEntry> audit() {
        return List.copyOf(audit);
    }

    public List<SaleLine> lines() {
        return List.copyOf(lines);
    }

    public List<Tender> tenders() {
        return List.copyOf(tenders);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** The totals with the sale's discounts (see {@link Totals} for how they are worked out). */
    public Totals totals() {
        return Totals.of(lines, lineDiscounts, saleDiscount, currency);
    }

    public Money total() {
        return totals().total();
    }

    /**
     * What is still to pay: the total plus any cash rounding less the tenders already taken (split
     * payment).
     */
    public Money due() {
        Money due = total().plus(rounding);
        for (Tender t : tenders) {
            due = due.minus(t.amount());
        }
        return due;
    }

    /** Whether part of the sale is already paid: the cart is then frozen for good. */
    public boolean isPartPaid() {
        return !tenders.isEmpty() && state == SaleState.TENDERING;
    }

    /**
     * Adds pieces of a product. Scanning the same piece product again adds to its last line when
     * that line is the most recent one, so a run of scans of one item stays one line.
     */
    public SaleLine addPieces(Product product, int quantity) {
        requireState(SaleState.OPEN);
        requireQuantity(quantity);
        if (!lines.isEmpty()) {
            SaleLine last = lines.get(lines.size() - 1);
            if (!last.weighed() && last.product().equals(product) && last.unitPrice().equals(product.unitPrice())) {
                return changeQuantity(last.lineNo(), last.quantity() + quantity);
            }
        }
        return add(new SaleLine(nextLineNo, product, quantity, 0, product.unitPrice()));
    }

    /** Adds a weighed product from a scale label; always a line of its own. */
    public SaleLine addWeighed(Product product, int grams) {
        requireState(SaleState.OPEN);
        if (grams <= 0 || grams > 99_999) {
            throw new SaleException(SaleException.Reason.BAD_QUANTITY, "weight out of range: " + grams + " g");
        }
        return add(new SaleLine(nextLineNo, product, 1, grams, product.unitPrice()));
    }

    /** Adds a price-labelled product at the label's price; always a line of its own. */
    public SaleLine addPriced(Product product, Money labelPrice) {
        requireState(SaleState.OPEN);
        return add(new SaleLine(nextLineNo, product, 1, 0, labelPrice));
    }

    private SaleLine add(SaleLine line) {
        requireTotalWithin(total().plus(line.lineTotal()));
        lines.add(line);
        nextLineNo++;
        return line;
    }

    /** Sets a piece line's quantity. Weighed lines have no quantity to change. */
    public SaleLine changeQuantity(int lineNo, int quantity) {
        requireState(SaleState.OPEN);
        requireQuantity(quantity);
        int index = indexOf(lineNo);
        SaleLine old = lines.get(index);
        if (old.weighed()) {
            throw new SaleException(SaleException.Reason.BAD_QUANTITY, "line " + lineNo + " is weighed; scan it again instead");
        }
        SaleLine changed = old.withQuantity(quantity);
        requireTotalWithin(total().minus(old.lineTotal()).plus(changed.lineTotal()));
        lines.set(index, changed);
        return changed;
    }

    /** Removes (voids) a line while the sale is open. */
    public SaleLine removeLine(int lineNo) {
        requireState(SaleState.OPEN);
        SaleLine removed = lines.remove(indexOf(lineNo));
        lineDiscounts.remove(lineNo);
        listPrices.remove(lineNo);
        overrideReasons.remove(lineNo);
        return removed;
    }

    /** The cash rounding taken at payment: paid minus the exact total (negative when rounded down); 0 before. */
    public Money rounding() {
        return rounding;
    }

    /**
     * Gives a line its own discount (replacing one it had). A discount never takes off more than
     * the line costs; a later change of quantity keeps a percentage a percentage and an amount the
     * same amount.
     */
    public void discountLine(int lineNo, Discount discount) {
        requireState(SaleState.OPEN);
        Objects.requireNonNull(discount, "discount");
        indexOf(lineNo);
        lineDiscounts.put(lineNo, discount);
    }

    /** Takes a line's own discount off again; returns it, if there was one. */
    public Optional<Discount> removeLineDiscount(int lineNo) {
        requireState(SaleState.OPEN);
        indexOf(lineNo);
        return Optional.ofNullable(lineDiscounts.remove(lineNo));
    }

    /** A line's own discount. */
    public Optional<Discount> lineDiscount(int lineNo) {
        return Optional.ofNullable(lineDiscounts.get(lineNo));
    }

    /**
     * Gives the whole sale a discount (replacing one it had), spread over the lines in proportion
     * to what they cost after their own discounts (see {@link Totals}).
     */
    public void discountSale(Discount discount) {
        requireState(SaleState.OPEN);
        this.saleDiscount = Objects.requireNonNull(discount, "discount");
    }

    /** Takes the sale discount off again; returns it, if there was one. */
    public Optional<Discount> removeSaleDiscount() {
        requireState(SaleState.OPEN);
        Optional<Discount> was = Optional.ofNullable(saleDiscount);
        saleDiscount = null;
        return was;
    }

    /** The discount on the whole sale. */
    public Optional<Discount> saleDiscount() {
        return Optional.ofNullable(saleDiscount);
    }

    /**
     * Sells a line at another unit price (per kilogram for weighed lines) than the catalogue's. The
     * catalogue's price is kept as the line's {@link #listPrice}. Setting the list price again
     * removes the override.
     *
     * @param unitPrice the new unit price, zero or more
     * @param reason    why; never blank
     */
    public SaleLine overridePrice(int lineNo, Money unitPrice, String reason) {
        requireState(SaleState.OPEN);
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(reason, "reason");
        if (unitPrice.isNegative()) {
            throw new SaleException(SaleException.Reason.BAD_PRICE, "a price cannot be negative: " + unitPrice);
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a price override needs a reason");
        }
        int index = indexOf(lineNo);
        SaleLine old = lines.get(index);
        SaleLine changed = new SaleLine(old.lineNo(), old.product(), old.quantity(), old.grams(), unitPrice);
        requireTotalWithin(total().minus(old.lineTotal()).plus(changed.lineTotal()));
        Money list = listPrices.getOrDefault(lineNo, old.unitPrice());
        if (unitPrice.equals(list)) {
            listPrices.remove(lineNo);
            overrideReasons.remove(lineNo);
        } else {
            listPrices.put(lineNo, list);
            overrideReasons.put(lineNo, reason);
        }
        lines.set(index, changed);
        return changed;
    }

    /** The unit price before any override: the catalogue's (or the label's) price. */
    public Money listPrice(int lineNo) {
        Money list = listPrices.get(lineNo);
        if (list != null) {
            return list;
        }
        return lines.get(indexOf(lineNo)).unitPrice();
    }

    /** Why a line's price was overridden, when it was. */
    public Optional<String> overrideReason(int lineNo) {
        return Optional.ofNullable(overrideReasons.get(lineNo));
    }

    /** Moves to TENDERING: the cart is frozen while the customer pays. */
    public void beginTender() {
        requireState(SaleState.OPEN);
        if (lines.isEmpty()) {
            throw new SaleException(SaleException.Reason.EMPTY_SALE, "nothing to pay for");
        }
        state = SaleState.TENDERING;
    }

    /** Leaves the tender step and reopens the cart. */
    public void resumeShopping() {
        requireState(SaleState.TENDERING);
        if (!tenders.isEmpty()) {
            throw new SaleException(SaleException.Reason.PART_PAID,
                    "part of sale " + id + " is already paid; the cart cannot change");
        }
        state = SaleState.OPEN;
    }

    /**
     * Pays the whole sale in cash.
     *
     * @param tendered what the customer handed over; must cover the total
     * @return the tender, with the change due
     */
    public Tender payCash(Money tendered, Instant at) {
        return payCash(tendered, CashRounding.OFF, at);
    }

    /**
     * Pays the whole remaining amount in cash, rounded with the store's cash rounding: the customer
     * pays {@code rounding.round(due())}; the difference is kept as the sale's {@link #rounding()}.
     *
     * @param tendered what the customer handed over; must cover the rounded amount due
     * @return the tender, with the change due
     */
    public Tender payCash(Money tendered, CashRounding rounding, Instant at) {
        requireState(SaleState.TENDERING);
        Money exact = due();
        Money due = rounding.round(exact);
        if (tendered.isNegative() || tendered.isLessThan(due)) {
            throw new SaleException(SaleException.Reason.NOT_ENOUGH_TENDERED,
                    "tendered " + tendered + " is less than the " + due + " due");
        }
        Tender tender = new Tender(TenderType.CASH, due, tendered, tendered.minus(due));
        this.rounding = this.rounding.plus(due.minus(exact));
        tenders.add(tender);
        state = SaleState.PAID;
        closedAt = Objects.requireNonNull(at, "at");
        return tender;
    }

    /**
     * Pays the whole sale with a gateway tender (QR, pay-code, card...) that took exactly the
     * amount due.
     *
     * @param reference the paying attempt's transaction id (out_trade_no)
     */
    public Tender payInFull(TenderType type, String reference, Instant at) {
        requireState(SaleState.TENDERING);
        if (type == TenderType.CASH) {
            throw new IllegalArgumentException("cash is paid with payCash, which gives change");
        }
        Money due = due();
        Tender tender = new Tender(type, due, due, Money.zero(currency), Objects.requireNonNull(reference, "reference"));
        tenders.add(tender);
        state = SaleState.PAID;
        closedAt = Objects.requireNonNull(at, "at");
        return tender;
    }

    /**
     * Takes part of the amount due with a gateway tender (a card pays what its limit allows, the
     * rest follows in another tender). Paying exactly what is due completes the sale.
     *
     * @param amount    what the tender took; positive, at most {@link #due()}
     * @param reference the paying attempt's transaction id
     */
    public Tender payPart(TenderType type, Money amount, String reference, Instant at) {
        requireState(SaleState.TENDERING);
        if (type == TenderType.CASH) {
            throw new IllegalArgumentException("cash is paid with payCash, which gives change");
        }
        Money due = due();
        if (!amount.isPositive() || due.isLessThan(amount)) {
            throw new SaleException(SaleException.Reason.NOT_ENOUGH_TENDERED,
                    "a part payment must be between 0 and the " + due + " due, got " + amount);
        }
        Tender tender = new Tender(type, amount, amount, Money.zero(currency), Objects.requireNonNull(reference, "reference"));
        tenders.add(tender);
        if (amount.equals(due)) {
            state = SaleState.PAID;
            closedAt = Objects.requireNonNull(at, "at");
        }
        return tender;
    }

    /** Cancels an unpaid sale. */
    public void cancel(Instant at) {
        if (state.isFinal()) {
            throw new SaleException(SaleException.Reason.NOT_IN_STATE, "sale " + id + " is already " + state);
        }
        if (!tenders.isEmpty()) {
            throw new SaleException(SaleException.Reason.PART_PAID,
                    "part of sale " + id + " is already paid; pay the rest or refund that tender first");
        }
        state = SaleState.CANCELLED;
        closedAt = Objects.requireNonNull(at, "at");
    }

    public Optional<SaleLine> line(int lineNo) {
        return lines.stream().filter(l -> l.lineNo() == lineNo).findFirst();
    }

    private int indexOf(int lineNo) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).lineNo() == lineNo) {
                return i;
            }
        }
        throw new SaleException(SaleException.Reason.NO_SUCH_LINE, "no line " + lineNo + " in sale " + id);
    }

    private void requireState(SaleState expected) {
        if (state != expected) {
            throw new SaleException(SaleException.Reason.NOT_IN_STATE,
                    "sale " + id + " is " + state + ", not " + expected);
        }
    }

    private static void requireQuantity(int quantity) {
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new SaleException(SaleException.Reason.BAD_QUANTITY,
                    "quantity must be 1 to " + MAX_QUANTITY + ": " + quantity);
        }
    }

    private static void requireTotalWithin(Money total) {
        if (total.minorUnits() > MAX_TOTAL_MINOR) {
            throw new SaleException(SaleException.Reason.TOO_LARGE, "sale total " + total + " is over the limit");
        }
    }
}
