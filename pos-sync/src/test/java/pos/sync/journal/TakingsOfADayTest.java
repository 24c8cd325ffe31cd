package pos.sync.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.audit.AuditEntry;
import pos.core.audit.AuditKind;
import pos.core.audit.TillEvent;
import pos.core.journal.TillRecord;
import pos.core.refund.ReturnRecord;
import pos.core.report.Figure;
import pos.core.report.Takings;
import pos.core.report.TakingsRow;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.core.shift.ShiftFigures;
import pos.core.shift.ZReport;
import pos.sync.shift.TillShifts;
import pos.sync.testing.TestClock;

/**
 * Issue 12, Done when: "a test fills a day (sales, returns, a void, a discount, two clerks, three tenders) and checks
 * every figure of the takings report against the journal". The day goes into a real SQLite journal; the takings are
 * computed from {@code journal.records(...)}; every figure is checked against sums the test makes itself straight
 * from the journal file's rows (the JSON in {@code journal.payload}, read with plain JDBC and a JSON tree), so the
 * record classes and the report's code are not their own witnesses.
 *
 * <p>The day is one shift of the till ({@link TillShifts}: opened at 08:50 with a float of 100.00, closed at 22:00
 * with a count); its Z report, the X/Z computation over the same journal, is checked figure by figure against the
 * journal's rows in the same way, and against the takings on every figure the two share (issue 12: "checks every
 * figure of the takings report and the Z report against the journal").
 */
@DisplayName("Issue 12 Done-when: the takings of a day, every figure against the journal's rows")
class TakingsOfADayTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** The local day 2026-12-01 in Berlin. */
    static final Instant FROM = Instant.parse("2026-11-30T23:00:00Z");
    static final Instant TO = Instant.parse("2026-12-01T23:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    TestClock clock;
    Takings takings;
    /** The journal's rows of the day: kind and payload. */
    List<JsonNode> sales;
    List<JsonNode> returns;
    List<JsonNode> events;
    /** The Z report made at the end of the day, and the journal's Z rows of the day. */
    ZReport z;
    List<JsonNode> zRows;
    /** The shift open now, whose id the day's records carry (null: none open). */
    String openShift;

    @BeforeEach
    void fillTheDayAndReadIt() throws Exception {
        clock = new TestClock(FROM.minusSeconds(3600));
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir, clock)) {
            // the evening before: not the day's
            append(journal, sale("S0", "ann", "Ann", SaleState.PAID, at(-2, 0), List.of(line(1, 999, 0, null)),
                    List.of(cash(999, 1000)), 0, List.of()));
            // 08:50 Ann opens the shift with a float of 100.00: the day's records carry its id
            clock.advance(Duration.between(clock.instant(), at(8, 50)));
            pos.core.sale.TransactionId.Generator ids = new pos.core.sale.TransactionId.Generator(clock);
            TillShifts shifts = new TillShifts(journal, "till-1", "EUR", clock, () -> ids.next().value());
            openShift = shifts.open(FLOAT, "ann").shiftId();
            append(journal, event("E1", AuditKind.SIGN_IN, at(8, 55), "ann", 0));
            append(journal, event("E2", AuditKind.SIGN_IN, at(9, 0), "bob", 0));
            // 09:05 Ann: two lines, cash 12.40, 15.00 handed over
            append(journal, sale("S1", "ann", "Ann", SaleState.PAID, at(9, 5),
                    List.of(line(1, 1000, 0, null), line(2, 240, 0, null)), List.of(cash(1240, 1500)), 0, List.of()));
            // 09:20 Bob: card 25.00; line 2 (3.50) voided with Sam's approval on the way
            append(journal, sale("S2", "bob", "Bob", SaleState.PAID, at(9, 20),
                    List.of(line(1, 1500, 0, null), line(3, 1000, 0, null)), List.of(gateway(TenderType.CARD, 2500)), 0,
                    List.of(new AuditEntry(AuditKind.APPROVAL, at(9, 18), "bob", "sam", "S2/2", 0, "VOID_LINE"),
                            new AuditEntry(AuditKind.LINE_VOIDED, at(9, 18), "bob", "sam", "2 P2", 350, null))));
            // 09:50 Ann: QR 8.00 after a line discount of 1.00 (damaged)
            append(journal, sale("S3", "ann", "Ann", SaleState.PAID, at(9, 50), List.of(line(1, 800, 100, "damaged")),
                    List.of(gateway(TenderType.QR, 800)), 0, List.of()));
            // 10:15 Bob: 15.00 split card 10.00 + cash 5.00, a sale discount of 1.50 spread over the lines
            append(journal, sale("S4", "bob", "Bob", SaleState.PAID, at(10, 15),
                    List.of(line(1, 900, 90, "staff"), line(2, 600, 60, "staff")),
                    List.of(gateway(TenderType.CARD, 1000), cash(500, 500)), 150, List.of()));
            append(journal, event("E3", AuditKind.DRAWER_OPENED, at(10, 40), "bob", 0));
            // 11:30 Ann: cancelled with 6.00 in the cart, a line of 2.00 voided before
            append(journal, sale("S5", "ann", "Ann", SaleState.CANCELLED, at(11, 30), List.of(line(1, 600, 0, null)),
                    List.of(), 0, List.of(new AuditEntry(AuditKind.LINE_VOIDED, at(11, 29), "ann", null, "2 P9", 200, null))));
            // 12:00 Bob: QR 30.00
            append(journal, sale("S6", "bob", "Bob", SaleState.PAID, at(12, 0), List.of(line(1, 3000, 0, null)),
                    List.of(gateway(TenderType.QR, 3000)), 0, List.of()));
            append(journal, event("E4", AuditKind.PAY_OUT, at(12, 30), "bob", 2000));
            // 13:00 Ann takes back 2.40 of S1 in cash; 14:00 Bob refunds S3's 8.00 by QR
            append(journal, returned("R1", "S1", "ann", at(13, 0), 240, TenderType.CASH));
            append(journal, returned("R2", "S3", "bob", at(14, 0), 800, TenderType.QR));
            // 22:00 Bob counts the drawer: 94.50 where 95.00 is expected, and closes the shift: Z #1
            clock.advance(Duration.between(clock.instant(), at(22, 0)));
            z = shifts.close(COUNTED, "coin dropped behind the till", "bob");
            openShift = null;
            // the next morning: not the day's
            append(journal, returned("R3", "S6", "bob", at(24 + 9, 0), 3000, TenderType.QR));

            List<TillRecord> records = journal.records(TillRecord.class, FROM, TO);
            takings = Takings.of(FROM, TO, "EUR", ZONE, records);
        }
        readRows();
    }

    static final long FLOAT = 10000;
    /** 50.00 + 2 × 20.00 + 2 × 2.00 + 0.50 = 94.50. */
    static final java.util.Map<Long, Integer> COUNTED = java.util.Map.of(5000L, 1, 2000L, 2, 200L, 2, 50L, 1);

    @Test
    @DisplayName("Issue 12 Done-when: the Z report of the day, every figure against the journal's rows")
    void theZReportOfTheDayAgainstTheJournal() {
        assertThat(zRows).as("the Z is journaled once").singleElement()
                .satisfies(row -> assertThat(row.get("zNumber").asLong()).isEqualTo(z.zNumber()));
        assertThat(z.zNumber()).isEqualTo(1);
        ShiftFigures f = z.figures();
        String shiftId = z.shiftId();
        List<JsonNode> shiftSales = sales.stream().filter(s -> shiftId.equals(s.path("shiftId").asText(null))).toList();
        List<JsonNode> paid = shiftSales.stream().filter(s -> s.get("state").asText().equals("PAID")).toList();
        List<JsonNode> shiftReturns = returns.stream().filter(r -> shiftId.equals(r.path("shiftId").asText(null))).toList();
        List<JsonNode> shiftEvents = events(e -> shiftId.equals(e.path("shiftId").asText(null)));
        assertThat(paid).hasSize(5);
        assertThat(shiftReturns).hasSize(2);

        JsonNode opened = shiftEvents.stream().filter(e -> kind(e).equals("SHIFT_OPENED")).findFirst().orElseThrow();
        assertThat(f.floatMinor()).isEqualTo(opened.get("entry").get("amountMinor").asLong()).isEqualTo(FLOAT);
        assertThat(z.openedAt()).isEqualTo(Instant.parse(opened.get("entry").get("at").asText()));
        assertThat(z.openedBy()).isEqualTo("ann");
        assertThat(z.closedBy()).isEqualTo("bob");

        assertThat(f.salesCount()).isEqualTo(paid.size());
        assertThat(f.salesMinor()).isEqualTo(sum(paid, s -> s.get("totalMinor").asLong() + s.get("roundingMinor").asLong()));
        assertThat(f.returnsCount()).isEqualTo(shiftReturns.size());
        assertThat(f.returnsMinor()).isEqualTo(sum(shiftReturns, r -> r.get("totalMinor").asLong()));

        assertThat(f.tenders()).extracting(t -> t.type().name()).containsExactly("CASH", "QR", "CARD");
        for (ShiftFigures.TenderFigures t : f.tenders()) {
            String name = t.type().name();
            assertThat(t.salesCount()).as(name).isEqualTo(paid.stream()
                    .filter(s -> tenders(s).anyMatch(p -> p.get("type").asText().equals(name))).count());
            assertThat(t.salesMinor()).as(name).isEqualTo(sum(paid, s -> tenders(s)
                    .filter(p -> p.get("type").asText().equals(name)).mapToLong(p -> p.get("amountMinor").asLong()).sum()));
            assertThat(t.refundsCount()).as(name).isEqualTo(shiftReturns.stream()
                    .filter(r -> stream(r.get("refunds")).anyMatch(p -> p.get("type").asText().equals(name))).count());
            assertThat(t.refundsMinor()).as(name).isEqualTo(sum(shiftReturns, r -> stream(r.get("refunds"))
                    .filter(p -> p.get("type").asText().equals(name)).mapToLong(p -> p.get("amountMinor").asLong()).sum()));
            assertThat(t.netMinor()).isEqualTo(t.salesMinor() - t.refundsMinor());
        }

        assertThat(f.taxRates()).extracting(ShiftFigures.TaxRateFigures::rateBasisPoints).containsExactly(700);
        ShiftFigures.TaxRateFigures rate = f.taxRates().get(0);
        assertThat(rate.salesGrossMinor()).isEqualTo(sum(paid, s -> stream(s.get("lines"))
                .mapToLong(l -> l.get("lineTotalMinor").asLong()).sum()));
        assertThat(rate.salesTaxMinor()).isEqualTo(sum(paid, s -> stream(s.get("lines")).mapToLong(l -> l.get("taxMinor").asLong()).sum()));
        assertThat(rate.returnsGrossMinor()).isEqualTo(sum(shiftReturns, r -> stream(r.get("lines"))
                .mapToLong(l -> l.get("amountMinor").asLong()).sum()));
        assertThat(rate.returnsTaxMinor()).isEqualTo(sum(shiftReturns, r -> stream(r.get("lines"))
                .mapToLong(l -> l.get("taxMinor").asLong()).sum()));

        assertThat(f.discountedLines()).isEqualTo(paid.stream().flatMap(s -> stream(s.get("lines")))
                .filter(l -> l.get("discountMinor").asLong() != 0).count());
        assertThat(f.discountsMinor()).isEqualTo(sum(paid, s -> stream(s.get("lines")).mapToLong(l -> l.get("discountMinor").asLong()).sum()));
        List<JsonNode> saleDiscounted = paid.stream().filter(s -> s.get("saleDiscountMinor").asLong() != 0).toList();
        assertThat(f.saleDiscountsCount()).isEqualTo(saleDiscounted.size());
        assertThat(f.saleDiscountsMinor()).isEqualTo(sum(saleDiscounted, s -> s.get("saleDiscountMinor").asLong()));
        List<JsonNode> voids = shiftSales.stream().flatMap(s -> stream(s.get("audit")))
                .filter(a -> a.get("kind").asText().equals("LINE_VOIDED")).toList();
        assertThat(f.voidsCount()).isEqualTo(voids.size()).isEqualTo(2);
        assertThat(f.voidsMinor()).isEqualTo(sum(voids, a -> a.get("amountMinor").asLong()));
        List<JsonNode> cancelled = shiftSales.stream().filter(s -> s.get("state").asText().equals("CANCELLED")).toList();
        assertThat(f.cancellationsCount()).isEqualTo(cancelled.size()).isEqualTo(1);
        assertThat(f.cancellationsMinor()).isEqualTo(sum(cancelled, s -> s.get("totalMinor").asLong()));
        assertThat(f.noSaleCount()).isEqualTo(shiftEvents.stream().filter(e -> kind(e).equals("DRAWER_OPENED")).count());
        List<JsonNode> payIns = shiftEvents.stream().filter(e -> kind(e).equals("PAY_IN")).toList();
        List<JsonNode> payOuts = shiftEvents.stream().filter(e -> kind(e).equals("PAY_OUT")).toList();
        assertThat(f.payInsCount()).isEqualTo(payIns.size());
        assertThat(f.payInsMinor()).isEqualTo(sum(payIns, e -> e.get("entry").get("amountMinor").asLong()));
        assertThat(f.payOutsCount()).isEqualTo(payOuts.size()).isEqualTo(1);
        assertThat(f.payOutsMinor()).isEqualTo(sum(payOuts, e -> e.get("entry").get("amountMinor").asLong()));

        // cash: the float + what the cash tenders kept (handed over minus change) − cash refunds + pay-ins − pay-outs
        long cashKept = sum(paid, s -> tenders(s).filter(p -> p.get("type").asText().equals("CASH"))
                .mapToLong(p -> p.get("tenderedMinor").asLong() - p.get("changeMinor").asLong()).sum());
        long cashBack = sum(shiftReturns, r -> stream(r.get("refunds")).filter(p -> p.get("type").asText().equals("CASH"))
                .mapToLong(p -> p.get("amountMinor").asLong()).sum());
        long expected = FLOAT + cashKept - cashBack + f.payInsMinor() - f.payOutsMinor();
        assertThat(f.cashExpectedMinor()).isEqualTo(expected).isEqualTo(10000 + 1240 + 500 - 240 - 2000);
        assertThat(z.countedCash()).isEqualTo(new java.util.TreeMap<>(COUNTED));
        assertThat(z.countedMinor()).isEqualTo(9450);
        assertThat(z.varianceMinor()).isEqualTo(9450 - expected);
        assertThat(z.varianceReason()).isEqualTo("coin dropped behind the till");
        assertThat(z.handedOnPending()).as("no outbox hands records on in this test").isPositive();

        // the whole day was this shift: the Z and the takings agree on every figure they share
        assertThat(new Figure(f.salesCount(), f.salesMinor())).isEqualTo(takings.sales());
        assertThat(new Figure(f.returnsCount(), f.returnsMinor())).isEqualTo(takings.returns());
        for (ShiftFigures.TenderFigures t : f.tenders()) {
            assertThat(new Figure(t.salesCount(), t.salesMinor())).isEqualTo(takings.tender(t.type()).sales());
            assertThat(new Figure(t.refundsCount(), t.refundsMinor())).isEqualTo(takings.tender(t.type()).returns());
        }
        assertThat(f.discountsMinor()).isEqualTo(takings.discounts().amountMinor());
        assertThat(new Figure(f.saleDiscountsCount(), f.saleDiscountsMinor())).isEqualTo(takings.saleDiscounts());
        assertThat(new Figure(f.voidsCount(), f.voidsMinor())).isEqualTo(takings.voids());
        assertThat(new Figure(f.cancellationsCount(), f.cancellationsMinor())).isEqualTo(takings.cancellations());
        assertThat((long) f.noSaleCount()).isEqualTo(takings.noSales().count());
        assertThat(new Figure(f.payInsCount(), f.payInsMinor())).isEqualTo(takings.payIns());
        assertThat(new Figure(f.payOutsCount(), f.payOutsMinor())).isEqualTo(takings.payOuts());
    }

    private static String kind(JsonNode event) {
        return event.get("entry").get("kind").asText();
    }

    @Test
    @DisplayName("Issue 12 Done-when: sales, returns and takings by count and amount")
    void salesReturnsAndTakings() {
        List<JsonNode> paid = paid();
        assertThat(takings.sales()).isEqualTo(new Figure(paid.size(), sum(paid, s -> s.get("totalMinor").asLong()
                + s.get("roundingMinor").asLong())));
        assertThat(takings.sales()).isEqualTo(new Figure(5, 1240 + 2500 + 800 + 1500 + 3000));
        assertThat(takings.returns()).isEqualTo(new Figure(returns.size(), sum(returns, r -> r.get("totalMinor").asLong())));
        assertThat(takings.returns()).isEqualTo(new Figure(2, 1040));
        assertThat(takings.takingsMinor()).isEqualTo(takings.sales().amountMinor() - takings.returns().amountMinor());
    }

    @Test
    @DisplayName("Issue 12 Done-when: per tender (three tenders, a split sale in two of them)")
    void perTender() {
        assertThat(takings.tenders()).extracting(TakingsRow::key).containsExactly("CASH", "QR", "CARD");
        for (TenderType type : List.of(TenderType.CASH, TenderType.QR, TenderType.CARD)) {
            String name = type.name();
            List<JsonNode> paidBy = paid().stream().filter(s -> tenders(s).anyMatch(t -> t.get("type").asText().equals(name)))
                    .toList();
            long taken = sum(paid(), s -> tenders(s).filter(t -> t.get("type").asText().equals(name))
                    .mapToLong(t -> t.get("amountMinor").asLong()).sum());
            List<JsonNode> refundedBy = returns.stream()
                    .filter(r -> stream(r.get("refunds")).anyMatch(f -> f.get("type").asText().equals(name))).toList();
            long refunded = sum(returns, r -> stream(r.get("refunds")).filter(f -> f.get("type").asText().equals(name))
                    .mapToLong(f -> f.get("amountMinor").asLong()).sum());
            assertThat(takings.tender(type).sales()).as(name).isEqualTo(new Figure(paidBy.size(), taken));
            assertThat(takings.tender(type).returns()).as(name).isEqualTo(new Figure(refundedBy.size(), refunded));
        }
        assertThat(takings.tender(TenderType.CASH).takingsMinor()).isEqualTo(1240 + 500 - 240);
        assertThat(takings.tenders().stream().mapToLong(TakingsRow::takingsMinor).sum()).isEqualTo(takings.takingsMinor());
    }

    @Test
    @DisplayName("Issue 12 Done-when: per clerk (two clerks), returns to the clerk who took them back")
    void perClerk() {
        assertThat(takings.clerks()).extracting(TakingsRow::label).containsExactly("Ann", "Bob");
        for (String clerk : List.of("ann", "bob")) {
            List<JsonNode> theirs = paid().stream().filter(s -> clerk.equals(s.get("clerkId").asText())).toList();
            List<JsonNode> theirReturns = returns.stream().filter(r -> clerk.equals(r.get("clerkId").asText())).toList();
            assertThat(takings.clerk(clerk).sales()).as(clerk)
                    .isEqualTo(new Figure(theirs.size(), sum(theirs, s -> s.get("totalMinor").asLong())));
            assertThat(takings.clerk(clerk).returns()).as(clerk)
                    .isEqualTo(new Figure(theirReturns.size(), sum(theirReturns, r -> r.get("totalMinor").asLong())));
        }
    }

    @Test
    @DisplayName("Issue 12 Done-when: per local hour of the day, for the chart")
    void perHour() {
        assertThat(takings.hours()).extracting(TakingsRow::label)
                .containsExactly("09:00", "10:00", "11:00", "12:00", "13:00", "14:00");
        for (int hour = 9; hour <= 14; hour++) {
            int h = hour;
            List<JsonNode> inHour = paid().stream().filter(s -> localHour(s.get("closedAt")) == h).toList();
            List<JsonNode> returnsInHour = returns.stream().filter(r -> localHour(r.get("at")) == h).toList();
            assertThat(takings.hour(hour).sales()).as("hour " + h)
                    .isEqualTo(new Figure(inHour.size(), sum(inHour, s -> s.get("totalMinor").asLong())));
            assertThat(takings.hour(hour).returns()).as("hour " + h)
                    .isEqualTo(new Figure(returnsInHour.size(), sum(returnsInHour, r -> r.get("totalMinor").asLong())));
        }
    }

    @Test
    @DisplayName("Issue 12 Done-when: discounts, voids, cancellations, no-sales and pay-outs")
    void discountsVoidsAndCancellations() {
        List<JsonNode> discounted = paid().stream()
                .filter(s -> stream(s.get("lines")).anyMatch(l -> l.get("discountMinor").asLong() != 0)).toList();
        assertThat(takings.discounts()).isEqualTo(new Figure(discounted.size(),
                sum(paid(), s -> stream(s.get("lines")).mapToLong(l -> l.get("discountMinor").asLong()).sum())));
        assertThat(takings.discounts()).isEqualTo(new Figure(2, 100 + 150));
        List<JsonNode> saleDiscounted = paid().stream().filter(s -> s.get("saleDiscountMinor").asLong() != 0).toList();
        assertThat(takings.saleDiscounts()).isEqualTo(new Figure(saleDiscounted.size(),
                sum(saleDiscounted, s -> s.get("saleDiscountMinor").asLong())));
        assertThat(takings.lineDiscountsMinor()).isEqualTo(100);

        List<JsonNode> voids = sales.stream().flatMap(s -> stream(s.get("audit")))
                .filter(a -> a.get("kind").asText().equals("LINE_VOIDED")).toList();
        assertThat(takings.voids()).isEqualTo(new Figure(voids.size(), sum(voids, a -> a.get("amountMinor").asLong())));
        assertThat(takings.voids()).isEqualTo(new Figure(2, 550));

        List<JsonNode> cancelled = sales.stream().filter(s -> s.get("state").asText().equals("CANCELLED")).toList();
        assertThat(takings.cancellations()).isEqualTo(new Figure(cancelled.size(), sum(cancelled, s -> s.get("totalMinor").asLong())));
        assertThat(takings.cancellations()).isEqualTo(new Figure(1, 600));

        assertThat(takings.noSales().count()).isEqualTo(events(e -> e.get("entry").get("kind").asText().equals("DRAWER_OPENED")).size());
        List<JsonNode> payOuts = events(e -> e.get("entry").get("kind").asText().equals("PAY_OUT"));
        assertThat(takings.payOuts()).isEqualTo(new Figure(payOuts.size(), sum(payOuts, e -> e.get("entry").get("amountMinor").asLong())));
        assertThat(takings.payIns()).isEqualTo(Figure.NONE);
    }

    // ---------------------------------------------------------------- the journal's rows, read by hand

    private void readRows() throws Exception {
        sales = new ArrayList<>();
        returns = new ArrayList<>();
        events = new ArrayList<>();
        zRows = new ArrayList<>();
        Set<String> kinds = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteSaleJournal.FILE_NAME));
                PreparedStatement st = c.prepareStatement(
                        "SELECT kind, payload FROM journal WHERE created_at >= ? AND created_at < ? ORDER BY seq")) {
            st.setString(1, FROM.toString());
            st.setString(2, TO.toString());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    JsonNode payload = JSON.readTree(rs.getString(2));
                    kinds.add(rs.getString(1));
                    switch (rs.getString(1)) {
                        case "SALE_FINISHED" -> sales.add(payload);
                        case "RETURN_FINISHED" -> returns.add(payload);
                        case "TILL_EVENT" -> events.add(payload);
                        case "Z_REPORT" -> zRows.add(payload);
                        default -> throw new AssertionError("unexpected kind " + rs.getString(1));
                    }
                }
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder("SALE_FINISHED", "RETURN_FINISHED", "TILL_EVENT", "Z_REPORT");
        assertThat(sales).hasSize(6);
        assertThat(returns).hasSize(2);
    }

    private List<JsonNode> paid() {
        return sales.stream().filter(s -> s.get("state").asText().equals("PAID")).toList();
    }

    private List<JsonNode> events(Predicate<JsonNode> which) {
        return events.stream().filter(which).toList();
    }

    private static java.util.stream.Stream<JsonNode> tenders(JsonNode sale) {
        return stream(sale.get("tenders"));
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private static long sum(List<JsonNode> nodes, ToLongFunction<JsonNode> amount) {
        return nodes.stream().mapToLong(amount).sum();
    }

    private static int localHour(JsonNode instant) {
        return Instant.parse(instant.asText()).atZone(ZONE).getHour();
    }

    // ---------------------------------------------------------------- the day's records

    private void append(SqliteSaleJournal journal, TillRecord record) {
        Instant stamp = record.at().plusSeconds(1);
        clock.advance(Duration.between(clock.instant(), stamp));
        assertThat(journal.appendRecord(openShift == null ? record : inShift(record, openShift))).isTrue();
    }

    /** The record as journaled while the shift {@code shiftId} is open: it carries the shift's id. */
    static TillRecord inShift(TillRecord record, String shiftId) {
        if (record instanceof SaleRecord r) {
            return new SaleRecord(r.transactionId(), r.tillId(), r.state(), r.currency(), r.totalMinor(), r.taxMinor(),
                    r.openedAt(), r.closedAt(), r.lines(), r.tenders(), r.clerkId(), r.clerkName(), shiftId,
                    r.saleDiscountMinor(), r.saleDiscountReason(), r.roundingMinor(), r.audit());
        }
        if (record instanceof ReturnRecord r) {
            return new ReturnRecord(r.returnId(), r.originalTransactionId(), r.originalTillId(), r.tillId(), r.clerkId(),
                    r.approverId(), shiftId, r.currency(), r.totalMinor(), r.taxMinor(), r.at(), r.lines(), r.refunds(),
                    r.reason());
        }
        if (record instanceof TillEvent e) {
            return new TillEvent(e.eventId(), e.tillId(), shiftId, e.entry());
        }
        return record;
    }

    /** {@code hour}:{@code minute} local time on the day (hours past 23 run into the next day). */
    static Instant at(int hour, int minute) {
        return FROM.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute));
    }

    static SaleRecord.Line line(int no, long total, long discount, String reason) {
        return new SaleRecord.Line(no, "P" + no, "Item " + no, 1, 0, total + discount, total, "STD", total + discount,
                discount, reason, 700, total * 7 / 107);
    }

    static SaleRecord.Payment cash(long amount, long tendered) {
        return new SaleRecord.Payment(TenderType.CASH, amount, tendered, tendered - amount);
    }

    static SaleRecord.Payment gateway(TenderType type, long amount) {
        return new SaleRecord.Payment(type, amount, amount, 0, "ref-" + type + "-" + amount);
    }

    static SaleRecord sale(String id, String clerkId, String clerkName, SaleState state, Instant closedAt,
            List<SaleRecord.Line> lines, List<SaleRecord.Payment> tenders, long saleDiscount, List<AuditEntry> audit) {
        long total = lines.stream().mapToLong(SaleRecord.Line::lineTotalMinor).sum();
        long tax = lines.stream().mapToLong(SaleRecord.Line::taxMinor).sum();
        return new SaleRecord(id, "till-1", state, "EUR", total, tax, closedAt.minusSeconds(120), closedAt, lines, tenders,
                clerkId, clerkName, null, saleDiscount, saleDiscount == 0 ? null : "staff", 0, audit);
    }

    static ReturnRecord returned(String id, String original, String clerkId, Instant at, long amount, TenderType type) {
        return new ReturnRecord(id, original, "till-1", "till-1", clerkId, null, null, "EUR", amount, amount * 7 / 107, at,
                List.of(new ReturnRecord.Line(2, "P2", "Item 2", 1, 0, amount, amount * 7 / 107, "STD", 700)),
                List.of(new ReturnRecord.Refund(type, amount, type == TenderType.CASH ? null : "ref", null, null)), "faulty");
    }

    static TillEvent event(String id, AuditKind kind, Instant at, String clerkId, long amount) {
        return new TillEvent(id, "till-1", null, new AuditEntry(kind, at, clerkId, null, kind == AuditKind.SIGN_IN ? "PIN" : null,
                amount, null));
    }
}
