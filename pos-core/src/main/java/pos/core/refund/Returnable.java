package pos.core.refund;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.core.sale.Totals;

/**
 * What can still come back from one sale, given the returns already made against it (issue 12,
 * point 3): per line, sold minus returned (a weighed line comes back whole); a {@link ReturnRequest}
 * checked against it; the money for each returned line; and the refund split over the original
 * tenders. Pure computation, immutable, thread-safe.
 *
 * <p>Money per line: returning {@code q} of {@code n} pieces when {@code r} came back already gives
 * {@code floor(lineTotal × (r+q) / n)} minus what earlier returns already gave back for the line
 * (the same for its tax), and the last piece gives back exactly the rest. So the returns of a line
 * add up to exactly its discounted total and tax, never a cent more, whatever the order and size of
 * the returns. A line whose record carries no tax (records from before issue 12 have
 * {@code taxMinor} 0) has its tax computed from its rate the way {@link Totals} does it
 * ({@code total × rate / (1 + rate)}, half up). The sale's cash rounding goes with the return that
 * takes back the last piece of the sale, so all returns together give back what the customer paid.
 *
 * <p>Tenders: the money goes back first through the gateway tenders (QR, pay-code, card: the
 * customer's own account) in the sale's order, each up to what it paid minus what earlier returns
 * already refunded through it; then stored value (member) and vouchers; cash last. Each refund has
 * the number {@link RefundNumbers#of}(return id, tender index).
 */
public final class Returnable {

    private final SaleRecord sale;
    private final List<ReturnRecord> earlier;
    private final Map<Integer, ReturnableLine> lines;

    private Returnable(SaleRecord sale, List<ReturnRecord> earlier, Map<Integer, ReturnableLine> lines) {
        this.sale = sale;
        this.earlier = earlier;
        this.lines = lines;
    }

    /**
     * What can still come back from {@code sale}.
     *
     * @param earlier the returns already made against it (returns of other sales are ignored; the
     *                same return given twice counts once)
     */
    public static Returnable of(SaleRecord sale, List<ReturnRecord> earlier) {
        Objects.requireNonNull(sale, "sale");
        Map<String, ReturnRecord> mine = new LinkedHashMap<>();
        for (ReturnRecord r : earlier) {
            if (r.originalTransactionId().equals(sale.transactionId())) {
                mine.putIfAbsent(r.returnId(), r);
            }
        }
        List<ReturnRecord> returns = List.copyOf(mine.values());
        Map<Integer, ReturnableLine> lines = new LinkedHashMap<>();
        for (SaleRecord.Line line : sale.lines()) {
            int returned = 0;
            long refunded = 0;
            long refundedTax = 0;
            for (ReturnRecord r : returns) {
                for (ReturnRecord.Line back : r.lines()) {
                    if (back.originalLineNo() == line.lineNo()) {
                        returned += back.quantity();
                        refunded += back.amountMinor();
                        refundedTax += back.taxMinor();
                    }
                }
            }
            int sold = line.grams() > 0 ? 1 : line.quantity();
            lines.put(line.lineNo(), new ReturnableLine(line.lineNo(), line.productCode(), line.name(), sold, returned,
                    line.grams(), line.lineTotalMinor(), lineTax(line), line.taxClass(), line.taxRateBasisPoints(),
                    refunded, refundedTax));
        }
        return new Returnable(sale, returns, lines);
    }

    /** The tax included in a line: as recorded, or computed from its rate when the record carries none. */
    static long lineTax(SaleRecord.Line line) {
        if (line.taxMinor() != 0 || line.taxRateBasisPoints() == 0) {
            return line.taxMinor();
        }
        int rate = line.taxRateBasisPoints();
        return BigDecimal.valueOf(line.lineTotalMinor()).multiply(BigDecimal.valueOf(rate))
                .divide(BigDecimal.valueOf(10_000L + rate), 0, Totals.TAX_ROUNDING).longValueExact();
    }

    public SaleRecord sale() {
        return sale;
    }

    /** The returns already made against the sale. */
    public List<ReturnRecord> earlierReturns() {
        return earlier;
    }

    /** Every line of the sale, in its order. */
    public List<ReturnableLine> lines() {
        return List.copyOf(lines.values());
    }

    public Optional<ReturnableLine> line(int lineNo) {
        return Optional.ofNullable(lines.get(lineNo));
    }

    /** Whether nothing is left to return (everything came back already, or it was not a paid sale). */
    public boolean fullyReturned() {
        return sale.state() != SaleState.PAID || lines.values().stream().allMatch(l -> l.left() == 0);
    }

    /** The money already given back by earlier returns. */
    public long refundedMinor() {
        return earlier.stream().mapToLong(ReturnRecord::totalMinor).sum();
    }

    /**
     * Checks a request against what is left.
     *
     * @throws ReturnRefusedException with the sentence for the clerk when it asks for what cannot come back
     */
    public void check(ReturnRequest request) {
        Objects.requireNonNull(request, "request");
        if (sale.state() != SaleState.PAID) {
            throw new ReturnRefusedException(ReturnRefusedException.Reason.NOT_PAID, "Sale " + sale.transactionId()
                    + " was cancelled, so nothing can be returned from it.", "returns.refused.NOT_PAID",
                    List.of(sale.transactionId()));
        }
        if (request.isEmpty()) {
            throw new ReturnRefusedException(ReturnRefusedException.Reason.NOTHING_CHOSEN,
                    "Choose at least one line and how many pieces come back.", "returns.refused.NOTHING_CHOSEN", List.of());
        }
        for (Map.Entry<Integer, Integer> asked : request.quantities().entrySet()) {
            int lineNo = asked.getKey();
            int quantity = asked.getValue();
            ReturnableLine line = lines.get(lineNo);
            if (line == null) {
                throw new ReturnRefusedException(ReturnRefusedException.Reason.NO_SUCH_LINE, "Sale "
                        + sale.transactionId() + " has no line " + lineNo + "; its lines are 1 to " + lastLineNo() + ".",
                        "returns.refused.NO_SUCH_LINE", List.of(sale.transactionId(), String.valueOf(lineNo),
                                String.valueOf(lastLineNo())));
            }
            if (quantity <= 0) {
                throw new ReturnRefusedException(ReturnRefusedException.Reason.NOTHING_CHOSEN, line.label()
                        + ": the quantity to return must be 1 or more, not " + quantity + ".",
                        "returns.refused.NOTHING_CHOSEN.quantity", List.of(String.valueOf(line.lineNo()), line.name(),
                                String.valueOf(quantity)));
            }
            if (quantity > line.left()) {
                throw new ReturnRefusedException(ReturnRefusedException.Reason.MORE_THAN_LEFT, leftSentence(line),
                        line.weighed() ? "returns.refused.MORE_THAN_LEFT.weighed" : "returns.refused.MORE_THAN_LEFT",
                        List.of(String.valueOf(line.lineNo()), line.name(), line.sold(), line.returned(), line.left(),
                                String.valueOf(line.grams())));
            }
            if (line.weighed() && quantity != 1) {
                throw new ReturnRefusedException(ReturnRefusedException.Reason.WEIGHED_PART, line.label()
                        + " was weighed (" + line.grams() + " g): it comes back whole, as 1.",
                        "returns.refused.WEIGHED_PART", List.of(String.valueOf(line.lineNo()), line.name(),
                                String.valueOf(line.grams())));
            }
        }
    }

    /** "Line 2 (Milk 1 l): 3 were sold and 2 already returned, so 1 is left to return." */
    static String leftSentence(ReturnableLine line) {
        String sold = line.weighed() ? "it was sold weighed (" + line.grams() + " g)" : count(line.sold(), "was", "were") + " sold";
        String returned = line.returned() == 0 ? "none returned yet" : line.returned() + " already returned";
        String left = line.left() == 0 ? "nothing is left to return" : line.left() + " " + (line.left() == 1 ? "is" : "are")
                + " left to return";
        return line.label() + ": " + sold + " and " + returned + ", so " + left + ".";
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private int lastLineNo() {
        return lines.keySet().stream().max(Comparator.naturalOrder()).orElse(0);
    }

    /**
     * Checks the request and computes the money and its split over the original tenders.
     *
     * @param returnId the return's id, made before anything else (the root of its refund numbers)
     * @throws ReturnRefusedException when the request asks for what cannot come back
     * @throws IllegalArgumentException when {@code returnId} makes refund numbers gateways refuse
     */
    public ReturnQuote quote(ReturnRequest request, String returnId) {
        check(request);
        Objects.requireNonNull(returnId, "returnId");
        RefundNumbers.of(returnId, Math.max(0, sale.tenders().size() - 1)); // fails early on an unusable id
        List<ReturnRecord.Line> back = new ArrayList<>();
        long total = 0;
        long tax = 0;
        boolean takesTheLast = true;
        for (ReturnableLine line : lines.values()) {
            int quantity = request.quantities().getOrDefault(line.lineNo(), 0);
            if (quantity < line.left()) {
                takesTheLast = false;
            }
            if (quantity == 0) {
                continue;
            }
            long amount = share(line.lineTotalMinor(), line.refundedMinor(), line.returned(), quantity, line.sold());
            long lineTax = Math.min(amount, share(line.taxMinor(), line.refundedTaxMinor(), line.returned(), quantity,
                    line.sold()));
            back.add(new ReturnRecord.Line(line.lineNo(), line.productCode(), line.name(), quantity, line.grams(), amount,
                    lineTax, line.taxClass(), line.taxRateBasisPoints()));
            total += amount;
            tax += lineTax;
        }
        if (takesTheLast) {
            total = Math.max(0, total + sale.roundingMinor());
        }
        // never more than is left of what the customer paid
        total = Math.min(total, Math.max(0, sale.paidMinor() - refundedMinor()));
        return new ReturnQuote(returnId, sale.transactionId(), sale.tillId(), sale.currency(), back, total,
                Math.min(tax, total), split(total, returnId), request.reason());
    }

    /**
     * The part of {@code whole} that {@code quantity} more of {@code sold} pieces stand for, when
     * {@code returned} pieces already gave back {@code alreadyBack}: cumulative, so the parts add up
     * to {@code whole} exactly.
     */
    static long share(long whole, long alreadyBack, int returned, int quantity, int sold) {
        int after = returned + quantity;
        long upTo = after >= sold ? whole : BigDecimal.valueOf(whole).multiply(BigDecimal.valueOf(after))
                .divide(BigDecimal.valueOf(sold), 0, RoundingMode.FLOOR).longValueExact();
        return Math.max(0, Math.min(upTo, whole) - alreadyBack);
    }

    /** The split of {@code amount} over the original tenders; see the class comment for the order. */
    private List<PlannedRefund> split(long amount, String returnId) {
        List<SaleRecord.Payment> tenders = sale.tenders();
        long[] left = new long[tenders.size()];
        for (int i = 0; i < tenders.size(); i++) {
            left[i] = Math.max(0, tenders.get(i).amountMinor());
        }
        for (ReturnRecord r : earlier) {
            for (ReturnRecord.Refund refund : r.refunds()) {
                int index = tenderOf(r.returnId(), refund, left);
                if (index >= 0) {
                    left[index] = Math.max(0, left[index] - refund.amountMinor());
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < tenders.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> rank(tenders.get(i).type())));
        List<PlannedRefund> planned = new ArrayList<>();
        long remaining = amount;
        for (int i : order) {
            if (remaining == 0) {
                break;
            }
            long part = Math.min(remaining, left[i]);
            if (part > 0) {
                SaleRecord.Payment tender = tenders.get(i);
                planned.add(new PlannedRefund(i, tender.type(), part, tender.reference(), tender.amountMinor(),
                        RefundNumbers.of(returnId, i)));
                remaining -= part;
            }
        }
        if (remaining > 0) {
            // The tenders paid less than the lines cost (a record with inconsistent tenders): the rest is cash.
            planned.add(new PlannedRefund(tenders.size(), TenderType.CASH, remaining, null, 0,
                    RefundNumbers.of(returnId, tenders.size())));
        }
        planned.sort(Comparator.comparingInt(p -> order.indexOf(p.tenderIndex()) < 0 ? Integer.MAX_VALUE
                : order.indexOf(p.tenderIndex())));
        return planned;
    }

    /** Which tender of the sale an earlier refund went through: by its refund number, else the first of its type and reference with money left. */
    private int tenderOf(String earlierReturnId, ReturnRecord.Refund refund, long[] left) {
        List<SaleRecord.Payment> tenders = sale.tenders();
        String prefix = earlierReturnId + "-";
        if (refund.refundNo() != null && refund.refundNo().startsWith(prefix)) {
            try {
                int index = Integer.parseInt(refund.refundNo().substring(prefix.length()));
                if (index >= 0 && index < tenders.size() && tenders.get(index).type() == refund.type()) {
                    return index;
                }
            } catch (NumberFormatException e) {
                // not one of our numbers: matched by type and reference below
            }
        }
        int fallback = -1;
        for (int i = 0; i < tenders.size(); i++) {
            SaleRecord.Payment tender = tenders.get(i);
            if (tender.type() == refund.type() && Objects.equals(tender.reference(), refund.originalReference())) {
                if (left[i] > 0) {
                    return i;
                }
                fallback = fallback < 0 ? i : fallback;
            }
        }
        return fallback;
    }

    /** Gateway tenders first (the customer's own account), then stored value and vouchers, cash last. */
    private static int rank(TenderType type) {
        return switch (type) {
            case QR, PAY_CODE, CARD -> 0;
            case MEMBER -> 1;
            case VOUCHER -> 2;
            case CASH -> 3;
        };
    }
}
