package pos.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import pos.bench.money.MoneyJmh;
import pos.bench.rules.RulesJmh;
import pos.bench.webcam.DecoderJmh;
import pos.bench.wedge.BurstJmh;
import pos.device.webcam.SyntheticFrames;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The JMH micro-benchmarks are generated and measure what they say (each side computes the same
 * answer), and one very short run pairs ours with its raw baseline. The timing itself is for
 * {@code ./pos bench jmh}, never for {@code ./pos test}.
 */
@Isolated // timed: never beside the payments fault runs, which run two at a time (junit-platform.properties)
@DisplayName("issue 11: JMH micro-benchmarks (rules, decoder, money, wedge) are generated and compare like with like")
class JmhBenchmarksTest {

    @Test
    void everyBenchmarkAndItsBaselineIsGenerated() throws Exception {
        String list;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(in).as("the JMH annotation processor ran").isNotNull();
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String benchmark : List.of("rules.RulesJmh_ruleBase", "rules.RulesJmh_raw", "webcam.DecoderJmh_tillDecoder",
                "webcam.DecoderJmh_raw", "money.MoneyJmh_parse", "money.MoneyJmh_rawParse", "money.MoneyFormatJmh_format",
                "money.MoneyFormatJmh_rawFormat", "wedge.BurstJmh_detector", "wedge.BurstJmh_raw")) {
            String[] parts = benchmark.split("\\.");
            assertThat(list).contains("pos.bench." + parts[0] + ".jmh_generated." + parts[1] + "_jmhTest");
        }
        assertThat(JmhMain.BENCHMARKS).hasSize(5);
    }

    @Test
    void eachSideComputesTheSameAnswer() {
        RulesJmh rules = new RulesJmh();
        rules.rules = 100;
        rules.build();
        RulesJmh rawRules = new RulesJmh();
        rawRules.rules = 100;
        rawRules.build();
        for (int i = 0; i < 64; i++) {
            assertThat(rules.ruleBase()).as("payment %d", i).isEqualTo(rawRules.raw());
        }

        DecoderJmh decoder = new DecoderJmh();
        decoder.frame = "qr-plain";
        decoder.prepare();
        assertThat(decoder.tillDecoder()).map(r -> r.getText()).contains(SyntheticFrames.QR_TEXT);
        assertThat(decoder.raw().getText()).isEqualTo(SyntheticFrames.QR_TEXT);
        decoder.frame = "empty-counter";
        decoder.prepare();
        assertThat(decoder.tillDecoder()).isEqualTo(Optional.empty());
        assertThat(decoder.raw()).isNull();

        MoneyJmh money = new MoneyJmh();
        for (String typed : List.of("12.50", "１２．５０")) {
            money.typed = typed;
            assertThat(money.parse().minorUnits()).isEqualTo(money.rawParse()).isEqualTo(1250);
        }
        pos.bench.money.MoneyFormatJmh format = new pos.bench.money.MoneyFormatJmh();
        assertThat(format.format()).isEqualTo(format.rawFormat()).isEqualTo("EUR 2147483648.01");

        BurstJmh burst = new BurstJmh();
        burst.prepare();
        for (int i = 0; i < 3; i++) {
            assertThat(burst.detector().scannedCode()).contains("4006381333931");
            assertThat(burst.raw()).isEqualTo("4006381333931");
        }
    }

    @Test
    void aVeryShortRunPairsOursWithItsRawBaseline() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("pos\\.bench\\.wedge\\.BurstJmh\\.")
                .forks(0).warmupIterations(1).measurementIterations(1)
                .warmupTime(TimeValue.milliseconds(200)).measurementTime(TimeValue.milliseconds(200))
                .verbosity(VerboseMode.SILENT).shouldFailOnError(true).build()).run();
        List<JmhMain.Ratio> ratios = JmhMain.ratios(results);
        assertThat(ratios).singleElement().satisfies(r -> {
            assertThat(r.benchmark()).isEqualTo("wedge.BurstJmh.detector");
            assertThat(r.oursNanos()).isPositive();
            assertThat(r.rawNanos()).isPositive();
            assertThat(r.ratio()).isPositive();
        });
    }
}
