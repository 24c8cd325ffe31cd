package pos.app.sell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.app.checkout.Checkout;
import pos.app.checkout.CheckoutState;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.catalog.Catalog;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.events.EventRecorder;
import pos.core.events.PageIds;
import pos.core.events.UiEvent;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;

/**
 * Issue 12 point 8 ("Cash: opened 4, paid 5, 125 %"): the rest of a split sale is taken on the cash panel, so the
 * cash page is reported as shown then; before, a sale paid partly in cash this way counted as paid in cash without
 * the page ever reported.
 */
@DisplayName("Issue 12 point 8: the cash panel for the rest of a split sale is a cash page shown")
class SplitSaleCashPageTest {

    @Test
    @DisplayName("Issue 12 point 8: a voucher pays part, the cash panel for the rest reports tender.cash, the sale is paid by both")
    void theRestInCashReportsTheCashPage() {
        List<UiEvent> events = new ArrayList<>();
        FakeJournal journal = new FakeJournal();
        Checkout checkout = new Checkout(new Catalog(List.of(VoucherViewModelTest.RADIO, VoucherViewModelTest.COFFEE),
                VariableMeasureLayout.DEFAULT), journal, null, new TransactionId.Generator(VoucherViewModelTest.CLOCK),
                VoucherViewModelTest.CLOCK, "till-7", VoucherViewModelTest.EUR, new MoneyFormat(Locale.US), new KeyEchoText(),
                TaskExecutor.sameThread(), UiThread.sameThread());
        checkout.useVouchers(VoucherViewModelTest.CODEC, "store-1", new VoucherViewModelTest.FakeRedemption());
        checkout.useEvents(new EventRecorder(events::add, "till-7", VoucherViewModelTest.CLOCK));

        checkout.scan(VoucherViewModelTest.RADIO.gtin());
        checkout.scan(VoucherViewModelTest.tenEuros("V-1"));
        assertThat(checkout.state()).as("part paid: the rest in cash").isEqualTo(CheckoutState.CASH);
        checkout.payCash("100");

        assertThat(journal.records).singleElement().satisfies(sale -> {
            assertThat(sale.state()).isEqualTo(SaleState.PAID);
            assertThat(sale.tenders()).extracting(t -> t.type()).containsExactly(TenderType.VOUCHER, TenderType.CASH);
        });
        assertThat(events).filteredOn(e -> e.kind() == UiEvent.Kind.PAGE_SHOWN).extracting(UiEvent::targetId)
                .containsExactly(PageIds.TENDER_CASH);
    }
}
