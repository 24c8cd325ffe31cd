package pos.app.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.FormatStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.app.checkout.CheckoutText;
import pos.app.receipt.BundleReceiptWords;
import pos.app.receipt.BundleShiftReportWords;
import pos.app.ui.MoneyFormat;
import pos.core.money.Money;
import pos.core.rules.TimeWindow;

/**
 * Issue 14 point 3: "CNY formatting (¥, two decimals); sale time windows and dates written the Chinese way". Money
 * on screen and on receipts goes through {@link MoneyFormat}; receipts and X/Z reports print their times through
 * {@link BundleReceiptWords} and {@link BundleShiftReportWords}; sale hours (R26) through {@link CheckoutText}. A zh-CN
 * till writes ¥12.50, 2026年12月7日 08:05 and 每天 08:00 至 22:00; an en-US till writes what it wrote before.
 */
@DisplayName("Issue 14.3: money, dates and sale hours the Chinese way on a zh-CN till, unchanged on en-US")
class ChineseFormatsTest {

    static final Locale ZH = Locale.forLanguageTag("zh-CN");
    static final Locale US = Locale.US;
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 2026-12-07 08:05 in Shanghai. */
    static final Instant MORNING = Instant.parse("2026-12-07T00:05:00Z");

    @Test
    @DisplayName("CNY in zh-CN: ¥ and two decimals, the minus in front; en-US keeps its forms")
    void money() {
        MoneyFormat zh = new MoneyFormat(ZH);
        assertThat(zh.format(Money.ofMinor(1250, "CNY"))).isEqualTo("¥12.50");
        assertThat(zh.format(Money.ofMinor(-100, "CNY"))).isEqualTo("-¥1.00");
        assertThat(zh.format(Money.ofMinor(123456789, "CNY"))).isEqualTo("¥1,234,567.89");
        assertThat(zh.format(Money.ofMinor(5, "CNY"))).isEqualTo("¥0.05");
        assertThat(zh.formatPlain(Money.ofMinor(1250, "CNY"))).isEqualTo("12.50");
        MoneyFormat us = new MoneyFormat(US);
        assertThat(us.format(Money.ofMinor(1250, "USD"))).isEqualTo("$12.50");
        assertThat(us.format(Money.ofMinor(-100, "USD"))).isEqualTo("-$1.00");
        assertThat(us.format(Money.ofMinor(1250, "CNY"))).isEqualTo("CN¥12.50");
    }

    @Test
    @DisplayName("receipts and X/Z reports print 2026年12月7日 08:05 in zh-CN, 2026-12-07 08:05 in en-US")
    void printedTimes() {
        BundleReceiptWords zhReceipt = new BundleReceiptWords(Texts.forLocale(ZH), ZH, SHANGHAI);
        BundleReceiptWords usReceipt = new BundleReceiptWords(Texts.forLocale(US), US, SHANGHAI);
        assertThat(zhReceipt.time(MORNING)).contains("2026年12月7日 08:05");
        assertThat(usReceipt.time(MORNING)).isEqualTo("2026-12-07 08:05");
        BundleShiftReportWords zhReport = new BundleShiftReportWords(Texts.forLocale(ZH), ZH, SHANGHAI);
        assertThat(zhReport.time(MORNING)).isEqualTo("2026年12月7日 08:05");
        assertThat(zhReport.opened(zhReport.time(MORNING), null)).contains("2026年12月7日 08:05");
        assertThat(new BundleShiftReportWords(Texts.forLocale(US), US, SHANGHAI).time(MORNING)).isEqualTo("2026-12-07 08:05");
    }

    @Test
    @DisplayName("days and times on screen: 2026年12月7日, 08:05 (24-hour) in zh-CN; the JDK's English forms in en-US")
    void screenDates() {
        LocalDate day = LocalDate.of(2026, 12, 7);
        assertThat(TillDates.date(ZH).format(day)).isEqualTo("2026年12月7日");
        assertThat(TillDates.dateTime(ZH, FormatStyle.MEDIUM).format(day.atTime(8, 5))).isEqualTo("2026年12月7日 08:05");
        assertThat(TillDates.time(ZH).format(LocalTime.of(8, 5))).isEqualTo("08:05");
        assertThat(TillDates.time(ZH).format(LocalTime.of(20, 5))).isEqualTo("20:05");
        assertThat(TillDates.date(US).format(day)).isEqualTo("Dec 7, 2026");
        assertThat(TillDates.time(US).format(LocalTime.of(20, 5))).isEqualTo("8:05 PM");
    }

    @Test
    @DisplayName("a day typed by the clerk: 2026-12-06, 2026/12/6, 2026年12月6日; 2026年2月30日 is no day")
    void typedDays() {
        LocalDate day = LocalDate.of(2026, 12, 6);
        assertThat(TillDates.parseDay("2026-12-06")).contains(day);
        assertThat(TillDates.parseDay("2026/12/6")).contains(day);
        assertThat(TillDates.parseDay("2026年12月6日")).contains(day);
        assertThat(TillDates.parseDay("2026年2月30日")).isEmpty();
        assertThat(TillDates.parseDay("6.57")).isEmpty();
    }

    @Test
    @DisplayName("R26 sale hours: 每天 08:00 至 22:00 and 周一至周六 … ；周日 … in zh-CN; Mon–Sat 08:00–14:00 in en-US")
    void saleHours() {
        CheckoutText zh = new CheckoutText(Texts.forLocale(ZH), new MoneyFormat(ZH));
        CheckoutText us = new CheckoutText(Texts.forLocale(US), new MoneyFormat(US));
        List<TimeWindow> everyDay = List.of(new TimeWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.of(8, 0), LocalTime.of(22, 0)));
        List<TimeWindow> week = List.of(
                new TimeWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY), LocalTime.of(8, 0), LocalTime.of(14, 0)),
                new TimeWindow(Set.of(DayOfWeek.SUNDAY), LocalTime.of(10, 0), LocalTime.of(18, 0)));
        List<TimeWindow> someDays = List.of(new TimeWindow(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY),
                LocalTime.of(9, 30), LocalTime.of(17, 0)));
        assertThat(zh.windows(everyDay)).isEqualTo("每天 08:00 至 22:00");
        assertThat(zh.windows(week)).isEqualTo("周一至周六 08:00 至 14:00；周日 10:00 至 18:00");
        assertThat(zh.windows(someDays)).isEqualTo("周一、周三至周四 09:30 至 17:00");
        assertThat(us.windows(everyDay)).isEqualTo("Mon–Sun 08:00–22:00");
        assertThat(us.windows(week)).isEqualTo("Mon–Sat 08:00–14:00; Sun 10:00–18:00");
        assertThat(us.windows(someDays)).isEqualTo("Mon, Wed–Thu 09:30–17:00");
    }
}
