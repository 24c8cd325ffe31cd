package pos.core.receipt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import pos.core.catalog.TaxClass;
import pos.core.money.Money;
import pos.core.receipt.ReceiptDocument.Align;
import pos.core.receipt.ReceiptDocument.Builder;
import pos.core.refund.ReturnRecord;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.Totals;
import pos.core.sale.TenderType;

/**
 * Lays out a finished sale as a {@link ReceiptDocument}: store header, title, lines (quantity ×
 * unit price, weight in kg × price per kg), tax per rate, total, each tender with what was given and
 * the change, the payment reference of non-cash tenders (a record never holds a card number), the
 * clerk, the till and the time, and the transaction id as a QR code or CODE128 barcode ({@link IdCode})
 * and as text (what the return screen scans), then a cut. {@link #refund(ReturnRecord)} lays out a return. A sale or refund with a cash tender ends with a drawer pulse; a copy never does.
 *
 * <p>Each part of the receipt is one small method, so a new field of the record is one new method
 * called from {@link #body}. Words come from {@link ReceiptWords}, money from the formatter given.
 * Thread-safe (immutable).
 */
public class ReceiptLayout {

    /** Which receipt of a sale. */
    public enum Kind {
        /** The receipt handed over with the sale. */
        SALE,
        /** A reprint: marked as a copy, never opens the drawer. */
        COPY,
        /** A refund: its own title and the original sale's id. */
        REFUND
    }

    /** How the transaction id is printed for the return screen to scan. */
    public enum IdCode {
        /** A QR code: read by 2D scanners and the webcam, reliable on every printer (the till's default). */
        QR,
        /** A CODE128 barcode: for stores with 1D scanners only. */
        CODE128
    }

    private final StoreHeader store;
    private final ReceiptWords words;
    private final Function<Money, String> money;
    private final Map<String, Integer> rateByClass;
    private final PaperWidth paper;
    private final IdCode idCode;

    /**
     * @param store      the header
     * @param words      every word printed
     * @param money      formats an amount as printed (e.g. "12.50" or "¥12.50")
     * @param taxClasses the catalog's tax classes, for the tax-per-rate lines
     * @param paper      the printer's paper
     */
    public ReceiptLayout(StoreHeader store, ReceiptWords words, Function<Money, String> money,
            Collection<TaxClass> taxClasses, PaperWidth paper) {
        this(store, words, money, taxClasses, paper, IdCode.CODE128);
    }

    /**
     * As {@link #ReceiptLayout(StoreHeader, ReceiptWords, Function, Collection, PaperWidth)}, printing the
     * transaction id as {@code idCode}.
     */
    public ReceiptLayout(StoreHeader store, ReceiptWords words, Function<Money, String> money,
            Collection<TaxClass> taxClasses, PaperWidth paper, IdCode idCode) {
        this.idCode = Objects.requireNonNull(idCode, "idCode");
        this.store = Objects.requireNonNull(store, "store");
        this.words = Objects.requireNonNull(words, "words");
        this.money = Objects.requireNonNull(money, "money");
        this.paper = Objects.requireNonNull(paper, "paper");
        Map<String, Integer> rates = new LinkedHashMap<>();
        taxClasses.forEach(c -> rates.put(c.code(), c.rateBasisPoints()));
        this.rateByClass = Map.copyOf(rates);
    }

    /** The receipt of a sale, as handed over at the till. */
    public ReceiptDocument receipt(SaleRecord sale) {
        return layout(sale, Kind.SALE, null);
    }

    /** A reprint of a sale's receipt, marked as a copy. */
    public ReceiptDocument copy(SaleRecord sale) {
        return layout(sale, Kind.COPY, null);
    }

    /**
     * The receipt of a refund, laid out from the refund's own record (its lines and tenders are
     * what was returned and paid back) and naming the original sale.
     */
    public ReceiptDocument refund(SaleRecord refund, String originalTransactionId) {
        return layout(refund, Kind.REFUND, Objects.requireNonNull(originalTransactionId, "originalTransactionId"));
    }

    /**
     * The receipt of a return ({@link ReturnRecord}): what came back, the tax in it per rate, the
     * money given back per tender, the original sale's id, and the return's id as its code. A cash
     * refund ends with the drawer pulse (the cash comes out of the drawer).
     */
    public ReceiptDocument refund(ReturnRecord ret) {
        Objects.requireNonNull(ret, "ret");
        Builder b = ReceiptDocument.builder(paper);
        header(b);
        b.text(words.refundTitle(), Align.CENTER, true, false);
        b.centered(words.refundOf(ret.originalTransactionId()));
        b.separator();
        for (ReturnRecord.Line line : ret.lines()) {
            b.columns(line.name(), money(ret.currency(), line.amountMinor()));
            if (line.grams() > 0) {
                b.text("  " + kilograms(line.grams()) + " kg");
            } else if (line.quantity() > 1 && line.amountMinor() % line.quantity() == 0) {
                b.text("  " + words.quantityTimesPrice(line.quantity(), money(ret.currency(), line.amountMinor() / line.quantity())));
            }
        }
        b.separator();
        Map<String, long[]> taxByClass = new LinkedHashMap<>();
        for (ReturnRecord.Line line : ret.lines()) {
            long[] entry = taxByClass.computeIfAbsent(line.taxClass(), c -> new long[] {line.taxRateBasisPoints(), 0});
            entry[1] += line.taxMinor();
        }
        long perRate = taxByClass.values().stream().mapToLong(e -> e[1]).sum();
        if (perRate != ret.taxMinor()) {
            b.columns(words.taxIncluded(), money(ret.currency(), ret.taxMinor()));
        } else {
            taxByClass.forEach((cls, e) -> {
                if (e[0] > 0) {
                    b.columns(words.taxAtRate(cls, percent((int) e[0])), money(ret.currency(), e[1]));
                }
            });
        }
        b.boldColumns(words.total(), money(ret.currency(), ret.totalMinor()));
        b.separator();
        for (ReturnRecord.Refund refund : ret.refunds()) {
            b.columns(words.tender(refund.type()), money(ret.currency(), refund.amountMinor()));
            String reference = refund.refundId() != null ? refund.refundId() : refund.refundNo();
            if (refund.type() != TenderType.CASH && reference != null && !reference.isBlank()) {
                b.text(words.paymentReference(reference));
            }
            creditVoucher(b, ret.currency(), refund);
        }
        if (ret.reason() != null && !ret.reason().isBlank()) {
            b.text(words.returnReason(ret.reason()));
        }
        b.separator();
        b.text(words.till(ret.tillId()));
        b.text(words.time(ret.at()));
        idCode(b, ret.returnId());
        b.cut();
        if (ret.refunds().stream().anyMatch(r -> r.type() == TenderType.CASH && r.amountMinor() > 0)) {
            b.drawerPulse();
        }
        return b.build();
    }

    /** A credit voucher given for a refund (issue 12.3): its value and its QR code, redeemable at any till. */
    private void creditVoucher(Builder b, String currency, ReturnRecord.Refund refund) {
        if (refund.type() == TenderType.VOUCHER && refund.voucherCode() != null && !refund.voucherCode().isBlank()) {
            b.text(words.creditVoucher(money(currency, refund.amountMinor())), Align.CENTER, true, false);
            b.qrCode(refund.voucherCode());
        }
    }

    /** A page that shows the printer works: the header, the paper, CJK text, a barcode, a QR code. */
    public ReceiptDocument testPage(String printerName) {
        Builder b = ReceiptDocument.builder(paper);
        header(b);
        b.text(words.testPageTitle(), Align.CENTER, true, true);
        b.separator('=');
        b.text(words.testPagePaper(paper.millimetres(), paper.columns()));
        b.text(words.testPagePrinter(printerName));
        b.text("0123456789".repeat(paper.columns() / 10 + 1).substring(0, paper.columns()));
        b.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz");
        b.text("中文打印 测试 收据");
        b.columns("左 left", "right 右");
        b.separator();
        b.barcode("TEST-" + paper.millimetres());
        b.qrCode("TEST-" + paper.millimetres());
        b.cut();
        return b.build();
    }

    /** Whole layout; each call below is one part of the receipt. */
    protected ReceiptDocument layout(SaleRecord sale, Kind kind, String originalTransactionId) {
        Builder b = ReceiptDocument.builder(paper);
        header(b);
        title(b, sale, kind, originalTransactionId);
        body(b, sale);
        footer(b, sale);
        transactionCode(b, sale);
        b.cut();
        if (opensDrawer(sale, kind)) {
            b.drawerPulse();
        }
        return b.build();
    }

    /** Lines, totals and tenders: the middle of the receipt. Add a new record field's part here. */
    protected void body(Builder b, SaleRecord sale) {
        b.separator();
        for (SaleRecord.Line line : sale.lines()) {
            line(b, sale, line);
        }
        b.separator();
        taxes(b, sale);
        total(b, sale);
        b.separator();
        for (SaleRecord.Payment payment : sale.tenders()) {
            tender(b, sale, payment);
        }
    }

    protected void header(Builder b) {
        b.text(store.name(), Align.CENTER, true, true);
        store.addressLines().forEach(b::centered);
        if (!store.taxNumber().isEmpty()) {
            b.centered(words.taxNumber(store.taxNumber()));
        }
    }

    protected void title(Builder b, SaleRecord sale, Kind kind, String originalTransactionId) {
        String title = kind == Kind.REFUND ? words.refundTitle() : words.saleTitle();
        b.text(title, Align.CENTER, true, false);
        if (kind == Kind.COPY) {
            b.text(words.copyMark(), Align.CENTER, true, false);
        }
        if (kind == Kind.REFUND) {
            b.centered(words.refundOf(originalTransactionId));
        }
        if (sale.state() == SaleState.CANCELLED) {
            b.text(words.cancelled(), Align.CENTER, true, false);
        }
    }

    /** One cart line: the name with its total, then quantity × price (or weight × price per kg) when it says more. */
    protected void line(Builder b, SaleRecord sale, SaleRecord.Line line) {
        b.columns(line.name(), amount(sale, line.lineTotalMinor()));
        if (line.grams() > 0) {
            b.text("  " + words.weightTimesPrice(kilograms(line.grams()), amount(sale, line.unitPriceMinor())));
        } else if (line.quantity() != 1) {
            b.text("  " + words.quantityTimesPrice(line.quantity(), amount(sale, line.unitPriceMinor())));
        }
    }

    /**
     * Tax included, per rate, computed as the sale computes it ({@link Totals}: once per class on
     * the class's gross). When a class's rate is unknown, or the per-class sum does not match the
     * record, one line with the record's tax instead (the record is the truth).
     */
    protected void taxes(Builder b, SaleRecord sale) {
        Map<String, Long> grossByClass = new LinkedHashMap<>();
        for (SaleRecord.Line line : sale.lines()) {
            grossByClass.merge(line.taxClass(), line.lineTotalMinor(), Long::sum);
        }
        Map<String, Long> taxByClass = new LinkedHashMap<>();
        for (Map.Entry<String, Long> entry : grossByClass.entrySet()) {
            Integer rate = rateByClass.get(entry.getKey());
            if (rate == null) {
                taxByClass = null;
                break;
            }
            long tax = Money.ofMinor(entry.getValue(), sale.currency())
                    .times(rate, 10_000L + rate, Totals.TAX_ROUNDING).minorUnits();
            taxByClass.put(entry.getKey(), tax);
        }
        if (taxByClass == null || taxByClass.values().stream().mapToLong(Long::longValue).sum() != sale.taxMinor()) {
            b.columns(words.taxIncluded(), amount(sale, sale.taxMinor()));
            return;
        }
        taxByClass.forEach((cls, tax) -> {
            if (rateByClass.get(cls) > 0) {
                b.columns(words.taxAtRate(cls, percent(rateByClass.get(cls))), amount(sale, tax));
            }
        });
    }

    protected void total(Builder b, SaleRecord sale) {
        b.boldColumns(words.total(), amount(sale, sale.totalMinor()));
    }

    /** One tender: its amount, what was given and the change when cash was given, its reference when it has one. */
    protected void tender(Builder b, SaleRecord sale, SaleRecord.Payment payment) {
        b.columns(words.tender(payment.type()), amount(sale, payment.amountMinor()));
        if (payment.tenderedMinor() != payment.amountMinor() && payment.tenderedMinor() > 0) {
            b.columns("  " + words.tendered(), amount(sale, payment.tenderedMinor()));
        }
        if (payment.changeMinor() != 0) {
            b.columns("  " + words.change(), amount(sale, payment.changeMinor()));
        }
        if (payment.type() != TenderType.CASH && payment.reference() != null && !payment.reference().isBlank()) {
            b.text(words.paymentReference(payment.reference()));
        }
    }

    /** The clerk (when the record names one), the till and the time. */
    protected void footer(Builder b, SaleRecord sale) {
        b.separator();
        if (sale.clerkName() != null && !sale.clerkName().isBlank()) {
            b.text(words.clerk(sale.clerkName()));
        }
        b.text(words.till(sale.tillId()));
        b.text(words.time(sale.closedAt()));
    }

    /** The id the return screen scans: a QR code or CODE128 barcode ({@link IdCode}) and the same id as text under it. */
    protected void transactionCode(Builder b, SaleRecord sale) {
        idCode(b, sale.transactionId());
    }

    protected void idCode(Builder b, String id) {
        if (idCode == IdCode.QR) {
            b.qrCode(id);
        } else {
            b.barcode(id);
        }
        b.centered(words.transactionId(id));
    }

    /** Cash went in or out of the drawer: a sale or refund with a cash tender, never a copy. */
    protected boolean opensDrawer(SaleRecord sale, Kind kind) {
        return kind != Kind.COPY && sale.state() == SaleState.PAID
                && sale.tenders().stream().anyMatch(t -> t.type() == TenderType.CASH);
    }

    protected String amount(SaleRecord sale, long minorUnits) {
        return money(sale.currency(), minorUnits);
    }

    protected String money(String currency, long minorUnits) {
        return money.apply(Money.ofMinor(minorUnits, currency));
    }

    /** Grams as kilograms with three decimals: 350 → "0.350". */
    protected static String kilograms(int grams) {
        return BigDecimal.valueOf(grams, 3).toPlainString();
    }

    /** Basis points as a percentage without trailing zeros: 2000 → "20%", 550 → "5.5%". */
    protected static String percent(int basisPoints) {
        return BigDecimal.valueOf(basisPoints, 2).setScale(2, RoundingMode.UNNECESSARY).stripTrailingZeros().toPlainString() + "%";
    }

    /** The paper this layout is for. */
    public PaperWidth paper() {
        return paper;
    }

    /** The lines laid out for a list of blocks, as plain text (for logs, tests and previews). */
    public static List<String> plainText(ReceiptDocument document) {
        return PlainReceiptText.lines(document);
    }
}
