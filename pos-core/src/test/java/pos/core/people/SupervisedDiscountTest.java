package pos.core.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.money.Money;
import pos.core.sale.Discount;
import pos.core.sale.Sale;
import pos.core.sale.TransactionId;

/** Issue 12 point 4: a discount above the cashier's limit and a price override need a supervisor's approval. */
class SupervisedDiscountTest {

    static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    static final Currency EUR = Currency.getInstance("EUR");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final Clerk cashier = new Clerk("c1", "Ann", Role.CASHIER, PinHash.of("1234".toCharArray(), 1_000), true);
    final Clerk supervisor = new Clerk("s1", "Sue", Role.SUPERVISOR, PinHash.of("9876".toCharArray(), 1_000), true);
    final SignedIn shift = new SignedIn(cashier, "till-1", SignedIn.Method.PIN, NOW);
    final Authority authority = new Authority(clock);
    final SupervisedSale supervised = new SupervisedSale(authority);
    final Product wine = new Product("1", null, "Wine", Money.ofMinor(1000, EUR), new TaxClass("STD", 2000),
            SaleUnit.PIECE, null, "misc");

    @Test
    @DisplayName("a discount goes through only with a DISCOUNT approval for that line; a cashier cannot approve")
    void discountNeedsApproval() {
        Sale sale = new Sale(new TransactionId.Generator(clock).next(), EUR, NOW);
        int line = sale.addPieces(wine, 1).lineNo();
        assertThatThrownBy(() -> authority.approve(GuardedAction.DISCOUNT, SupervisedSale.lineSubject(sale, line), cashier, shift))
                .isInstanceOf(NotASupervisorException.class);
        Approval wrongAction = authority.approve(GuardedAction.VOID_LINE, SupervisedSale.lineSubject(sale, line), supervisor, shift);
        assertThatThrownBy(() -> supervised.discountLine(sale, line, Discount.percent(5000, "damaged"), wrongAction))
                .isInstanceOf(ApprovalRequiredException.class);
        assertThat(sale.lineDiscount(line)).isEmpty();

        Approval ok = authority.approve(GuardedAction.DISCOUNT, SupervisedSale.lineSubject(sale, line), supervisor, shift);
        supervised.discountLine(sale, line, Discount.percent(5000, "damaged"), ok);
        assertThat(sale.total().minorUnits()).isEqualTo(500);
        assertThat(ok.approverId()).isEqualTo("s1");
        assertThat(ok.requestedBy()).isEqualTo("c1");
    }

    @Test
    @DisplayName("a price override and a sale discount each need their own approval, used once")
    void overrideAndSaleDiscount() {
        Sale sale = new Sale(new TransactionId.Generator(clock).next(), EUR, NOW);
        int line = sale.addPieces(wine, 1).lineNo();
        Approval override = authority.approve(GuardedAction.PRICE_OVERRIDE, SupervisedSale.lineSubject(sale, line), supervisor, shift);
        supervised.overridePrice(sale, line, Money.ofMinor(700, EUR), "price match", override);
        assertThatThrownBy(() -> supervised.overridePrice(sale, line, Money.ofMinor(600, EUR), "again", override))
                .isInstanceOf(ApprovalRequiredException.class);
        Approval whole = authority.approve(GuardedAction.DISCOUNT, SupervisedSale.saleSubject(sale), supervisor, shift);
        supervised.discountSale(sale, Discount.amountMinor(200, "loyalty"), whole);
        assertThat(sale.total().minorUnits()).isEqualTo(500);
    }
}
