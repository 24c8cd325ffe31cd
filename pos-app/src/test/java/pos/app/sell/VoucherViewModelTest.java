package pos.app.sell;

import pos.app.checkout.CartRow;
import pos.app.checkout.CheckFailureRow;
import pos.app.checkout.CheckoutState;
import pos.app.checkout.FocusTarget;
import pos.app.checkout.MessageKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.catalog.Catalog;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.money.Money;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;
import pos.core.voucher.RedemptionFailure;
import pos.core.voucher.RedemptionResult;
import pos.core.voucher.Voucher;
import pos.core.voucher.VoucherBenefit;
import pos.core.voucher.VoucherCodec;
import pos.core.voucher.VoucherKeys;
import pos.core.voucher.VoucherRedemption;

/**
 * Vouchers on the sell screen, without a window: R1 (the scan names the voucher and its customer),
 * R5 (each failure's reason on the screen), a success applies its benefit to the sale (an amount as
 * a VOUCHER tender, a product free), a re-scan never applies twice, no Redis → refused.
 */
class VoucherViewModelTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final TaxClass STD = new TaxClass("STD", 2000);
    static final Product RADIO = new Product("3001", "4006381333931", "Radio", Money.ofMinor(2000, EUR), STD, SaleUnit.PIECE, null, "electronics");
    static final Product COFFEE = new Product("4001", "4000000000013", "Coffee to go", Money.ofMinor(250, EUR), STD, SaleUnit.PIECE, null, "deli");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T14:00:00Z"), ZoneOffset.UTC);
    static final VoucherCodec CODEC = new VoucherCodec(VoucherKeys.sandbox());

    final FakeJournal journal = new FakeJournal();
    final FakeRedemption redemption = new FakeRedemption();
    SellViewModel model;

    /** The store's redemption as a small in-memory fake of our own port: once per voucher id. */
    static final class FakeRedemption implements VoucherRedemption {
        final Map<String, RedemptionResult> redeemed = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        RedemptionFailure nextFailure;

        @Override
        public RedemptionResult redeem(Voucher voucher, String tillId, String transactionId) {
            calls.add(voucher.voucherId());
            if (nextFailure != null) {
                return RedemptionResult.failed(voucher.voucherId(), nextFailure, CLOCK.instant(), "test");
            }
            RedemptionResult earlier = redeemed.get(voucher.voucherId());
            if (earlier != null) {
                return earlier.transactionId().equals(transactionId) ? earlier
                        : RedemptionResult.alreadyRedeemed(voucher.voucherId(), earlier.orderNumber(), earlier.storeId(),
                                earlier.tillId(), earlier.transactionId(), earlier.at());
            }
            RedemptionResult ok = RedemptionResult.success(voucher.voucherId(), "R-" + (redeemed.size() + 1), "store-1", tillId,
                    transactionId, CLOCK.instant());
            redeemed.put(voucher.voucherId(), ok);
            return ok;
        }

        @Override
        public Optional<RedemptionResult> lookup(String voucherId) {
            return Optional.ofNullable(redeemed.get(voucherId));
        }
    }

    static String voucher(String id, VoucherBenefit benefit, String store, Instant expires) {
        return CODEC.encode(new Voucher(id, benefit, "Ada L.", expires, store, VoucherKeys.SANDBOX_KEY_ID));
    }

    static String tenEuros(String id) {
        return voucher(id, new VoucherBenefit.AmountOff(Money.ofMinor(1000, EUR)), "store-1", Instant.parse("2026-12-31T23:59:59Z"));
    }

    @BeforeEach
    void setUp() {
        model = newTill("till-7");
    }

    SellViewModel newTill(String tillId) {
        SellViewModel till = new SellViewModel(new Catalog(List.of(RADIO, COFFEE), VariableMeasureLayout.DEFAULT), journal,
                new FakeSyncMonitor(), new FakePaymentDesk(), new TransactionId.Generator(CLOCK), CLOCK, tillId, EUR,
                new MoneyFormat(Locale.US), pos.app.i18n.Texts.forLocale(Locale.US),
                TaskExecutor.sameThread(), UiThread.sameThread());
        till.useVouchers(CODEC, "store-1", redemption);
        return till;
    }

    @Test
    void r1_r2_anAmountVoucherNamesItsCustomerIsRedeemedAndPaysPartOfTheSale() {
        model.handleScan(RADIO.gtin());
        model.handleScan(tenEuros("V1"));

        assertThat(redemption.calls).containsExactly("V1");
        assertThat(model.messageProperty().get()).isEqualTo("Voucher: €10.00 paid for Ada L. (order R-1).");
        assertThat(model.currentSale().tenders()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo(TenderType.VOUCHER);
            assertThat(t.amount()).isEqualTo(Money.ofMinor(1000, EUR));
            assertThat(t.reference()).isEqualTo("R-1");
        });
        assertThat(model.stateProperty().get()).as("the rest in cash").isEqualTo(CheckoutState.CASH);
        assertThat(model.cash().dueTextProperty().get()).isEqualTo("€10.00");

        model.handleScan(tenEuros("V1"));
        assertThat(model.messageProperty().get()).isEqualTo("Voucher V1 is already applied to this sale.");
        assertThat(redemption.calls).as("a re-scan asks nothing").hasSize(1);
        model.cash().tenderedTextProperty().set("10");
        model.cash().confirm();
        assertThat(journal.records.get(0).tenders()).extracting(t -> t.type()).containsExactly(TenderType.VOUCHER, TenderType.CASH);
    }

    @Test
    void aVoucherWorthMoreThanTheSaleCoversItAndSaysWhatIsNotPaidOut() {
        model.handleScan(COFFEE.gtin());
        model.handleScan(tenEuros("V2"));
        assertThat(model.currentSale().state()).isEqualTo(SaleState.PAID);
        assertThat(journal.records).hasSize(1);
        assertThat(model.messageProperty().get()).isEqualTo("Voucher: €2.50 paid for Ada L. (order R-1); €7.50 of its value is not paid out.");
    }

    @Test
    void aProductVoucherAddsTheProductFree() {
        model.handleScan(voucher("V3", new VoucherBenefit.Product("4001"), "*", Instant.parse("2026-12-31T23:59:59Z")));
        assertThat(model.cart().rows()).singleElement().satisfies(row -> {
            assertThat(row.name()).isEqualTo("Coffee to go");
            assertThat(row.total()).isEqualTo("€0.00");
        });
        assertThat(model.messageProperty().get()).isEqualTo("Voucher: Coffee to go free for Ada L. (order R-1).");
    }

    @Test
    void r5_r6_aVoucherRedeemedAtAnotherTillIsRefusedNamingWhereAndWhen() {
        SellViewModel other = newTill("till-9");
        other.handleScan(RADIO.gtin());
        other.handleScan(tenEuros("V4"));
        model.handleScan(RADIO.gtin());
        model.handleScan(tenEuros("V4"));

        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.ERROR);
        assertThat(model.messageProperty().get()).startsWith("Already redeemed at store store-1, till till-9, on ")
                .endsWith("(order R-1). Do not accept it again.");
        assertThat(model.currentSale().tenders()).isEmpty();
    }

    @Test
    void r5_forgedExpiredAndWrongStoreVouchersAreRefusedBeforeAnythingIsAsked() {
        model.handleScan(RADIO.gtin());
        String good = tenEuros("V5");
        String forged = good.substring(0, good.length() - 3) + (good.endsWith("AAA") ? "BBB" : "AAA");
        model.handleScan(forged);
        assertThat(model.messageProperty().get()).contains("forged");
        model.handleScan(voucher("V6", new VoucherBenefit.AmountOff(Money.ofMinor(100, EUR)), "store-1", Instant.parse("2026-11-01T00:00:00Z")));
        assertThat(model.messageProperty().get()).isEqualTo("This voucher has expired.");
        model.handleScan(voucher("V7", new VoucherBenefit.AmountOff(Money.ofMinor(100, EUR)), "store-2", Instant.parse("2026-12-31T00:00:00Z")));
        assertThat(model.messageProperty().get()).isEqualTo("This voucher belongs to another store.");
        model.handleScan("PV1.garbage");
        assertThat(model.messageProperty().get()).startsWith("This is not a readable voucher code");
        assertThat(redemption.calls).isEmpty();
        assertThat(model.cart().rows()).hasSize(1);
    }

    @Test
    void r5_withRedisDownTheVoucherIsRefusedAndSellingGoesOn() {
        model.handleScan(RADIO.gtin());
        redemption.nextFailure = RedemptionFailure.UNAVAILABLE;
        model.handleScan(tenEuros("V8"));
        assertThat(model.messageProperty().get()).startsWith("The voucher cannot be checked now");
        assertThat(model.currentSale().tenders()).isEmpty();
        model.handleScan(COFFEE.gtin());
        assertThat(model.cart().rows()).hasSize(2);

        SellViewModel noRedis = newTill("till-3");
        noRedis.useVouchers(CODEC, "store-1", null);
        noRedis.handleScan(RADIO.gtin());
        noRedis.handleScan(tenEuros("V9"));
        assertThat(noRedis.messageProperty().get()).startsWith("The voucher cannot be checked now");
    }

    @Test
    void anAmountVoucherNeedsItemsFirst() {
        model.handleScan(tenEuros("V10"));
        assertThat(model.messageProperty().get()).isEqualTo("Scan the items first, then Ada L.'s voucher.");
        assertThat(redemption.calls).isEmpty();
    }
}
