package pos.app.i18n;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates and times the way the till's language writes them (issue 14 point 3: "sale time windows and dates written
 * the Chinese way"). Chinese: 2026年12月7日, 2026年12月7日 08:05, 08:05 (the 24-hour clock of Chinese shops; the
 * JDK's short Chinese time is 上午8:05). Other languages: the JDK's localized forms the till used before, unchanged.
 * The formatters are immutable and thread-safe.
 */
public final class TillDates {

    private static final DateTimeFormatter ZH_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.SIMPLIFIED_CHINESE);
    private static final DateTimeFormatter ZH_DATE_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm", Locale.SIMPLIFIED_CHINESE);
    private static final DateTimeFormatter ZH_TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.SIMPLIFIED_CHINESE);
    /** Receipts and printed shift reports, outside Chinese: one form for every language, as before. */
    private static final DateTimeFormatter PRINTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** A day typed by the clerk: 2026-12-06, 2026/12/6, 2026.12.6 or 2026年12月6日. */
    private static final Pattern TYPED_DAY = Pattern.compile("(\\d{4})(?:[-/.](\\d{1,2})[-/.](\\d{1,2})|年(\\d{1,2})月(\\d{1,2})日?)");

    private TillDates() {
    }

    /** A time of day: 08:05 in Chinese, the JDK's short form (8:05 AM) otherwise. */
    public static DateTimeFormatter time(Locale locale) {
        return Texts.isChinese(locale) ? ZH_TIME : DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
    }

    /** A time of day with minutes on the 24-hour clock (sale hours): 08:00 in every language. */
    public static DateTimeFormatter clock(Locale locale) {
        return Texts.isChinese(locale) ? ZH_TIME : DateTimeFormatter.ofPattern("HH:mm", locale);
    }

    /** A day: 2026年12月7日 in Chinese, the JDK's medium form (Dec 7, 2026) otherwise. */
    public static DateTimeFormatter date(Locale locale) {
        return Texts.isChinese(locale) ? ZH_DATE : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
    }

    /** A day and a time on screen: 2026年12月7日 08:05 in Chinese, the JDK's {@code dateStyle} + short time otherwise. */
    public static DateTimeFormatter dateTime(Locale locale, FormatStyle dateStyle) {
        return Texts.isChinese(locale) ? ZH_DATE_TIME
                : DateTimeFormatter.ofLocalizedDateTime(dateStyle, FormatStyle.SHORT).withLocale(locale);
    }

    /** A day and a time on paper (receipts, X and Z reports): 2026年12月7日 08:05 in Chinese, 2026-12-07 08:05 otherwise. */
    public static DateTimeFormatter printed(Locale locale) {
        return Texts.isChinese(locale) ? ZH_DATE_TIME : PRINTED;
    }

    /** The day the clerk typed (2026-12-06, 2026/12/6 or 2026年12月6日), or empty when it is not a day. */
    public static Optional<LocalDate> parseDay(String typed) {
        Matcher m = TYPED_DAY.matcher(typed.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int year = Integer.parseInt(m.group(1));
            int month = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(4));
            int day = Integer.parseInt(m.group(3) != null ? m.group(3) : m.group(5));
            return Optional.of(LocalDate.of(year, month, day));
        } catch (java.time.DateTimeException e) {
            return Optional.empty(); // 2026-02-30: not a day, said to the clerk by the caller
        }
    }

    /** The pattern a typed day matches, for callers that find it inside a longer entry. */
    public static String typedDayPattern() {
        return TYPED_DAY.pattern();
    }
}
