package pos.app.ui;

import java.text.NumberFormat;
import java.util.Locale;
import pos.core.money.Money;

/** Formats money for the clerk's locale. Not thread-safe (NumberFormat is not): one per screen. */
public final class MoneyFormat {

    private final Locale locale;

    public MoneyFormat(Locale locale) {
        this.locale = locale;
    }

    public String format(Money money) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(money.currency());
        int digits = Math.max(money.currency().getDefaultFractionDigits(), 0);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(money.toMajor());
    }

    /** Without the currency symbol, for input fields and quantity cells. */
    public String formatPlain(Money money) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        int digits = Math.max(money.currency().getDefaultFractionDigits(), 0);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        format.setGroupingUsed(false);
        return format.format(money.toMajor());
    }

    public Locale locale() {
        return locale;
    }
}
