package pos.app.checkout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.catalog.Catalog;
import pos.core.catalog.Lookup;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.device.ScanText;
import pos.core.catalog.TaxClass;
import pos.core.money.Money;
import pos.core.people.Approval;
import pos.core.people.ApprovalRequiredException;
import pos.core.people.GuardedAction;
import pos.core.people.SupervisedSale;
import pos.core.sale.Sale;
import pos.core.sale.SaleException;
import pos.core.sale.SaleLine;
import pos.core.sale.SaleRecord;
import pos.core.text.NumericText;

/**
 * The cart of the checkout: items added by scan, typed code or search; quantities; voids and
 * cancels, asked of a supervisor first where the store has clerks. Not thread-safe: UI thread only.
 */
public final class CartEditing {

    private static final Logger LOG = LoggerFactory.getLogger(CartEditing.class);
    /** A second F8 within this time cancels the sale; a single press only asks. */
    static final Duration CANCEL_CONFIRM_WINDOW = Duration.ofSeconds(4);

    private final Checkout checkout;
    private final CheckoutText text;
    private final Catalog catalog;
    private final Clock clock;
    private final String tillId;
    private int selectedLine;
    /** The quantity typed for the next item ("12*"), or 0 for one piece. */
    private int nextQuantity;
    /** The unknown code the clerk may sell as an open-price item now, or null. */
    private String openPriceCode;
    private boolean mergeSameProduct = true;
    private Instant cancelAskedAt;
    private Supervision supervision;
    private SupervisedSale supervised;
    private Function<String, String> approverNames;

    CartEditing(Checkout checkout, CheckoutText text, Catalog catalog, Clock clock, String tillId) {
        this.checkout = checkout;
        this.text = text;
        this.catalog = catalog;
        this.clock = clock;
        this.tillId = tillId;
    }

    /**
     * Voids and sale cancels ask {@code asking} for a supervisor's approval and run through {@code guarded},
     * which refuses them without one (the domain enforces it, not only this screen).
     */
    public void useSupervision(Supervision asking, SupervisedSale guarded) {
        this.supervision = Objects.requireNonNull(asking, "asking");
        this.supervised = Objects.requireNonNull(guarded, "guarded");
    }

    /** How to name an approver in the message ("approved by Sam"). */
    public void useApproverNames(Function<String, String> names) {
        this.approverNames = names;
    }

    public Catalog catalog() {
        return catalog;
    }

    /**
     * Whether a piece product scanned again joins its earlier line (the store's setting; default on).
     * Off, it joins only the line just before it. Weighed and price-labelled items never join.
     */
    public void mergeSameProduct(boolean merge) {
        this.mergeSameProduct = merge;
    }

    /** The selected line's number, or 0 when none is selected. */
    public int selectedLine() {
        return selectedLine;
    }

    /** The clerk selected line {@code lineNo} (no change event: the view already shows it). */
    public void select(int lineNo) {
        Sale sale = checkout.sale();
        List<SaleLine> lines = sale.lines();
        selectedLine = lines.stream().anyMatch(l -> l.lineNo() == lineNo) ? lineNo
                : lines.isEmpty() ? 0 : lines.get(lines.size() - 1).lineNo();
    }

    void newSale() {
        selectedLine = 0;
        nextQuantity = 0;
        openPriceCode = null;
        cancelAskedAt = null;
    }

    // ---------------------------------------------------------------- typed quantities ("12*" then scan)

    /** The quantity typed for the next item ("12*"), or 0 when none was. */
    public int nextQuantity() {
        return nextQuantity;
    }

    /** "12*" in the entry field: the next item scanned, typed or picked is added {@code quantity} times (0: one). */
    public void quantityForNext(int quantity) {
        if (quantity == nextQuantity) {
            return;
        }
        nextQuantity = quantity;
        if (quantity == 0) {
            changed();
        } else if (quantity < 0 || quantity > Sale.MAX_QUANTITY) {
            nextQuantity = 0;
            checkout.say(MessageKind.ERROR, "sell.qty.outOfRange", Sale.MAX_QUANTITY);
        } else {
            checkout.say(MessageKind.INFO, "sell.qty.next", quantity);
        }
    }

    private void changed() {
        checkout.cartChanged(selectedLine);
    }

    /** "*5" and Enter: the selected line's quantity becomes {@code quantity}. */
    public boolean setSelectedQuantity(int quantity) {
        if (quantity < 1 || quantity > Sale.MAX_QUANTITY) {
            checkout.say(MessageKind.ERROR, "sell.qty.outOfRange", Sale.MAX_QUANTITY);
            return false;
        }
        return withSelectedLine(line -> {
            if (line.weighed()) {
                checkout.say(MessageKind.ERROR, "sell.qty.weighed", line.product().name());
                return null;
            }
            return checkout.sale().changeQuantity(line.lineNo(), quantity);
        });
    }

    /** The quantity for the item being added now (the typed one, used up), or 1. */
    private int takeQuantity() {
        int quantity = nextQuantity == 0 ? 1 : nextQuantity;
        nextQuantity = 0;
        return quantity;
    }

    /** Adds pieces, joining an earlier line of the same product at the same price when the store merges. */
    private SaleLine addPieces(Product product, int quantity) {
        Sale sale = checkout.sale();
        if (mergeSameProduct) {
            for (SaleLine line : sale.lines()) {
                if (!line.weighed() && line.product().equals(product) && line.unitPrice().equals(product.unitPrice())
                        && !isOpenPrice(line)) {
                    return sale.changeQuantity(line.lineNo(), line.quantity() + quantity);
                }
            }
        }
        return sale.addPieces(product, quantity);
    }

    // ---------------------------------------------------------------- open-price items

    /** The unknown code the clerk was offered to sell at a typed price, or null. */
    public String openPriceCode() {
        return openPriceCode;
    }

    /** Whether {@code line} is an open-price item (an unknown code sold at a price the clerk typed). */
    public static boolean isOpenPrice(SaleLine line) {
        return OPEN_PRICE_CATEGORY.equals(line.product().category());
    }

    static final String OPEN_PRICE_CATEGORY = "open-price";

    /**
     * The clerk typed {@code price} after an unknown code was offered as an open-price item: one line
     * at that price, taxed at the catalog's highest rate (never less tax than the store owes).
     */
    public boolean addOpenPrice(Money price) {
        String code = openPriceCode;
        openPriceCode = null;
        if (code == null || !readyToAdd()) {
            return false;
        }
        if (!price.isPositive()) {
            checkout.say(MessageKind.ERROR, "sell.openPrice.notPositive");
            return false;
        }
        TaxClass tax = catalog.products().stream().map(Product::taxClass)
                .max(java.util.Comparator.comparingInt(TaxClass::rateBasisPoints)).orElse(new TaxClass("STD", 0));
        Product item = new Product(code, null, text.format("sell.openPrice.name", code), price, tax, SaleUnit.PIECE, null,
                OPEN_PRICE_CATEGORY);
        try {
            SaleLine line = checkout.sale().addPriced(item, price);
            nextQuantity = 0;
            checkout.cartChanged(line.lineNo());
            checkout.say(MessageKind.SUCCESS, "sell.openPrice.added", CheckoutText.abbreviate(code), text.money(price));
            return true;
        } catch (SaleException e) {
            refuse(e);
            return false;
        }
    }

    /** Whether the cart can take items now (a paid sale makes way for a new one first). */
    boolean readyToAdd() {
        if (checkout.state() == CheckoutState.PAID) {
            checkout.startNewSale();
        }
        if (checkout.state() != CheckoutState.CART) {
            checkout.say(MessageKind.ERROR, "sell.scan.whileTendering");
            return false;
        }
        return true;
    }

    /** What became of a code typed by hand. */
    public enum Typed { ADDED, REFUSED, NOT_A_CODE }

    /**
     * A code typed by hand and Enter: added when it is a product code; {@link Typed#NOT_A_CODE}
     * (nothing said) when it is no code at all, so the caller searches by name instead.
     */
    public Typed addTyped(String typed) {
        if (!readyToAdd()) {
            return Typed.REFUSED;
        }
        Lookup lookup = catalog.lookup(typed);
        if (lookup instanceof Lookup.NotFound || lookup instanceof Lookup.Invalid invalid
                && invalid.reason() == Lookup.InvalidCodeReason.BAD_CHARACTERS) {
            return Typed.NOT_A_CODE;
        }
        return addByCode(typed, false) ? Typed.ADDED : Typed.REFUSED;
    }

    /** The clerk picked {@code product} from the search results. Answers whether it was added. */
    public boolean addProduct(Product product) {
        if (!readyToAdd() || checkout.rules().outsideSaleWindow(product)) {
            return false;
        }
        openPriceCode = null;
        try {
            SaleLine line = addPieces(product, takeQuantity());
            checkout.cartChanged(line.lineNo());
            addedSay(product);
            return true;
        } catch (SaleException e) {
            refuse(e);
            return false;
        }
    }

    boolean addByCode(String code, boolean fromScanner) {
        if (fromScanner) {
            // a scanner read is a code or nothing: never a name search (ScanText), never a card number echoed
            ScanText.Kind kind = ScanText.classify(code);
            if (kind == ScanText.Kind.TOO_SHORT || kind == ScanText.Kind.CARD_NUMBER) {
                openPriceCode = null;
                checkout.say(MessageKind.ERROR, "sell.scan.notACode." + kind, CheckoutText.abbreviate(code));
                return false;
            }
        }
        Lookup lookup = catalog.lookup(code);
        Product found = lookup instanceof Lookup.Piece p ? p.product()
                : lookup instanceof Lookup.Weighed w ? w.product()
                : lookup instanceof Lookup.Priced pr ? pr.product() : null;
        if (found != null && checkout.rules().outsideSaleWindow(found)) {
            return false;
        }
        Sale sale = checkout.sale();
        openPriceCode = null;
        if (nextQuantity > 1 && (lookup instanceof Lookup.Weighed || lookup instanceof Lookup.Priced)) {
            nextQuantity = 0;
            checkout.say(MessageKind.ERROR, "sell.qty.weighed", found.name());
            return false;
        }
        try {
            SaleLine line;
            if (lookup instanceof Lookup.Piece piece) {
                if (piece.product().soldByWeight()) {
                    nextQuantity = 0;
                    checkout.say(MessageKind.ERROR, "sell.needsWeight", piece.product().name());
                    return false;
                }
                line = addPieces(piece.product(), takeQuantity());
            } else if (lookup instanceof Lookup.Weighed weighed) {
                line = sale.addWeighed(weighed.product(), weighed.grams());
            } else if (lookup instanceof Lookup.Priced priced) {
                line = sale.addPriced(priced.product(), priced.price());
            } else if (lookup instanceof Lookup.NotFound notFound) {
                // the clerk may sell it at a price typed now (an item without a catalog entry)
                openPriceCode = NumericText.fold(notFound.code()).strip();
                checkout.say(MessageKind.ERROR, "sell.code.notFound.openPrice", CheckoutText.abbreviate(notFound.code()));
                return false;
            } else {
                Lookup.Invalid invalid = (Lookup.Invalid) lookup;
                String key = "sell.code.invalid." + (fromScanner ? "" : "typed.") + invalid.reason();
                checkout.say(MessageKind.ERROR, text.has(key) ? key : "sell.code.invalid." + invalid.reason(),
                        CheckoutText.abbreviate(invalid.code()));
                return false;
            }
            checkout.cartChanged(line.lineNo());
            addedSay(line.product());
            if (fromScanner) {
                LOG.debug("scan {} added line {}", code, line.lineNo());
            }
            return true;
        } catch (SaleException e) {
            refuse(e);
            return false;
        }
    }

    /** "Added …", or at once "Check the customer's age: …" when a rule asks for it (issue 11 defect 2). */
    private void addedSay(Product product) {
        if (!checkout.rules().askAgeFor(product)) {
            checkout.say(MessageKind.SUCCESS, "sell.added", product.name());
        }
    }

    void refuse(SaleException e) {
        LOG.info("sale refused: {}", e.getMessage());
        checkout.say(MessageKind.ERROR, "sale.refused." + e.reason());
    }

    // ---------------------------------------------------------------- quantities and voids

    /** F5: one more of the selected line. */
    public void increase() {
        withSelectedLine(line -> checkout.sale().changeQuantity(line.lineNo(), line.quantity() + 1));
    }

    /** F6: one less of the selected line (never below one: F7 removes it). */
    public void decrease() {
        withSelectedLine(line -> {
            if (line.quantity() <= 1) {
                checkout.say(MessageKind.ERROR, "sell.qty.belowOne");
                return null;
            }
            return checkout.sale().changeQuantity(line.lineNo(), line.quantity() - 1);
        });
    }

    /** The selected line when the cart may be changed now; otherwise says why and returns null. */
    private SaleLine selectedToChange() {
        if (checkout.state() != CheckoutState.CART) {
            checkout.say(MessageKind.ERROR, "sell.scan.whileTendering");
            return null;
        }
        SaleLine line = selectedLine == 0 ? null : checkout.sale().line(selectedLine).orElse(null);
        if (line == null) {
            checkout.say(MessageKind.ERROR, "sell.noLineSelected");
        }
        return line;
    }

    private boolean withSelectedLine(Function<SaleLine, SaleLine> change) {
        SaleLine current = selectedToChange();
        if (current == null) {
            return false;
        }
        try {
            SaleLine changed = change.apply(current);
            if (changed != null) {
                checkout.cartChanged(changed.lineNo());
                checkout.say(MessageKind.INFO, "sell.qty.changed", changed.product().name(), changed.quantity());
                return true;
            }
        } catch (SaleException e) {
            refuse(e);
        }
        return false;
    }

    /** F7: removes the selected line; with clerks, a supervisor approves first. */
    public void removeSelected() {
        SaleLine line = selectedToChange();
        if (line == null) {
            return;
        }
        Sale sale = checkout.sale();
        if (supervision == null) {
            try {
                int position = sale.lines().indexOf(line);
                SaleLine removed = sale.removeLine(line.lineNo());
                auditVoid(sale, removed, null, null);
                checkout.cartChanged(lineAt(position));
                checkout.say(MessageKind.INFO, "sell.removed", removed.product().name());
            } catch (SaleException e) {
                refuse(e);
            }
            return;
        }
        int lineNo = line.lineNo();
        supervision.request(GuardedAction.VOID_LINE, SupervisedSale.lineSubject(sale, lineNo),
                text.format("approval.subject.line", lineNo, line.product().name(), text.money(line.lineTotal())),
                line.lineTotal().minorUnits(), // issue 16: the line's amount
                approval -> {
                    if (sale != checkout.sale() || checkout.state() != CheckoutState.CART) {
                        checkout.say(MessageKind.ERROR, "approval.staleSale");
                        return;
                    }
                    try {
                        int position = sale.line(lineNo).map(sale.lines()::indexOf).orElse(-1);
                        SaleLine removed = supervised.removeLine(sale, lineNo, approval);
                        auditVoid(sale, removed, approval.requestedBy(), approval);
                        checkout.cartChanged(lineAt(position));
                        checkout.say(MessageKind.INFO, "sell.removed.approved", removed.product().name(), approvalName(approval));
                    } catch (SaleException | ApprovalRequiredException e) {
                        LOG.info("void of line {} refused after approval: {}", lineNo, e.getMessage());
                        checkout.say(MessageKind.ERROR, "approval.refused", text.why(e));
                    }
                },
                declined -> {
                    checkout.show(MessageKind.ERROR, declined);
                    checkout.requestFocus(FocusTarget.SCAN_FIELD);
                });
    }

    /**
     * The audit trail of a void (issue 12 point 6): the approval (who approved it for whom) when one was needed, then
     * the voided line (its number, product and total, who voided it).
     */
    private void auditVoid(Sale sale, SaleLine removed, String requestedBy, Approval approval) {
        String clerkId = requestedBy != null ? requestedBy : checkout.clerk().clerkId().orElse(null);
        if (approval != null) {
            sale.audit(approvalEntry(approval));
        }
        sale.audit(pos.core.audit.AuditEntries.lineVoided(clock.instant(), clerkId,
                approval == null ? null : approval.approverId(), removed.lineNo(), removed.product().code(),
                removed.lineTotal().minorUnits()));
    }

    private static pos.core.audit.AuditEntry approvalEntry(Approval approval) {
        return pos.core.audit.AuditEntries.approval(approval.at(), approval.action().name(), approval.subject(),
                approval.approverId(), approval.requestedBy());
    }

    /** After a void: the line now at {@code position} (the next one moved up), else the last; -1 when none. */
    private int lineAt(int position) {
        List<SaleLine> lines = checkout.sale().lines();
        if (lines.isEmpty() || position < 0) {
            return -1;
        }
        return lines.get(Math.min(position, lines.size() - 1)).lineNo();
    }

    private String approvalName(Approval approval) {
        return approverNames == null ? approval.approverId() : approverNames.apply(approval.approverId());
    }

    /** F8 twice: cancel the current sale; it is journaled as cancelled for the audit trail. */
    public void cancelSale() {
        Sale sale = checkout.sale();
        CheckoutState state = checkout.state();
        if (state != CheckoutState.CART && state != CheckoutState.CASH || sale.isEmpty()) {
            checkout.say(MessageKind.INFO, "sell.nothingToCancel");
            return;
        }
        if (sale.isPartPaid()) {
            checkout.say(MessageKind.ERROR, "sale.refused.PART_PAID");
            return;
        }
        Instant now = clock.instant();
        if (supervision != null) {
            supervision.request(GuardedAction.CANCEL_SALE, SupervisedSale.saleSubject(sale),
                    text.format("approval.subject.sale", saleNumber(sale), text.money(sale.total())),
                    sale.total().minorUnits(), // issue 16: the sale's total
                    approval -> {
                        if (sale != checkout.sale() || sale.isPartPaid()
                                || checkout.state() != CheckoutState.CART && checkout.state() != CheckoutState.CASH) {
                            checkout.say(MessageKind.ERROR, "approval.staleSale");
                            return;
                        }
                        try {
                            supervised.cancel(sale, clock.instant(), approval);
                            sale.audit(approvalEntry(approval));
                            checkout.save(SaleRecord.of(sale, tillId));
                        } catch (SaleException | ApprovalRequiredException e) {
                            LOG.info("cancel of sale {} refused after approval: {}", sale.id(), e.getMessage());
                            checkout.say(MessageKind.ERROR, "approval.refused", text.why(e));
                        }
                    },
                    declined -> checkout.show(MessageKind.ERROR, declined));
            return;
        }
        if (cancelAskedAt == null || Duration.between(cancelAskedAt, now).compareTo(CANCEL_CONFIRM_WINDOW) > 0) {
            cancelAskedAt = now;
            checkout.say(MessageKind.ERROR, "sell.cancel.confirm");
            return;
        }
        cancelAskedAt = null;
        sale.cancel(now);
        checkout.save(SaleRecord.of(sale, tillId));
    }

    /** "Sale 000123" as the header shows it. */
    public String saleNumber(Sale sale) {
        return text.format("sell.saleNumber", sale.id().value().substring(20));
    }

    /** One cart line as the screens show it, formatted for the clerk's locale. */
    public CartRow row(SaleLine line) {
        String quantity = line.weighed() ? text.format("sell.weight", line.grams() / 1000.0) : Integer.toString(line.quantity());
        String unit = line.weighed() ? text.format("sell.perKg", text.money(line.unitPrice())) : text.money(line.unitPrice());
        Sale sale = checkout.sale();
        java.util.Optional<pos.core.sale.Discount> own = sale.lineDiscount(line.lineNo());
        if (own.isEmpty() && sale.overrideReason(line.lineNo()).isEmpty()) {
            return new CartRow(line.lineNo(), line.product().name(), quantity, unit, text.money(line.lineTotal()), isOpenPrice(line));
        }
        // issue 12: the line after its own discount, and the discount or override as a sub-line
        Money off = own.map(d -> d.off(line.lineTotal())).orElse(Money.zero(line.unitPrice().currency()));
        return new CartRow(line.lineNo(), line.product().name(), quantity, unit, text.money(line.lineTotal().minus(off)),
                isOpenPrice(line), checkout.discounts().rowText(line, off));
    }

    /** The sale's lines as the screens show them. */
    public List<CartRow> rows() {
        return checkout.sale().lines().stream().map(this::row).toList();
    }
}
