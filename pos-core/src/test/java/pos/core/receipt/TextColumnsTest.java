package pos.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextColumnsTest {

    @ParameterizedTest
    @CsvSource(textBlock = """
            Milk,                4
            牛奶,                 4
            Milk 牛奶 1L,         12
            ｘ,                  2
            '',                  0
            """)
    @DisplayName("issue 12 (1): a CJK character takes two columns on the paper, anything else one")
    void cjkCharactersTakeTwoColumns(String text, int columns) {
        assertThat(TextColumns.width(text)).isEqualTo(columns);
    }

    @Test
    void wrapBreaksAtSpacesAndNeverSplitsAWideCharacter() {
        assertThat(TextColumns.wrap("Organic whole milk 1 litre", 10))
                .containsExactly("Organic", "whole milk", "1 litre");
        assertThat(TextColumns.wrap("有机全脂牛奶一升装", 5))
                .containsExactly("有机", "全脂", "牛奶", "一升", "装");
    }

    @Test
    void twoColumnsPutsTheAmountFlushRightAndWrapsTheLeftTextWhenBothDoNotFit() {
        assertThat(TextColumns.twoColumns("Milk", "1.50", 12)).containsExactly("Milk    1.50");
        assertThat(TextColumns.twoColumns("牛奶", "1.50", 12)).containsExactly("牛奶    1.50");
        assertThat(TextColumns.twoColumns("Organic whole milk", "12.50", 14))
                .containsExactly("Organic whole", "milk     12.50");
        assertThat(TextColumns.twoColumns("Organic wholemilk", "12.50", 14))
                .containsExactly("Organic", "wholemilk", "         12.50");
    }
}
