package pos.bench.webcam;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The benchmark runs both sides over the same frames, and both read codes. */
@Isolated // timed: never beside the payments fault runs, which run two at a time (junit-platform.properties)
class WebcamPipelineBenchTest {

    @Test
    void bothSidesDecodeFramesAndReadCodes() {
        WebcamPipelineBench.Result r = WebcamPipelineBench.measure(Duration.ofMillis(800), 1);
        assertThat(r.frameCount()).isEqualTo(20);
        assertThat(r.framesPerSecond().ours()).isPositive();
        assertThat(r.framesPerSecond().raw()).isPositive();
        assertThat(r.againstDecodeOnly().raw()).isPositive();
        assertThat(r.pipelineCapturedPerSecond()).isPositive();
        assertThat(r.framesRead()[0]).as("the pipeline reads every readable frame of the set").isEqualTo(16);
        assertThat(r.framesRead()[1]).as("bare ZXing reads most of them").isBetween(12, 16);
        assertThat(r.pipelineFewestRead()).as("issue 15: at least as many codes as bare decodeWithState")
                .isGreaterThanOrEqualTo(r.decodeOnlyMostRead());
        assertThat(r.codeFramesOnly().ratio()).isPositive();

        pos.bench.limits.LimitRow row = WebcamPipelineBench.limitRow(r);
        assertThat(row.measure()).isEqualTo("webcam pipeline ÷ bare decodeWithState on ready luminance");
        assertThat(row.value()).isEqualTo(r.againstDecodeOnly().ratio());
        assertThat(row.goal()).isEqualTo("≥ 0.8");
        assertThat(row.detail()).contains("frames/s; codes read " + r.pipelineFewestRead() + "/" + r.decodeOnlyMostRead());
        assertThat(row.met()).isEqualTo(r.goalMet());
    }
}
