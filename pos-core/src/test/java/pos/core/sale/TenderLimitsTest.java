package pos.core.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.core.money.Money;

@DisplayName("issue 11 defect 13: a cash tender far beyond the amount due is confirmed by the clerk")
class TenderLimitsTest {

    static final Currency EUR = Currency.getInstance("EUR");

    static Money eur(String major) {
        return Money.parse(major, EUR);
    }

    @Test
    void twoBillionTenderedForOneNinetyNineAsksTheClerk() {
        TenderVerdict verdict = TenderLimits.DEFAULT.check(eur("1.99"), eur("2147483648"));
        assertThat(verdict).isInstanceOfSatisfying(TenderVerdict.Confirm.class, c -> {
            assertThat(c.change()).isEqualTo(eur("2147483646.01"));
            assertThat(c.plausibleChange()).isEqualTo(eur("2500"));
        });
    }

    @ParameterizedTest(name = "[{index}] due {0}, tendered {1} -> {2}")
    @CsvSource(textBlock = """
            1.99,    2,        OK,      0.01
            1.99,    1.99,     OK,      0
            1.99,    50,       OK,      48.01
            1.99,    2501.99,  OK,      2500
            1.99,    2502,     CONFIRM, 2500.01
            1.99,    5000,     CONFIRM, 4998.01
            3000,    5500,     OK,      2500
            3000,    5500.01,  CONFIRM, 2500.01
            """)
    void theChangeDecides(String due, String tendered, String verdict, String change) {
        TenderVerdict v = TenderLimits.DEFAULT.check(eur(due), eur(tendered));
        if (verdict.equals("OK")) {
            assertThat(v).isInstanceOfSatisfying(TenderVerdict.Ok.class, ok -> assertThat(ok.change()).isEqualTo(eur(change)));
        } else {
            assertThat(v).isInstanceOfSatisfying(TenderVerdict.Confirm.class, c -> assertThat(c.change()).isEqualTo(eur(change)));
        }
    }

    @Test
    void tooLittleIsRefusedWithWhatIsStillNeeded() {
        assertThat(TenderLimits.DEFAULT.check(eur("20"), eur("14.32"))).isEqualTo(
                new TenderVerdict.Refuse(TenderVerdict.Reason.SHORT, eur("5.68")));
    }

    @Test
    void zeroAndNegativeAndAnotherCurrencyAreRefused() {
        assertThat(TenderLimits.DEFAULT.check(eur("20"), eur("0")))
                .isEqualTo(new TenderVerdict.Refuse(TenderVerdict.Reason.NOT_POSITIVE, eur("20")));
        assertThat(TenderLimits.DEFAULT.check(eur("20"), Money.ofMinor(-100, EUR)))
                .isInstanceOfSatisfying(TenderVerdict.Refuse.class, r -> assertThat(r.reason()).isEqualTo(TenderVerdict.Reason.NOT_POSITIVE));
        assertThat(TenderLimits.DEFAULT.check(eur("20"), Money.ofMinor(2000, "USD")))
                .isInstanceOfSatisfying(TenderVerdict.Refuse.class, r -> assertThat(r.reason()).isEqualTo(TenderVerdict.Reason.CURRENCY));
    }

    @Test
    void theLargestAmountThereIsNeverOverflows() {
        TenderVerdict v = TenderLimits.DEFAULT.check(Money.ofMinor(1, EUR), Money.ofMinor(Long.MAX_VALUE, EUR));
        assertThat(v).isInstanceOfSatisfying(TenderVerdict.Confirm.class,
                c -> assertThat(c.change().minorUnits()).isEqualTo(Long.MAX_VALUE - 1));
    }

    @Test
    void aStoreSetsItsOwnNotes() {
        TenderLimits yuan = new TenderLimits(10_000, 10); // ten 100-yuan notes
        Currency cny = Currency.getInstance("CNY");
        assertThat(yuan.plausibleChangeMinor()).isEqualTo(100_000);
        assertThat(yuan.check(Money.parse("35", cny), Money.parse("1035", cny))).isInstanceOf(TenderVerdict.Ok.class);
        assertThat(yuan.check(Money.parse("35", cny), Money.parse("1036", cny))).isInstanceOf(TenderVerdict.Confirm.class);
        assertThat(TenderLimits.DEFAULT).isEqualTo(new TenderLimits(50_000, 5));
    }

    @Test
    void impossibleSettingsAndNothingDueAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new TenderLimits(0, 5)).hasMessageContaining("largest note");
        assertThatThrownBy(() -> new TenderLimits(TenderLimits.MAX_NOTE_MINOR + 1, 5)).hasMessageContaining("largest note");
        assertThatThrownBy(() -> new TenderLimits(50_000, 0)).hasMessageContaining("number of largest notes");
        assertThatThrownBy(() -> new TenderLimits(50_000, TenderLimits.MAX_NOTES + 1)).hasMessageContaining("number of largest notes");
        assertThatThrownBy(() -> TenderLimits.DEFAULT.check(eur("0"), eur("5"))).hasMessageContaining("nothing is due");
    }
}
