package pos.app.i18n;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The one place the till gets its words (issue 14 point 3): the bundle {@code pos/app/i18n/messages} for the till's
 * configured locale, without the JDK's fall-back to the machine's default locale. With the plain
 * {@code ResourceBundle.getBundle(name, locale)}, an English till ({@code pos.locale=en-US}) on a machine whose
 * default locale is zh_CN would find no {@code messages_en_US} and take {@code messages_zh_CN}; with no fall-back
 * it takes the base (English) file, and a Chinese till on an English machine still gets {@code messages_zh_CN}.
 */
public final class Texts {

    /** The bundle's base name. */
    public static final String BUNDLE = "pos.app.i18n.messages";

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Texts() {
    }

    /** The till's words for {@code locale}: its own file (zh_CN), else the English base file, never the machine's. */
    public static ResourceBundle forLocale(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale, Texts.class.getClassLoader(), NO_FALLBACK);
    }

    /** True when the till speaks Chinese for {@code locale} (its words, its font, its dates). */
    public static boolean isChinese(Locale locale) {
        return "zh".equals(locale.getLanguage());
    }
}
