package pos.app.sell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.catalog.Catalog;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.money.Money;
import pos.core.sale.Sale;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;
import pos.core.voucher.VoucherBenefit;

/**
 * Vouchers on their own, through a hand-written {@link VoucherModel.Host}: what they say, what they
 * apply to the sale on screen, and what they ask of the sell screen after (R1, R2, R5).
 */
class VoucherModelTest {

    static final java.util.Currency EUR = VoucherViewModelTest.EUR;

    /** The sell screen as vouchers see it, recording what it was asked. */
    static final class RecordingHost implements VoucherModel.Host {
        final TransactionId.Generator ids = new TransactionId.Generator(VoucherViewModelTest.CLOCK);
        Sale sale = new Sale(ids.next(), EUR, VoucherViewModelTest.CLOCK.instant());
        final List<String> said = new ArrayList<>();
        final List<Integer> cartChanges = new ArrayList<>();
        int partPaid;

        @Override public Sale sale() { return sale; }
        @Override public SellMode mode() { return SellMode.SELLING; }
        @Override public void changeMode(SellMode next) { throw new AssertionError("vouchers never change the mode themselves"); }
        @Override public void say(MessageKind kind, String key, Object... args) { said.add(kind + " " + key); }
        @Override public void show(MessageKind kind, String sentence) { said.add(kind + " " + sentence); }
        @Override public String format(String key, Object... args) { return key; }
        @Override public void requestFocus(FocusTarget target) { }
        @Override public void clicked(String elementId) { }
        @Override public void cartChanged(int selectLineNo) { cartChanges.add(selectLineNo); }
        @Override public void partPaid() { partPaid++; }
    }

    final RecordingHost host = new RecordingHost();
    final VoucherViewModelTest.FakeRedemption redemption = new VoucherViewModelTest.FakeRedemption();
    /** Redemptions wait here until the test lets them run, as if Redis were slow. */
    final Deque<Runnable> pending = new ArrayDeque<>();
    VoucherModel vouchers;

    @BeforeEach
    void setUp() {
        TaskExecutor later = pending::add;
        vouchers = new VoucherModel(host, new Catalog(List.of(VoucherViewModelTest.RADIO, VoucherViewModelTest.COFFEE),
                VariableMeasureLayout.DEFAULT), VoucherViewModelTest.CLOCK, "till-7", EUR, new MoneyFormat(Locale.US),
                DateTimeFormatter.ISO_LOCAL_DATE_TIME, later, UiThread.sameThread());
        vouchers.useVouchers(VoucherViewModelTest.CODEC, "store-1", redemption);
    }

    void redisAnswers() {
        while (!pending.isEmpty()) {
            pending.poll().run();
        }
    }

    @Test
    void onlyCodesWithTheVoucherPrefixLookLikeVouchers() {
        assertThat(VoucherModel.looksLikeVoucher(VoucherViewModelTest.tenEuros("V-1"))).isTrue();
        assertThat(VoucherModel.looksLikeVoucher("4006381333931")).isFalse();
        assertThat(VoucherModel.looksLikeVoucher(null)).isFalse();
    }

    @Test
    void anAmountVoucherPaysPartOfTheSaleThenHandsBackToTheScreen() {
        host.sale.addPieces(VoucherViewModelTest.RADIO, 1);
        vouchers.handleVoucher(VoucherViewModelTest.tenEuros("V-1"));
        assertThat(host.said).containsExactly("INFO voucher.redeeming");
        redisAnswers();
        assertThat(host.sale.tenders()).extracting(t -> t.type()).containsExactly(TenderType.VOUCHER);
        assertThat(host.sale.due()).isEqualTo(Money.ofMinor(1000, EUR));
        assertThat(host.partPaid).isEqualTo(1);
        assertThat(host.said).endsWith("SUCCESS voucher.applied.amount");
    }

    @Test
    void aProductVoucherAddsTheProductFreeAndShowsTheCart() {
        vouchers.handleVoucher(VoucherViewModelTest.voucher("V-2", new VoucherBenefit.Product(VoucherViewModelTest.COFFEE.code()),
                "store-1", Instant.parse("2026-12-31T23:59:59Z")));
        redisAnswers();
        assertThat(host.sale.lines()).singleElement().satisfies(line -> {
            assertThat(line.product()).isEqualTo(VoucherViewModelTest.COFFEE);
            assertThat(line.lineTotal()).isEqualTo(Money.zero(EUR));
        });
        assertThat(host.cartChanges).containsExactly(1);
        assertThat(host.partPaid).isZero();
        assertThat(host.said).endsWith("SUCCESS voucher.applied.product");
    }

    @Test
    void aSecondScanWhileTheFirstIsRedeemingIsRefusedAndAnAppliedOneIsNotAppliedAgain() {
        host.sale.addPieces(VoucherViewModelTest.RADIO, 1);
        String code = VoucherViewModelTest.tenEuros("V-3");
        vouchers.handleVoucher(code);
        vouchers.handleVoucher(code);
        assertThat(host.said).endsWith("ERROR voucher.busy");
        redisAnswers();
        vouchers.handleVoucher(code);
        assertThat(host.said).endsWith("ERROR voucher.alreadyApplied");
        assertThat(redemption.calls).containsExactly("V-3");
        vouchers.newSale();
        host.sale = new Sale(host.ids.next(), EUR, VoucherViewModelTest.CLOCK.instant());
        host.sale.addPieces(VoucherViewModelTest.RADIO, 1);
        vouchers.handleVoucher(code);
        assertThat(host.said).as("a new sale asks the store again, which knows it was redeemed")
                .endsWith("INFO voucher.redeeming");
    }

    @Test
    void aRedemptionThatAnswersAfterTheSaleEndedAppliesNothing() {
        host.sale.addPieces(VoucherViewModelTest.RADIO, 1);
        Sale scannedFor = host.sale;
        vouchers.handleVoucher(VoucherViewModelTest.tenEuros("V-4"));
        host.sale = new Sale(host.ids.next(), EUR, VoucherViewModelTest.CLOCK.instant());
        redisAnswers();
        assertThat(host.said).endsWith("ERROR voucher.saleGone");
        assertThat(scannedFor.tenders()).isEmpty();
        assertThat(scannedFor.state()).isEqualTo(SaleState.OPEN);
        assertThat(host.sale.tenders()).isEmpty();
    }

    @Test
    void withoutACodecVouchersAreNotSetUp() {
        VoucherModel unconfigured = new VoucherModel(host, new Catalog(List.of(), VariableMeasureLayout.DEFAULT),
                VoucherViewModelTest.CLOCK, "till-7", EUR, new MoneyFormat(Locale.US), DateTimeFormatter.ISO_LOCAL_DATE_TIME,
                TaskExecutor.sameThread(), UiThread.sameThread());
        unconfigured.handleVoucher(VoucherViewModelTest.tenEuros("V-5"));
        assertThat(host.said).containsExactly("ERROR voucher.notConfigured");
    }
}
