package pos.app.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ChoiceFormat;
import java.text.DateFormat;
import java.text.Format;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 point 3: "a test fails when a key is missing from either bundle, when a bundle value is left untranslated
 * (same as English, outside a short allow-list)". Also: the {n} placeholders of each key are the same in both files,
 * and every value is a valid MessageFormat in its locale (choice formats and the formats nested in them included).
 * Each check lists every key that fails, not the first one.
 */
@DisplayName("Issue 14.3: the English and the Simplified Chinese bundles are complete and alike")
class BundleCompletenessTest {

    static final Locale ZH_CN = Locale.SIMPLIFIED_CHINESE;
    static final String ENGLISH = "/pos/app/i18n/messages.properties";
    static final String CHINESE = "/pos/app/i18n/messages_zh_CN.properties";
    /** key — reason, one a line; # comments. */
    static final String SAME_AS_ENGLISH = "/pos/app/i18n/same-as-english.txt";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\s*(\\d+)\\s*[,}]");

    final Map<String, String> english = load(ENGLISH);
    final Map<String, String> chinese = load(CHINESE);

    @Test
    @DisplayName("every English key is in the Chinese bundle and the other way round")
    void sameKeys() {
        Set<String> missing = new TreeSet<>(english.keySet());
        missing.removeAll(chinese.keySet());
        Set<String> extra = new TreeSet<>(chinese.keySet());
        extra.removeAll(english.keySet());
        assertThat(missing).as("keys of messages.properties missing from messages_zh_CN.properties").isEmpty();
        assertThat(extra).as("keys of messages_zh_CN.properties that messages.properties does not have").isEmpty();
    }

    @Test
    @DisplayName("no Chinese value is the English one, outside the allow-list")
    void nothingLeftInEnglish() {
        Map<String, String> allowed = allowList();
        List<String> same = new ArrayList<>();
        chinese.forEach((key, value) -> {
            if (value.equals(english.get(key)) && !allowed.containsKey(key)) {
                same.add(key + "=" + value);
            }
        });
        List<String> stale = new ArrayList<>();
        allowed.keySet().forEach(key -> {
            if (!english.containsKey(key)) {
                stale.add(key + " (no such key)");
            } else if (chinese.containsKey(key) && !Objects.equals(english.get(key), chinese.get(key))) {
                stale.add(key + " (translated now: take it off the list)");
            }
        });
        assertThat(same).as("Chinese values equal to the English ones (translate them, or add them to "
                + SAME_AS_ENGLISH + " with a reason)").isEmpty();
        assertThat(stale).as("allow-list lines of " + SAME_AS_ENGLISH + " that are not needed").isEmpty();
    }

    @Test
    @DisplayName("each key has the same {n} placeholders in both bundles")
    void samePlaceholders() {
        List<String> differ = new ArrayList<>();
        english.forEach((key, value) -> {
            String translated = chinese.get(key);
            if (translated != null && !placeholders(value).equals(placeholders(translated))) {
                differ.add(key + ": English " + placeholders(value) + ", Chinese " + placeholders(translated));
            }
        });
        assertThat(differ).as("keys whose placeholders differ").isEmpty();
    }

    @Test
    @DisplayName("every value is a MessageFormat that formats in its locale, choice formats too")
    void everyValueFormats() {
        List<String> broken = new ArrayList<>();
        english.forEach((key, value) -> check(key, value, Locale.US, broken));
        chinese.forEach((key, value) -> check(key, value, ZH_CN, broken));
        assertThat(broken).as("values that are not valid MessageFormat patterns").isEmpty();
    }

    @Test
    @DisplayName("the checks find a missing key, an untranslated value, a lost placeholder and a bad choice format")
    void theChecksCanFail() {
        assertThat(placeholders("{0} of {1,number,integer}")).containsExactly(0, 1);
        assertThat(placeholders("{1,choice,0#none|1#{0} and one}")).containsExactly(0, 1);
        assertThat(placeholders("共 {1,number,integer} 件")).containsExactly(1);
        List<String> broken = new ArrayList<>();
        check("bad.choice", "{0,choice,0#none|x#one}", ZH_CN, broken);
        check("bad.nested", "{0,choice,0#none|1#{1,number,integr}}", ZH_CN, broken);
        check("bad.brace", "{0 items", ZH_CN, broken);
        check("good", "{0,choice,0#无商品|1<{0,number,integer} 件商品}", ZH_CN, broken);
        assertThat(broken).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("zh_CN bad."));
    }

    static void check(String key, String value, Locale locale, List<String> broken) {
        try {
            MessageFormat format = new MessageFormat(value, locale);
            Format[] formats = format.getFormatsByArgumentIndex();
            // 0, 1, 2 and 5 walk the branches of the usual choice formats; a nested pattern is parsed when reached
            for (int n : new int[] {0, 1, 2, 5}) {
                Object[] args = new Object[Math.max(formats.length, 10)];
                for (int i = 0; i < args.length; i++) {
                    Format f = i < formats.length ? formats[i] : null;
                    args[i] = f instanceof ChoiceFormat || f instanceof NumberFormat ? (Object) n
                            : f instanceof DateFormat ? new Date(0) : "x";
                }
                format.format(args);
            }
        } catch (IllegalArgumentException e) {
            broken.add(locale + " " + key + ": " + e.getMessage() + " in \"" + value + "\"");
        }
    }

    static Set<Integer> placeholders(String value) {
        Set<Integer> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(value);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }

    static Map<String, String> load(String resource) {
        try (InputStream in = Objects.requireNonNull(BundleCompletenessTest.class.getResourceAsStream(resource), resource)) {
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> values = new LinkedHashMap<>();
            new TreeSet<>(properties.stringPropertyNames()).forEach(k -> values.put(k, properties.getProperty(k)));
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> allowList() {
        try (InputStream in = Objects.requireNonNull(BundleCompletenessTest.class.getResourceAsStream(SAME_AS_ENGLISH),
                SAME_AS_ENGLISH)) {
            Map<String, String> allowed = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split("\\s+[—-]+\\s+", 2);
                assertThat(parts).as("allow-list line \"%s\" needs a key, a dash and a reason", trimmed).hasSize(2);
                allowed.put(parts[0], parts[1]);
            }
            return allowed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
