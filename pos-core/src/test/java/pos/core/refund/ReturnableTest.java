package pos.core.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;

/** Issue 12, point 3: "pick lines and quantities (never more than sold minus returned) → refund to the original tender". */
class ReturnableTest {

    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    static final String SALE_ID = "01JEQ0000000000000000SALE1";
    static final String RETURN_1 = "01JEQ00000000000000000RET1";
    static final String RETURN_2 = "01JEQ00000000000000000RET2";

    /** Bread 2 × 1.50 (7 %), Milk 1 l 3 × 1.19 with 0.07 off (7 %), Wine 8.99 (20 %), Apples 0.412 kg 1.23 (7 %). */
    static List<SaleRecord.Line> lines() {
        return List.of(
                new SaleRecord.Line(1, "1000", "Bread", 2, 0, 150, 300, "RED", 150, 0, null, 700, 20),
                new SaleRecord.Line(2, "1001", "Milk 1 l", 3, 0, 119, 350, "RED", 119, 7, "dented", 700, 23),
                new SaleRecord.Line(3, "1002", "Wine", 1, 0, 899, 899, "STD", 899, 0, null, 2000, 150),
                new SaleRecord.Line(4, "2001", "Apples", 1, 412, 299, 123, "RED", 299, 0, null, 700, 8));
    }

    static SaleRecord sale(List<SaleRecord.Payment> tenders) {
        List<SaleRecord.Line> lines = lines();
        long total = lines.stream().mapToLong(SaleRecord.Line::lineTotalMinor).sum();
        long tax = lines.stream().mapToLong(SaleRecord.Line::taxMinor).sum();
        return new SaleRecord(SALE_ID, "till-1", SaleState.PAID, "EUR", total, tax, T0, T0.plusSeconds(60), lines, tenders,
                "c1", "Ann", null, 0, null, 0, List.of());
    }

    static SaleRecord cashSale() {
        return sale(List.of(new SaleRecord.Payment(TenderType.CASH, 1672, 2000, 328)));
    }

    static ReturnRecord record(ReturnQuote quote) {
        List<ReturnRecord.Refund> done = quote.refunds().stream().map(r -> r.done("gw-" + r.refundNo())).toList();
        return quote.toRecord("till-2", "c2", null, null, T0.plusSeconds(3600), done);
    }

    @Test
    void aFreshSaleHasEverythingLeftAndAWeighedLineCountsAsOne() {
        Returnable returnable = Returnable.of(cashSale(), List.of());

        assertThat(returnable.lines()).extracting(ReturnableLine::left).containsExactly(2, 3, 1, 1);
        assertThat(returnable.line(4).orElseThrow().weighed()).isTrue();
        assertThat(returnable.fullyReturned()).isFalse();
    }

    @Test
    @DisplayName("issue 12 Done when: returning more than was sold is refused with a sentence saying what is left to return")
    void returningMoreThanLeftIsRefusedWithWhatIsLeft() {
        SaleRecord sale = cashSale();
        ReturnRecord first = record(Returnable.of(sale, List.of()).quote(ReturnRequest.of(2, 2, "sour"), RETURN_1));
        Returnable returnable = Returnable.of(sale, List.of(first));

        assertThat(returnable.line(2).orElseThrow().left()).isEqualTo(1);
        assertThatThrownBy(() -> returnable.check(ReturnRequest.of(2, 3, null)))
                .isInstanceOf(ReturnRefusedException.class)
                .hasMessage("Line 2 (Milk 1 l): 3 were sold and 2 already returned, so 1 is left to return.")
                .extracting(e -> ((ReturnRefusedException) e).reason())
                .isEqualTo(ReturnRefusedException.Reason.MORE_THAN_LEFT);
    }

    @ParameterizedTest(name = "line {0} × {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1 | 3 | Line 1 (Bread): 2 were sold and none returned yet, so 2 are left to return.
            3 | 2 | Line 3 (Wine): 1 was sold and none returned yet, so 1 is left to return.
            4 | 2 | Line 4 (Apples): it was sold weighed (412 g) and none returned yet, so 1 is left to return.
            9 | 1 | Sale 01JEQ0000000000000000SALE1 has no line 9; its lines are 1 to 4.
            1 | 0 | Line 1 (Bread): the quantity to return must be 1 or more, not 0.
            """)
    void refusalsSaySoInASentence(int lineNo, int quantity, String sentence) {
        Returnable returnable = Returnable.of(cashSale(), List.of());

        assertThatThrownBy(() -> returnable.quote(ReturnRequest.of(lineNo, quantity, null), RETURN_1))
                .isInstanceOf(ReturnRefusedException.class).hasMessage(sentence);
    }

    @Test
    void aLineThatCameBackWhollySaysNothingIsLeft() {
        SaleRecord sale = cashSale();
        ReturnRecord first = record(Returnable.of(sale, List.of()).quote(ReturnRequest.of(3, 1, null), RETURN_1));

        assertThatThrownBy(() -> Returnable.of(sale, List.of(first)).check(ReturnRequest.of(3, 1, null)))
                .hasMessage("Line 3 (Wine): 1 was sold and 1 already returned, so nothing is left to return.");
    }

    @Test
    void aCancelledSaleAndAnEmptyRequestAreRefused() {
        SaleRecord paid = cashSale();
        SaleRecord cancelled = new SaleRecord(SALE_ID, "till-1", SaleState.CANCELLED, "EUR", 0, 0, T0, T0, paid.lines(),
                List.of());

        assertThatThrownBy(() -> Returnable.of(cancelled, List.of()).check(ReturnRequest.of(1, 1, null)))
                .hasMessage("Sale " + SALE_ID + " was cancelled, so nothing can be returned from it.");
        assertThatThrownBy(() -> Returnable.of(paid, List.of()).check(new ReturnRequest(Map.of(), null)))
                .hasMessage("Choose at least one line and how many pieces come back.");
    }

    @Test
    @DisplayName("issue 12 Done when: a return of one of two lines refunds cash, its share of the discounted line")
    void oneOfTwoLinesOfACashSaleComesBackAsCash() {
        ReturnQuote quote = Returnable.of(cashSale(), List.of()).quote(ReturnRequest.of(1, 2, "stale"), RETURN_1);

        assertThat(quote.lines()).singleElement().satisfies(line -> {
            assertThat(line.originalLineNo()).isEqualTo(1);
            assertThat(line.quantity()).isEqualTo(2);
            assertThat(line.amountMinor()).isEqualTo(300);
            assertThat(line.taxMinor()).isEqualTo(20);
        });
        assertThat(quote.totalMinor()).isEqualTo(300);
        assertThat(quote.refunds()).containsExactly(
                new PlannedRefund(0, TenderType.CASH, 300, null, 1672, RETURN_1 + "-0"));
        assertThat(quote.cashMinor()).isEqualTo(300);
        assertThat(quote.usesGateway()).isFalse();
        assertThat(quote.reason()).isEqualTo("stale");
    }

    @Test
    void theDiscountedLineComesBackPieceByPieceToExactlyWhatWasPaid() {
        SaleRecord sale = cashSale();
        List<ReturnRecord> returns = new ArrayList<>();
        List<Long> amounts = new ArrayList<>();
        List<Long> taxes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ReturnQuote quote = Returnable.of(sale, returns).quote(ReturnRequest.of(2, 1, null), "01JEQ0000000000000000RET0" + i);
            amounts.add(quote.totalMinor());
            taxes.add(quote.taxMinor());
            returns.add(record(quote));
        }

        // 350 over 3 pieces: 116, 117 (233 - 116), 117 (the rest); tax 23: 7, 8, 8
        assertThat(amounts).containsExactly(116L, 117L, 117L);
        assertThat(taxes).containsExactly(7L, 8L, 8L);
        assertThat(Returnable.of(sale, returns).line(2).orElseThrow().left()).isZero();
    }

    @Test
    @DisplayName("issue 12 point 3: returning every piece, in any splits, gives back exactly what was paid, never a cent more")
    void randomSplitsAlwaysAddUpToTheSale() {
        Random random = new Random(12);
        for (int run = 0; run < 2_000; run++) {
            SaleRecord sale = randomSale(random);
            List<ReturnRecord> returns = new ArrayList<>();
            int n = 0;
            Returnable returnable = Returnable.of(sale, returns);
            while (!returnable.fullyReturned()) {
                Map<Integer, Integer> ask = new LinkedHashMap<>();
                for (ReturnableLine line : returnable.lines()) {
                    if (line.left() > 0 && random.nextBoolean()) {
                        ask.put(line.lineNo(), line.weighed() ? 1 : 1 + random.nextInt(line.left()));
                    }
                }
                if (ask.isEmpty()) {
                    continue;
                }
                ReturnQuote quote = returnable.quote(new ReturnRequest(ask, null), String.format("R%03d-%02d", run, n++));
                assertThat(quote.refunds().stream().mapToLong(PlannedRefund::amountMinor).sum())
                        .as("the refunds carry the return's money").isEqualTo(quote.totalMinor());
                returns.add(record(quote));
                returnable = Returnable.of(sale, returns);
            }
            long back = returns.stream().mapToLong(ReturnRecord::totalMinor).sum();
            long taxBack = returns.stream().mapToLong(ReturnRecord::taxMinor).sum();
            assertThat(back).as("run %d: all returns give back what was paid", run).isEqualTo(sale.paidMinor());
            assertThat(taxBack).as("run %d: and exactly the tax", run).isEqualTo(sale.taxMinor());
            for (SaleRecord.Payment tender : sale.tenders()) {
                long throughIt = returns.stream().flatMap(r -> r.refunds().stream())
                        .filter(r -> r.type() == tender.type() && java.util.Objects.equals(r.originalReference(), tender.reference()))
                        .mapToLong(ReturnRecord.Refund::amountMinor).sum();
                assertThat(throughIt).as("run %d: never more back through %s than it paid", run, tender.type())
                        .isLessThanOrEqualTo(tender.amountMinor());
            }
        }
    }

    private static SaleRecord randomSale(Random random) {
        List<SaleRecord.Line> lines = new ArrayList<>();
        int count = 1 + random.nextInt(5);
        for (int i = 1; i <= count; i++) {
            boolean weighed = random.nextInt(5) == 0;
            int quantity = weighed ? 1 : 1 + random.nextInt(7);
            long unit = 1 + random.nextInt(2_000);
            long gross = unit * quantity;
            long discount = random.nextBoolean() ? random.nextInt((int) Math.min(gross, 500)) : 0;
            long total = gross - discount;
            int rate = random.nextBoolean() ? 700 : 2000;
            long tax = Math.round(total * rate / (10_000.0 + rate));
            lines.add(new SaleRecord.Line(i, "P" + i, "Product " + i, quantity, weighed ? 100 + random.nextInt(900) : 0, unit,
                    total, rate == 700 ? "RED" : "STD", unit, discount, null, rate, tax));
        }
        long total = lines.stream().mapToLong(SaleRecord.Line::lineTotalMinor).sum();
        long tax = lines.stream().mapToLong(SaleRecord.Line::taxMinor).sum();
        long rounding = random.nextInt(5) - 2;
        long paid = total + rounding;
        List<SaleRecord.Payment> tenders = new ArrayList<>();
        if (random.nextBoolean() && paid > 1) {
            long qr = 1 + random.nextInt((int) Math.min(paid - 1, Integer.MAX_VALUE));
            tenders.add(new SaleRecord.Payment(TenderType.CASH, paid - qr, paid - qr, 0));
            tenders.add(new SaleRecord.Payment(TenderType.QR, qr, qr, 0, "01JEQ000000000000000000QR1"));
        } else {
            tenders.add(new SaleRecord.Payment(TenderType.CASH, paid, paid, 0));
        }
        return new SaleRecord("S" + random.nextInt(), "till-1", SaleState.PAID, "EUR", total, tax, T0, T0, lines, tenders,
                null, null, null, 0, null, rounding, List.of());
    }

    @Test
    @DisplayName("issue 12 point 3: a QR and cash sale refunds through the gateway first, cash last, one refund number per return and tender")
    void aMixedSaleRefundsTheGatewayTenderFirst() {
        SaleRecord sale = sale(List.of(
                new SaleRecord.Payment(TenderType.CASH, 672, 1000, 328),
                new SaleRecord.Payment(TenderType.QR, 1000, 1000, 0, "01JEQ000000000000000000QR1")));

        ReturnQuote first = Returnable.of(sale, List.of()).quote(ReturnRequest.of(3, 1, null), RETURN_1);
        assertThat(first.refunds()).containsExactly(
                new PlannedRefund(1, TenderType.QR, 899, "01JEQ000000000000000000QR1", 1000, RETURN_1 + "-1"));
        assertThat(first.usesGateway()).isTrue();

        // the QR tender has 101 left; the bread (300) takes it and 199 from the drawer
        ReturnQuote second = Returnable.of(sale, List.of(record(first))).quote(ReturnRequest.of(1, 2, null), RETURN_2);
        assertThat(second.refunds()).containsExactly(
                new PlannedRefund(1, TenderType.QR, 101, "01JEQ000000000000000000QR1", 1000, RETURN_2 + "-1"),
                new PlannedRefund(0, TenderType.CASH, 199, null, 672, RETURN_2 + "-0"));
    }

    @Test
    void theSameReturnGivenTwiceCountsOnce() {
        SaleRecord sale = cashSale();
        ReturnRecord first = record(Returnable.of(sale, List.of()).quote(ReturnRequest.of(1, 1, null), RETURN_1));

        assertThat(Returnable.of(sale, List.of(first, first)).line(1).orElseThrow().returned()).isEqualTo(1);
    }

    @Test
    void returnsOfOtherSalesAreIgnored() {
        SaleRecord sale = cashSale();
        ReturnRecord other = new ReturnRecord(RETURN_1, "another-sale", "till-1", "till-1", null, null, null, "EUR", 100, 0,
                T0, List.of(new ReturnRecord.Line(1, "1000", "Bread", 2, 0, 100, 0, "RED", 700)), List.of(), null);

        assertThat(Returnable.of(sale, List.of(other)).line(1).orElseThrow().left()).isEqualTo(2);
    }

    @Test
    @DisplayName("issue 12 point 3: an older record without tax has its tax computed from its rate")
    void anOlderRecordsTaxComesFromTheRate() {
        SaleRecord.Line line = new SaleRecord.Line(1, "1002", "Wine", 1, 0, 899, 899, "STD", 899, 0, null, 2000, 0);
        SaleRecord sale = new SaleRecord(SALE_ID, "till-1", SaleState.PAID, "EUR", 899, 0, T0, T0, List.of(line),
                List.of(new SaleRecord.Payment(TenderType.CASH, 899, 899, 0)));

        ReturnQuote quote = Returnable.of(sale, List.of()).quote(ReturnRequest.of(1, 1, null), RETURN_1);

        assertThat(quote.taxMinor()).isEqualTo(150); // 899 × 2000 / 12000 = 149.83 → 150
    }

    @Test
    @DisplayName("issue 12 point 3: cash rounding goes with the return that takes back the last piece")
    void cashRoundingGoesWithTheLastReturn() {
        SaleRecord.Line a = new SaleRecord.Line(1, "1", "Tea", 1, 0, 198, 198, "RED", 198, 0, null, 700, 13);
        SaleRecord.Line b = new SaleRecord.Line(2, "2", "Jam", 1, 0, 299, 299, "RED", 299, 0, null, 700, 20);
        SaleRecord sale = new SaleRecord(SALE_ID, "till-1", SaleState.PAID, "EUR", 497, 33, T0, T0, List.of(a, b),
                List.of(new SaleRecord.Payment(TenderType.CASH, 495, 500, 5)), null, null, null, 0, null, -2, List.of());

        ReturnQuote tea = Returnable.of(sale, List.of()).quote(ReturnRequest.of(1, 1, null), RETURN_1);
        ReturnQuote jam = Returnable.of(sale, List.of(record(tea))).quote(ReturnRequest.of(2, 1, null), RETURN_2);

        assertThat(tea.totalMinor()).isEqualTo(198);
        assertThat(jam.totalMinor()).isEqualTo(297);
        assertThat(tea.totalMinor() + jam.totalMinor()).isEqualTo(sale.paidMinor());
    }

    @Test
    void aRecordIsMadeOnlyFromTheRefundsPlanned() {
        ReturnQuote quote = Returnable.of(cashSale(), List.of()).quote(ReturnRequest.of(1, 1, null), RETURN_1);

        assertThatThrownBy(() -> quote.toRecord("till-2", null, null, null, T0, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        ReturnRecord done = record(quote);
        assertThat(done.refunds()).containsExactly(new ReturnRecord.Refund(TenderType.CASH, 150, null, null, null));
        assertThat(done.originalTransactionId()).isEqualTo(SALE_ID);
        assertThat(done.originalTillId()).isEqualTo("till-1");
    }
}
