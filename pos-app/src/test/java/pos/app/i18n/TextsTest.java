package pos.app.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 14.3: the till speaks the language it is configured for, not the machine's: "an English till on a machine
 * whose default locale is zh_CN stays English (and the other way round)".
 */
@DisplayName("Issue 14.3: the till's words follow pos.locale, never the machine's default locale")
class TextsTest {

    final Locale before = Locale.getDefault();

    @AfterEach
    void restore() {
        Locale.setDefault(before);
    }

    @Test
    @DisplayName("an English till on a Chinese machine takes the English file")
    void englishOnAChineseMachine() {
        Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
        ResourceBundle.clearCache();
        ResourceBundle text = Texts.forLocale(Locale.US);
        assertThat(text.getLocale()).isEqualTo(Locale.ROOT);
        assertThat(text.getString("sell.ready")).isEqualTo("Ready. Scan an item or type a code or name.");
        // the JDK's own look-up would have taken the machine's language: what this class is for
        assertThat(ResourceBundle.getBundle(Texts.BUNDLE, Locale.US).getLocale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    }

    @Test
    @DisplayName("a Chinese till on an English machine takes the Chinese file, zh-CN or zh-Hans-CN")
    void chineseOnAnEnglishMachine() {
        Locale.setDefault(Locale.US);
        assertThat(Texts.forLocale(Locale.forLanguageTag("zh-CN")).getLocale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(Texts.forLocale(Locale.forLanguageTag("zh-Hans-CN")).getLocale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(Texts.isChinese(Locale.forLanguageTag("zh-CN"))).isTrue();
        assertThat(Texts.isChinese(Locale.UK)).isFalse();
    }
}
