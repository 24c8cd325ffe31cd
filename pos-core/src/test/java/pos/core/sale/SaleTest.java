package pos.core.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.money.Money;

class SaleTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    static final TaxClass STD = new TaxClass("STD", 2000);
    static final TaxClass RED = new TaxClass("RED", 700);
    static final Product MILK = piece("1001", "Milk", 119, RED);
    static final Product WINE = piece("1002", "Wine", 899, STD);
    static final Product APPLES = new Product("2001", null, "Apples", Money.ofMinor(299, EUR), RED, SaleUnit.KILOGRAM, "00042", "fruit");

    final TransactionId.Generator ids = new TransactionId.Generator(Clock.fixed(T0, ZoneOffset.UTC));

    static Product piece(String code, String name, long price, TaxClass tax) {
        return new Product(code, null, name, Money.ofMinor(price, EUR), tax, SaleUnit.PIECE, null, "misc");
    }

    Sale newSale() {
        return new Sale(ids.next(), EUR, T0);
    }

    @Test
    void aCashSaleGoesOpenTenderingPaidAndGivesChange() {
        Sale sale = newSale();
        sale.addPieces(MILK, 2);
        sale.addPieces(WINE, 1);
        assertThat(sale.state()).isEqualTo(SaleState.OPEN);
        sale.beginTender();
        assertThat(sale.state()).isEqualTo(SaleState.TENDERING);
        Tender tender = sale.payCash(Money.ofMinor(2000, EUR), T0.plusSeconds(30));
        assertThat(sale.state()).isEqualTo(SaleState.PAID);
        assertThat(tender.amount().minorUnits()).isEqualTo(2 * 119 + 899);
        assertThat(tender.change().minorUnits()).isEqualTo(2000 - 1137);
        assertThat(sale.closedAt()).contains(T0.plusSeconds(30));
    }

    @Test
    void aCardPaysPartAndCashTheRest_theCartIsFrozenOnceAPartIsPaid() {
        Sale sale = newSale();
        sale.addPieces(WINE, 2); // 17.98
        sale.beginTender();
        Tender card = sale.payPart(TenderType.CARD, Money.ofMinor(1000, EUR), "01CARDATTEMPT", T0);
        assertThat(card.amount().minorUnits()).isEqualTo(1000);
        assertThat(sale.state()).isEqualTo(SaleState.TENDERING);
        assertThat(sale.due().minorUnits()).isEqualTo(798);
        assertThat(sale.isPartPaid()).isTrue();
        assertThatThrownBy(sale::resumeShopping).isInstanceOf(SaleException.class)
                .extracting(e -> ((SaleException) e).reason()).isEqualTo(SaleException.Reason.PART_PAID);
        assertThatThrownBy(() -> sale.cancel(T0)).isInstanceOf(SaleException.class);
        assertThatThrownBy(() -> sale.payPart(TenderType.CARD, Money.ofMinor(799, EUR), "x", T0))
                .as("more than is due").isInstanceOf(SaleException.class);
        assertThatThrownBy(() -> sale.payPart(TenderType.CARD, Money.ofMinor(0, EUR), "x", T0))
                .isInstanceOf(SaleException.class);

        Tender cash = sale.payCash(Money.ofMinor(1000, EUR), T0.plusSeconds(5));
        assertThat(cash.amount().minorUnits()).isEqualTo(798);
        assertThat(cash.change().minorUnits()).isEqualTo(202);
        assertThat(sale.state()).isEqualTo(SaleState.PAID);
        assertThat(sale.tenders()).extracting(Tender::type).containsExactly(TenderType.CARD, TenderType.CASH);
    }

    @Test
    void aPartThatCoversTheRestCompletesTheSale() {
        Sale sale = newSale();
        sale.addPieces(MILK, 1);
        sale.beginTender();
        sale.payPart(TenderType.CARD, Money.ofMinor(119, EUR), "01CARD", T0);
        assertThat(sale.state()).isEqualTo(SaleState.PAID);
        assertThat(sale.closedAt()).contains(T0);
    }

    @Test
    void notEnoughCashIsRefusedAndTheSaleStaysTendering() {
        Sale sale = newSale();
        sale.addPieces(WINE, 1);
        sale.beginTender();
        assertThatThrownBy(() -> sale.payCash(Money.ofMinor(500, EUR), T0))
                .isInstanceOfSatisfying(SaleException.class, e -> assertThat(e.reason()).isEqualTo(SaleException.Reason.NOT_ENOUGH_TENDERED));
        assertThat(sale.state()).isEqualTo(SaleState.TENDERING);
        assertThat(sale.tenders()).isEmpty();
    }

    @Test
    void theCartIsFrozenWhileTenderingAndReopensWhenTheClerkGoesBack() {
        Sale sale = newSale();
        sale.addPieces(MILK, 1);
        sale.beginTender();
        assertThatThrownBy(() -> sale.addPieces(WINE, 1)).isInstanceOf(SaleException.class);
        sale.resumeShopping();
        sale.addPieces(WINE, 1);
        assertThat(sale.lines()).hasSize(2);
    }

    @Test
    void anEmptySaleCannotBeTendered() {
        assertThatThrownBy(() -> newSale().beginTender())
                .isInstanceOfSatisfying(SaleException.class, e -> assertThat(e.reason()).isEqualTo(SaleException.Reason.EMPTY_SALE));
    }

    @Test
    void finishedSalesRefuseEveryChange() {
        Sale sale = newSale();
        sale.addPieces(MILK, 1);
        sale.beginTender();
        sale.payCash(Money.ofMinor(119, EUR), T0);
        assertThatThrownBy(() -> sale.addPieces(MILK, 1)).isInstanceOf(SaleException.class);
        assertThatThrownBy(() -> sale.cancel(T0)).isInstanceOf(SaleException.class);
        assertThatThrownBy(() -> sale.removeLine(1)).isInstanceOf(SaleException.class);
        assertThat(SaleState.PAID.next()).isEmpty();
    }

    @Test
    void aGatewayTenderPaysExactlyTheAmountDueAndKeepsTheAttemptsReference() {
        Sale sale = newSale();
        sale.addPieces(WINE, 2);
        sale.beginTender();
        Tender tender = sale.payInFull(TenderType.QR, "01JBQ0000000000000000000AB", T0);
        assertThat(sale.state()).isEqualTo(SaleState.PAID);
        assertThat(tender.amount().minorUnits()).isEqualTo(1798);
        assertThat(tender.change().isZero()).isTrue();
        assertThat(SaleRecord.of(sale, "t").tenders()).singleElement()
                .satisfies(p -> assertThat(p.reference()).isEqualTo("01JBQ0000000000000000000AB"));
        Sale other = newSale();
        other.addPieces(WINE, 1);
        other.beginTender();
        assertThatThrownBy(() -> other.payInFull(TenderType.CASH, "x", T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cancellingAnOpenSaleIsFinal() {
        Sale sale = newSale();
        sale.addPieces(MILK, 1);
        sale.cancel(T0);
        assertThat(sale.state()).isEqualTo(SaleState.CANCELLED);
        assertThatThrownBy(sale::beginTender).isInstanceOf(SaleException.class);
    }

    @Test
    void repeatedScansOfTheSameItemGrowTheLastLineAndQuantityCanBeChanged() {
        Sale sale = newSale();
        sale.addPieces(MILK, 1);
        sale.addPieces(MILK, 1);
        assertThat(sale.lines()).singleElement().satisfies(l -> assertThat(l.quantity()).isEqualTo(2));
        sale.addPieces(WINE, 1);
        sale.addPieces(MILK, 1);
        assertThat(sale.lines()).hasSize(3);
        sale.changeQuantity(1, 5);
        assertThat(sale.line(1).orElseThrow().quantity()).isEqualTo(5);
        sale.removeLine(2);
        assertThat(sale.lines()).extracting(SaleLine::lineNo).containsExactly(1, 3);
        assertThatThrownBy(() -> sale.changeQuantity(2, 1))
                .isInstanceOfSatisfying(SaleException.class, e -> assertThat(e.reason()).isEqualTo(SaleException.Reason.NO_SUCH_LINE));
        assertThatThrownBy(() -> sale.changeQuantity(1, 0)).isInstanceOf(SaleException.class);
        assertThatThrownBy(() -> sale.changeQuantity(1, Sale.MAX_QUANTITY + 1)).isInstanceOf(SaleException.class);
    }

    @Test
    void weighedLinesArePricedPerKilogramRoundedHalfUp() {
        Sale sale = newSale();
        SaleLine line = sale.addWeighed(APPLES, 1_255); // 2.99 * 1.255 = 3.75245
        assertThat(line.lineTotal().minorUnits()).isEqualTo(375);
        assertThatThrownBy(() -> sale.changeQuantity(line.lineNo(), 2)).isInstanceOf(SaleException.class);
    }

    @Test
    void taxIsComputedOncePerClassFromTaxInclusivePrices() {
        Sale sale = newSale();
        sale.addPieces(WINE, 1); // 8.99 at 20 % -> tax 1.4983 -> 1.50
        sale.addPieces(MILK, 3); // 3.57 at 7 % -> tax 0.23355 -> 0.23
        Totals totals = sale.totals();
        assertThat(totals.total().minorUnits()).isEqualTo(899 + 357);
        assertThat(totals.taxByClass().get("STD").minorUnits()).isEqualTo(150);
        assertThat(totals.taxByClass().get("RED").minorUnits()).isEqualTo(23);
        assertThat(totals.itemCount()).isEqualTo(4);
    }

    @Test
    void absurdTotalsAreRefused() {
        Sale sale = newSale();
        Product yacht = piece("9", "Yacht", Sale.MAX_TOTAL_MINOR, STD);
        sale.addPieces(yacht, 1);
        assertThatThrownBy(() -> sale.addPieces(MILK, 1))
                .isInstanceOfSatisfying(SaleException.class, e -> assertThat(e.reason()).isEqualTo(SaleException.Reason.TOO_LARGE));
        assertThat(sale.total().minorUnits()).isEqualTo(Sale.MAX_TOTAL_MINOR);
    }

    /** Property: for random carts, the total is the sum of exact line totals and tax never exceeds it. */
    @Test
    void totalsEqualTheSumOfLinesAndChangeIsExactForRandomCarts() {
        Random random = new Random(2026);
        for (int run = 0; run < 2_000; run++) {
            Sale sale = newSale();
            long expected = 0;
            List<Integer> lineNos = new ArrayList<>();
            int lines = 1 + random.nextInt(20);
            for (int i = 0; i < lines; i++) {
                long price = random.nextInt(50_000);
                TaxClass tax = random.nextBoolean() ? STD : RED;
                if (random.nextInt(4) == 0) {
                    Product p = new Product("W" + i, null, "w", Money.ofMinor(price, EUR), tax, SaleUnit.KILOGRAM, null, "x");
                    int grams = 1 + random.nextInt(5_000);
                    lineNos.add(sale.addWeighed(p, grams).lineNo());
                    expected += Money.ofMinor(price, EUR).times(grams, 1000, RoundingMode.HALF_UP).minorUnits();
                } else {
                    int qty = 1 + random.nextInt(12);
                    lineNos.add(sale.addPieces(piece("P" + i, "p", price, tax), qty).lineNo());
                    expected += price * qty;
                }
            }
            if (random.nextBoolean()) {
                int victim = lineNos.get(random.nextInt(lineNos.size()));
                expected -= sale.line(victim).orElseThrow().lineTotal().minorUnits();
                sale.removeLine(victim);
            }
            Totals totals = sale.totals();
            assertThat(totals.total().minorUnits()).isEqualTo(expected);
            assertThat(totals.taxTotal().minorUnits()).isBetween(0L, Math.max(expected, 0));
            if (sale.isEmpty()) {
                continue;
            }
            sale.beginTender();
            long tendered = expected + random.nextInt(10_000);
            Tender tender = sale.payCash(Money.ofMinor(tendered, EUR), T0);
            assertThat(tender.amount().plus(tender.change()).minorUnits()).isEqualTo(tendered);
            assertThat(tender.change().isNegative()).isFalse();
        }
    }

    @Test
    void aFinishedSaleBecomesARecordWithTheSameIdAndSums() {
        Sale sale = newSale();
        sale.addPieces(MILK, 2);
        sale.addWeighed(APPLES, 500);
        sale.beginTender();
        sale.payCash(Money.ofMinor(1000, EUR), T0.plusSeconds(5));
        SaleRecord record = SaleRecord.of(sale, "till-1");
        assertThat(record.transactionId()).isEqualTo(sale.id().value());
        assertThat(record.totalMinor()).isEqualTo(record.lines().stream().mapToLong(SaleRecord.Line::lineTotalMinor).sum());
        assertThat(record.tenders()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(TenderType.CASH);
            assertThat(p.changeMinor()).isEqualTo(1000 - record.totalMinor());
        });
        assertThatThrownBy(() -> SaleRecord.of(newSale(), "till-1")).isInstanceOf(SaleException.class);
    }
}
