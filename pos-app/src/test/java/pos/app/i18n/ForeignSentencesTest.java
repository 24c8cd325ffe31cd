package pos.app.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.MessageFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.app.checkout.CheckoutText;
import pos.app.ui.MoneyFormat;
import pos.core.refund.ReturnRefusedException;
import pos.core.refund.ReturnRequest;
import pos.core.refund.Returnable;
import pos.core.sale.SaleException;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;

/**
 * Issue 14 point 3: "every screen, message […] in a zh_CN bundle": sentences made in other modules reach the clerk's
 * screen rendered from a key and values on the till. A return refused by pos-core (its key and values: the English
 * text of the key is exactly pos-core's own sentence, the Chinese one has no English word but the product's name), a
 * sale's refusal after a supervisor's approval, and the store hub's alerts.
 */
@DisplayName("Issue 14.3: other modules' sentences reach a Chinese clerk in Chinese")
class ForeignSentencesTest {

    static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    static final String SALE_ID = "01JEQ0000000000000000SALE1";

    static SaleRecord sale(SaleState state) {
        List<SaleRecord.Line> lines = List.of(
                new SaleRecord.Line(1, "1000", "Bread", 2, 0, 150, 300, "RED", 150, 0, null, 700, 20),
                new SaleRecord.Line(2, "1002", "Wine", 1, 0, 899, 899, "STD", 899, 0, null, 2000, 150),
                new SaleRecord.Line(3, "2001", "Apples", 1, 412, 299, 123, "RED", 299, 0, null, 700, 8));
        return new SaleRecord(SALE_ID, "till-1", state, "EUR", 1322, 178, T0, T0.plusSeconds(60), lines,
                List.of(new SaleRecord.Payment(TenderType.CASH, 1322, 2000, 678)), "c1", "Ann", null, 0, null, 0, List.of());
    }

    static List<ReturnRefusedException> refusals() {
        List<ReturnRefusedException> all = new ArrayList<>();
        Returnable paid = Returnable.of(sale(SaleState.PAID), List.of());
        for (ReturnRequest asked : List.of(ReturnRequest.of(1, 3, null), ReturnRequest.of(2, 2, null),
                ReturnRequest.of(3, 2, null), ReturnRequest.of(9, 1, null), ReturnRequest.of(1, 0, null),
                new ReturnRequest(Map.of(), null))) {
            try {
                paid.check(asked);
            } catch (ReturnRefusedException e) {
                all.add(e);
            }
        }
        try {
            Returnable.of(sale(SaleState.CANCELLED), List.of()).check(ReturnRequest.of(1, 1, null));
        } catch (ReturnRefusedException e) {
            all.add(e);
        }
        return all;
    }

    static String say(ResourceBundle text, Locale locale, ReturnRefusedException e) {
        return new MessageFormat(text.getString(e.messageKey().orElseThrow()), locale).format(e.arguments().toArray());
    }

    @Test
    @DisplayName("a refused return: the English text of its key is pos-core's sentence; the Chinese one is Chinese")
    void returnRefusals() {
        List<ReturnRefusedException> refusals = refusals();
        assertThat(refusals).hasSize(7).allSatisfy(e -> assertThat(e.messageKey()).isPresent());
        ResourceBundle english = Texts.forLocale(Locale.US);
        ResourceBundle chinese = Texts.forLocale(ZH);
        for (ReturnRefusedException e : refusals) {
            assertThat(say(english, Locale.US, e)).isEqualTo(e.sentence());
            assertThat(say(chinese, ZH, e).replaceAll("Bread|Wine|Apples|" + SALE_ID, ""))
                    .as(e.sentence()).doesNotContainPattern("[A-Za-z]{2,}").containsPattern("\\p{IsHan}");
        }
        assertThat(say(chinese, ZH, refusals.get(0))).isEqualTo("第 1 行（Bread）：售出 2 件，尚未退货，还可退 2 件。");
        assertThat(say(chinese, ZH, refusals.get(2))).isEqualTo("第 3 行（Apples）：按重量售出（412 克），尚未退货，还可退 1 件。");
    }

    @Test
    @DisplayName("a sale's refusal is said from its reason's key; other refusals keep their sentence")
    void saleRefusals() {
        CheckoutText zh = new CheckoutText(Texts.forLocale(ZH), new MoneyFormat(ZH));
        CheckoutText us = new CheckoutText(Texts.forLocale(Locale.US), new MoneyFormat(Locale.US));
        SaleException empty = new SaleException(SaleException.Reason.EMPTY_SALE, "sale has no lines");
        assertThat(us.why(empty)).isEqualTo("The cart is empty. Scan an item first.");
        assertThat(zh.why(empty)).isEqualTo(Texts.forLocale(ZH).getString("sale.refused.EMPTY_SALE"));
        assertThat(us.why(new IllegalArgumentException("percent must be 0 to 100"))).isEqualTo("percent must be 0 to 100");
    }
}
