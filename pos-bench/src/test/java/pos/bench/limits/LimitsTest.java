package pos.bench.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The engine-limits table (issue 15): each row with its goal, met or not")
class LimitsTest {

    @Test
    @DisplayName("a ratio goal is met at the goal and not below it; a time goal at the goal and not above it")
    void goals() {
        assertThat(LimitRow.atLeast("archiver", 0.70, "0.6–0.8", 0.7, "").met()).isTrue();
        assertThat(LimitRow.atLeast("archiver", 0.69, "0.6–0.8", 0.7, "").met()).isFalse();
        assertThat(LimitRow.atMost("rules", 2.0, "", "× slower", 2, "").met()).isTrue();
        assertThat(LimitRow.atMost("rules", 2.01, "", "× slower", 2, "").met()).isFalse();
        assertThat(LimitRow.atMost("fingerprint", 1.2, "", "s", 1, "").goal()).isEqualTo("≤ 1 s");
        assertThat(LimitRow.atLeast("journal", 0.95, "", 0.9, "").goal()).isEqualTo("≥ 0.9");
        assertThat(LimitRow.atMost("rules", 0.004, "", "× slower", 2, "").line()).contains("0.004 × slower");
        assertThatThrownBy(() -> LimitRow.atLeast(" ", 1, "", 0.7, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the table prints every row with its figure, range, goal and verdict, the count of goals met and each failed part")
    void table() {
        List<LimitRow> rows = List.of(
                LimitRow.atLeast("archiver sales/s ÷ raw JDBC batch of plain INSERTs", 0.74, "0.61–0.80", 0.7, "5,100/s vs 6,900/s"),
                LimitRow.atMost("fingerprint identify among 1,000 enrolled", 1.31, "1.2–1.5", "s", 1, "FAR 0/100"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Limits.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), rows, List.of("webcam: java.io.IOException: no frames"), 12, 5);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("median of 5 rounds", "run took 12 s");
        assertThat(text).containsPattern("archiver sales/s ÷ raw JDBC batch of plain INSERTs\\s+0\\.74\\s+\\(0\\.61–0\\.80\\)\\s+≥ 0\\.7\\s+met");
        assertThat(text).containsPattern("fingerprint identify among 1,000 enrolled\\s+1\\.31 s\\s+\\(1\\.2–1\\.5\\)\\s+≤ 1 s\\s+NOT MET");
        assertThat(text).contains("    5,100/s vs 6,900/s", "    FAR 0/100", "1 of 2 goals met",
                "FAILED PART webcam: java.io.IOException: no frames");
    }
}
