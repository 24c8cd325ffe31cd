package pos.app.sell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pos.app.checkout.Checkout;
import pos.app.checkout.CheckoutState;
import pos.app.checkout.Vouchers;
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
 * The checkout's vouchers on their own, without a screen (it was {@code VoucherModelTest} through a
 * hand-written host): what they say, what they apply to the sale, and what follows (R1, R2, R5).
 * Messages are read as their keys; redemptions wait until the test lets Redis answer.
 */
class VouchersTest {

    static final java.util.Currency EUR = VoucherViewModelTest.EUR;

    final VoucherViewModelTest.FakeRedemption redemption = new VoucherViewModelTest.FakeRedemption();
    final Deque<Runnable> pending = new ArrayDeque<>();
    final List<String> said = new ArrayList<>();
    final FakeJournal journal = new FakeJournal();
    Checkout checkout;

    Checkout checkout(boolean withCodec) {
        TaskExecutor later = pending::add;
        Checkout made = new Checkout(new Catalog(List.of(VoucherViewModelTest.RADIO, VoucherViewModelTest.COFFEE),
                VariableMeasureLayout.DEFAULT), journal, null, new TransactionId.Generator(VoucherViewModelTest.CLOCK),
                VoucherViewModelTest.CLOCK, "till-7", EUR, new MoneyFormat(Locale.US), new KeyEchoText(), later,
                UiThread.sameThread());
        if (withCodec) {
            made.useVouchers(VoucherViewModelTest.CODEC, "store-1", redemption);
        }
        String[] last = {made.messageKind() + " " + made.message()};
        made.onChange(() -> {
            String now = made.messageKind() + " " + made.message();
            if (!now.equals(last[0])) {
                said.add(now);
                last[0] = now;
            }
        });
        return made;
    }

    @BeforeEach
    void setUp() {
        checkout = checkout(true);
    }

    void redisAnswers() {
        while (!pending.isEmpty()) {
            pending.poll().run();
        }
    }

    void scanRadio() {
        checkout.scan(VoucherViewModelTest.RADIO.gtin());
        said.clear();
    }

    @Test
    void onlyCodesWithTheVoucherPrefixLookLikeVouchers() {
        assertThat(Vouchers.looksLikeVoucher(VoucherViewModelTest.tenEuros("V-1"))).isTrue();
        assertThat(Vouchers.looksLikeVoucher("4006381333931")).isFalse();
        assertThat(Vouchers.looksLikeVoucher(null)).isFalse();
    }

    @Test
    void anAmountVoucherPaysPartOfTheSaleThenTheRestIsAskedInCash() {
        scanRadio();
        checkout.scan(VoucherViewModelTest.tenEuros("V-1"));
        assertThat(said).containsExactly("INFO voucher.redeeming");
        assertThat(checkout.vouchers().redeeming()).isEqualTo("V-1");
        redisAnswers();
        Sale sale = checkout.sale();
        assertThat(sale.tenders()).extracting(t -> t.type()).containsExactly(TenderType.VOUCHER);
        assertThat(sale.due()).isEqualTo(Money.ofMinor(1000, EUR));
        assertThat(checkout.state()).as("part paid: the rest in cash").isEqualTo(CheckoutState.CASH);
        assertThat(said).endsWith("SUCCESS voucher.applied.amount");
        assertThat(checkout.vouchers().applied()).containsExactly("V-1");
    }

    @Test
    void aProductVoucherAddsTheProductFreeAndSelectsItsLine() {
        checkout.scan(VoucherViewModelTest.voucher("V-2", new VoucherBenefit.Product(VoucherViewModelTest.COFFEE.code()),
                "store-1", Instant.parse("2026-12-31T23:59:59Z")));
        redisAnswers();
        assertThat(checkout.sale().lines()).singleElement().satisfies(line -> {
            assertThat(line.product()).isEqualTo(VoucherViewModelTest.COFFEE);
            assertThat(line.lineTotal()).isEqualTo(Money.zero(EUR));
        });
        assertThat(checkout.cart().selectedLine()).isEqualTo(1);
        assertThat(checkout.sale().tenders()).as("nothing paid").isEmpty();
        assertThat(checkout.state()).isEqualTo(CheckoutState.CART);
        assertThat(said).endsWith("SUCCESS voucher.applied.product");
    }

    @Test
    void aSecondScanWhileTheFirstIsRedeemingIsRefusedAndAnAppliedOneIsNotAppliedAgain() {
        scanRadio();
        checkout.scan(VoucherViewModelTest.COFFEE.code()); // a second item, so the voucher leaves something due
        String code = VoucherViewModelTest.tenEuros("V-3");
        checkout.scan(code);
        checkout.scan(code);
        assertThat(said).endsWith("ERROR voucher.busy");
        redisAnswers();
        checkout.scan(code);
        assertThat(said).endsWith("ERROR voucher.alreadyApplied");
        assertThat(redemption.calls).containsExactly("V-3");
        Sale first = checkout.sale();
        checkout.payCash("100"); // the rest in cash; the journal writes when the test lets it
        redisAnswers();
        assertThat(checkout.state()).isEqualTo(CheckoutState.PAID);
        checkout.newSale();
        assertThat(checkout.sale()).isNotSameAs(first);
        scanRadio();
        checkout.scan(code);
        assertThat(said).as("a new sale asks the store again, which knows it was redeemed").endsWith("INFO voucher.redeeming");
    }

    @Test
    void aRedemptionThatAnswersAfterTheSaleEndedAppliesNothing() {
        scanRadio();
        Sale scannedFor = checkout.sale();
        checkout.scan(VoucherViewModelTest.tenEuros("V-4"));
        checkout.cart().cancelSale();
        checkout.cart().cancelSale(); // the second F8 cancels; the journal is written later (pending)
        pending.pollLast().run(); // the cancel is journaled before Redis answers: the sale has ended
        redisAnswers();
        assertThat(checkout.sale()).isNotSameAs(scannedFor);
        assertThat(said).contains("ERROR voucher.saleGone");
        assertThat(scannedFor.tenders()).isEmpty();
        assertThat(scannedFor.state()).isEqualTo(SaleState.CANCELLED);
        assertThat(checkout.sale().tenders()).isEmpty();
    }

    @Test
    void withoutACodecVouchersAreNotSetUp() {
        Checkout unconfigured = checkout(false);
        said.clear();
        unconfigured.scan(VoucherViewModelTest.tenEuros("V-5"));
        assertThat(said).containsExactly("ERROR voucher.notConfigured");
    }
}
