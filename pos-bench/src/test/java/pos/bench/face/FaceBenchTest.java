package pos.bench.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import pos.device.face.FaceSettings;

/** The face bench runs both sides on the same frames, and the till's path names the right person every time. */
@Isolated // timed: never beside the payments fault runs, which run two at a time (junit-platform.properties)
class FaceBenchTest {

    @Test
    @DisplayName("R18 issue 16: the face bench (--quick) compares the worker path with OpenCV in process among 200 templates")
    void quickRunGivesSaneFiguresAndTheRightPeople() {
        Optional<String> missing = FaceBench.missing(FaceSettings.defaults());
        Assumptions.assumeTrue(missing.isEmpty(), () -> "face bench test skipped: " + missing.orElse(""));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        FaceBench.Result result = FaceBench.measure(FaceBench.Options.quick(), new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(result.galleryTemplates()).isEqualTo(200);
        assertThat(result.tillDecisions()).isEqualTo(2 * FaceBench.Options.quick().decisions());
        assertThat(result.tillRight()).as("the till's path names the right person: %s", result.firstWrong())
                .isEqualTo(result.tillDecisions());
        assertThat(result.rawRight()).as("LBPH in process names them too").isEqualTo(result.tillDecisions());
        assertThat(result.frames().ratio()).isPositive().isLessThan(10);
        assertThat(result.decisions().ratio()).isPositive().isLessThan(10);
        assertThat(result.tillFrame().medianMillis()).isPositive().isLessThanOrEqualTo(result.tillFrame().p95Millis());
        assertThat(result.rawFrame().medianMillis()).isPositive();
        assertThat(result.workerOwnFrame().medianMillis()).as("the worker's own time is inside the till's")
                .isLessThanOrEqualTo(result.tillFrame().p95Millis());
        assertThat(result.tillDecision().medianMillis()).as("a decision takes more than one frame")
                .isGreaterThan(result.tillFrame().medianMillis());
        assertThat(result.matching().medianMillis()).as("matching is part of a decision").isPositive()
                .isLessThan(result.tillDecision().medianMillis());
        assertThat(result.templateBytes()).isBetween(1_000, 8 * 3_776);
        assertThat(result.workerRssKb()).as("the worker's VmRSS").isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("per frame").contains("identify among 200")
                .contains("face worker resident memory");
    }
}
