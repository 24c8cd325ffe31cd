package pos.app.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pos.core.people.PinHash;

/** The first supervisor's PIN field names the length the till will accept (it once said 4 where 6 is the minimum). */
class SupervisorPinWordsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en-US", "zh-CN"})
    void theFirstSupervisorsPinFieldSaysTheRealMinimum(String tag) {
        ResourceBundle text = Texts.forLocale(Locale.forLanguageTag(tag));
        String minimum = String.valueOf(PinHash.SUPERVISOR_MIN_DIGITS);
        for (String key : new String[] {"signin.firstRun.pin", "signin.firstRun.intro", "signin.firstRun.badPin",
                "setup.supervisor.pin"}) {
            assertThat(text.getString(key)).as(key).contains(minimum + " ").doesNotContain("4 ");
        }
    }
}
