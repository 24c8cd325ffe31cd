package pos.core.sale;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import pos.core.audit.AuditEntry;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.money.Money;

/**
 * A sale that is not finished, written down so that it can be taken up again: the open sale kept
 * across a crash or restart of the till (issue 12 point 7), and a parked sale recalled later, on this
 * till or another. It carries everything {@link Sale} holds: the transaction id, the lines with the
 * product as it was sold (not looked up again: a price change meanwhile does not change a sale in
 * progress), the tenders already taken, the clerk, the shift and the audit trail; and the gateway
 * payment attempts started for it, so a payment taken just before a crash finds its sale. This is a
 * data contract (the till's SQLite {@code open_sale} and {@code parked_sales}, the hub's
 * {@code parked_sales}): change it deliberately. Money is in minor units of {@code currency}. Immutable.
 *
 * @param transactionId   the sale's id, kept when it is taken up again
 * @param tillId          the till it was made on
 * @param currency        ISO 4217 code
 * @param state           OPEN, TENDERING or PAID (paid, not yet journaled)
 * @param openedAt        when the sale began
 * @param clerkId         the clerk selling it, or null
 * @param clerkName       that clerk's name, or null
 * @param shiftId         the shift, or null
 * @param lines           the cart
 * @param tenders         the tenders already taken
 * @param audit           the sale's audit trail so far
 * @param paymentAttempts the transaction ids of the gateway payments started for this sale, oldest first
 * @param savedAt         when this snapshot was taken
 * @param saleDiscount    the discount on the whole sale, or null
 * @param roundingMinor   the cash rounding already taken (paid minus exact total), or null for none
 */
public record SaleSnapshot(String transactionId, String tillId, String currency, SaleState state, Instant openedAt,
        String clerkId, String clerkName, String shiftId, List<Line> lines, List<Payment> tenders,
        List<AuditEntry> audit, List<String> paymentAttempts, Instant savedAt, Discount saleDiscount,
        Long roundingMinor) {

    /** A snapshot without discounts or rounding (as written before discounts existed). */
    public SaleSnapshot(String transactionId, String tillId, String currency, SaleState state, Instant openedAt,
            String clerkId, String clerkName, String shiftId, List<Line> lines, List<Payment> tenders,
            List<AuditEntry> audit, List<String> paymentAttempts, Instant savedAt) {
        this(transactionId, tillId, currency, state, openedAt, clerkId, clerkName, shiftId, lines, tenders, audit,
                paymentAttempts, savedAt, null, null);
    }

    public SaleSnapshot {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(tillId, "tillId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(savedAt, "savedAt");
        lines = lines == null ? List.of() : List.copyOf(lines);
        tenders = tenders == null ? List.of() : List.copyOf(tenders);
        audit = audit == null ? List.of() : List.copyOf(audit);
        paymentAttempts = paymentAttempts == null ? List.of() : List.copyOf(paymentAttempts);
        if (state == SaleState.CANCELLED) {
            throw new IllegalArgumentException("a cancelled sale " + transactionId + " is journaled, not kept open");
        }
    }

    /**
     * One line with its product as sold.
     *
     * @param unitPriceMinor the price the line is sold at (per piece, per kg, or the label's price)
     * @param listPriceMinor the product's own price then
     * @param overriddenFromMinor the unit price before a price override (the line's list price), or null
     *                       when the price was not overridden
     * @param overrideReason why the price was overridden, or null
     * @param discount       the line's own discount, or null
     */
    public record Line(int lineNo, String productCode, String gtin, String name, long unitPriceMinor,
            long listPriceMinor, String taxClass, int taxRateBasisPoints, SaleUnit unit, String plu, String category,
            int quantity, int grams, Long overriddenFromMinor, String overrideReason, Discount discount) {

        /** A line without an override or a discount (as written before discounts existed). */
        public Line(int lineNo, String productCode, String gtin, String name, long unitPriceMinor,
                long listPriceMinor, String taxClass, int taxRateBasisPoints, SaleUnit unit, String plu,
                String category, int quantity, int grams) {
            this(lineNo, productCode, gtin, name, unitPriceMinor, listPriceMinor, taxClass, taxRateBasisPoints, unit,
                    plu, category, quantity, grams, null, null, null);
        }

        public Line {
            Objects.requireNonNull(productCode, "productCode");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(taxClass, "taxClass");
            Objects.requireNonNull(unit, "unit");
        }
    }

    /** One tender already taken. */
    public record Payment(TenderType type, long amountMinor, long tenderedMinor, long changeMinor, String reference) {

        public Payment {
            Objects.requireNonNull(type, "type");
        }
    }

    /** The snapshot of {@code sale} now, with the payment attempts started for it. */
    public static SaleSnapshot of(Sale sale, String tillId, List<String> paymentAttempts, Instant savedAt) {
        List<Line> lines = new ArrayList<>();
        for (SaleLine l : sale.lines()) {
            Product p = l.product();
            String overrideReason = sale.overrideReason(l.lineNo()).orElse(null);
            Long overriddenFrom = overrideReason == null ? null : sale.listPrice(l.lineNo()).minorUnits();
            lines.add(new Line(l.lineNo(), p.code(), p.gtin(), p.name(), l.unitPrice().minorUnits(),
                    p.unitPrice().minorUnits(), p.taxClass().code(), p.taxClass().rateBasisPoints(), p.unit(), p.plu(),
                    p.category(), l.quantity(), l.grams(), overriddenFrom, overrideReason,
                    sale.lineDiscount(l.lineNo()).orElse(null)));
        }
        List<Payment> tenders = sale.tenders().stream().map(t -> new Payment(t.type(), t.amount().minorUnits(),
                t.tendered().minorUnits(), t.change().minorUnits(), t.reference())).toList();
        return new SaleSnapshot(sale.id().value(), tillId, sale.currency().getCurrencyCode(), sale.state(),
                sale.openedAt(), sale.clerkId().orElse(null), sale.clerkName().orElse(null), sale.shiftId().orElse(null),
                lines, tenders, sale.audit(), paymentAttempts, savedAt, sale.saleDiscount().orElse(null),
                sale.rounding().isZero() ? null : sale.rounding().minorUnits());
    }

    /** The same sale without the time it was taken: two snapshots of an unchanged sale are {@code sameSale}. */
    public boolean sameSale(SaleSnapshot other) {
        return other != null && equals(new SaleSnapshot(other.transactionId, other.tillId, other.currency, other.state,
                other.openedAt, other.clerkId, other.clerkName, other.shiftId, other.lines, other.tenders, other.audit,
                other.paymentAttempts, savedAt, other.saleDiscount, other.roundingMinor));
    }

    /** The total of the lines in minor units. */
    public long totalMinor() {
        return toSale().total().minorUnits();
    }

    /** What is left to pay in minor units. */
    public long dueMinor() {
        return toSale().due().minorUnits();
    }

    /** How many items the lines hold (pieces; a weighed line counts one). */
    public int itemCount() {
        return lines.stream().mapToInt(Line::quantity).sum();
    }

    /** The gateway tender that {@code paymentId} paid, if it is one of this sale's tenders. */
    public boolean paidBy(String paymentId) {
        return tenders.stream().anyMatch(t -> paymentId.equals(t.reference()));
    }

    /**
     * The sale again, with the same id, lines (and line numbers), tenders, clerk, shift, audit
     * trail, line and sale discounts, price overrides and cash rounding. A snapshot taken while tendering with nothing paid comes back OPEN (the cart can be
     * changed again); one with tenders comes back TENDERING (part paid); a PAID one comes back PAID.
     */
    public Sale toSale() {
        Currency cur = Currency.getInstance(currency);
        List<SaleLine> saleLines = new ArrayList<>();
        Map<Integer, Discount> lineDiscounts = new LinkedHashMap<>();
        Map<Integer, Money> listPrices = new LinkedHashMap<>();
        Map<Integer, String> overrideReasons = new LinkedHashMap<>();
        for (Line l : lines) {
            if (l.discount() != null) {
                lineDiscounts.put(l.lineNo(), l.discount());
            }
            if (l.overrideReason() != null && l.overriddenFromMinor() != null) {
                listPrices.put(l.lineNo(), Money.ofMinor(l.overriddenFromMinor(), cur));
                overrideReasons.put(l.lineNo(), l.overrideReason());
            }
            Product product = new Product(l.productCode(), l.gtin(), l.name(), Money.ofMinor(l.listPriceMinor(), cur),
                    new TaxClass(l.taxClass(), l.taxRateBasisPoints()), l.unit(), l.plu(), l.category());
            saleLines.add(new SaleLine(l.lineNo(), product, l.quantity(), l.grams(), Money.ofMinor(l.unitPriceMinor(), cur)));
        }
        List<Tender> saleTenders = tenders.stream().map(t -> new Tender(t.type(), Money.ofMinor(t.amountMinor(), cur),
                Money.ofMinor(t.tenderedMinor(), cur), Money.ofMinor(t.changeMinor(), cur), t.reference())).toList();
        SaleState restored = state == SaleState.PAID ? SaleState.PAID
                : saleTenders.isEmpty() ? SaleState.OPEN : SaleState.TENDERING;
        Sale sale = Sale.restore(new TransactionId(transactionId), cur, openedAt, restored, saleLines, saleTenders,
                state == SaleState.PAID ? savedAt : null, clerkId, clerkName, shiftId, audit);
        sale.restoreAdjustments(lineDiscounts, listPrices, overrideReasons, saleDiscount,
                Money.ofMinor(roundingMinor == null ? 0 : roundingMinor, cur));
        return sale;
    }
}
