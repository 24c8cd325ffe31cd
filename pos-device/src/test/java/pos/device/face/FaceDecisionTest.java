package pos.device.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.core.biometric.AmbiguousMatchException;
import pos.core.biometric.IncompatiblePrintException;

/** Issue 16: the pure-Java parts of the face reader (decision rule, template format, frame preparation); no OpenCV needed. */
class FaceDecisionTest {

    private final FaceMatcher matcher = new FaceMatcher(80, 20);

    @DisplayName("R18 issue 16: a person is named only under the threshold and clearly nearer than the best other person")
    @ParameterizedTest(name = "distances {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            30 ; 120        | 0
            120 ; 30        | 1
            85 ; 130        | none
            60 ; 75         | ambiguous
            70 ; 85         | none
            60 ; 85         | 0
            40 ; 79         | 0
            30 ; 45 ; 120   | same owner
            """)
    void pickRule(String distances, String expected) {
        List<Double> values = Arrays.stream(distances.split(";")).map(String::trim).map(Double::valueOf).toList();
        List<String> owners = expected.equals("same owner") ? List.of("a", "a", "b")
                : values.size() == 2 ? List.of("a", "b") : List.of("a", "b", "c");
        switch (expected) {
            case "none" -> assertThat(matcher.pick(values, owners)).isEmpty();
            case "ambiguous" -> assertThatThrownBy(() -> matcher.pick(values, owners)).isInstanceOf(AmbiguousMatchException.class);
            case "same owner" -> assertThat(matcher.pick(values, owners)).map(FaceMatcher.Candidate::index).contains(0);
            default -> assertThat(matcher.pick(values, owners)).map(FaceMatcher.Candidate::index).contains(Integer.valueOf(expected));
        }
    }

    @Test
    @DisplayName("R18 issue 16: the face template keeps its histograms exactly, is versioned, and a damaged or foreign one is refused")
    void templateRoundTrip() {
        byte[] first = new byte[FaceHistogram.LENGTH];
        byte[] second = new byte[FaceHistogram.LENGTH];
        for (int i = 0; i < first.length; i++) {
            first[i] = (byte) (i * 7);
            second[i] = (byte) (255 - i % 200);
        }
        byte[] template = FaceTemplate.encode(List.of(first, second));
        assertThat(FaceTemplate.isCurrent(template)).isTrue();
        List<float[]> faces = FaceTemplate.decode(template);
        assertThat(faces).hasSize(2);
        assertThat(faces.get(0)).containsExactly(FaceHistogram.decode(first));
        assertThat(faces.get(1)).containsExactly(FaceHistogram.decode(second));
        assertThatThrownBy(() -> FaceTemplate.decode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9})).isInstanceOf(IncompatiblePrintException.class);
        byte[] cut = Arrays.copyOf(template, template.length / 2);
        assertThatThrownBy(() -> FaceTemplate.decode(cut)).isInstanceOf(IncompatiblePrintException.class).hasMessageContaining("enrol the face again");
        byte[] nextVersion = template.clone();
        nextVersion[4] = 2;
        assertThat(FaceTemplate.isCurrent(nextVersion)).isFalse();
    }

    @Test
    @DisplayName("R18 issue 16: frames are sent grey and at most 640 px long; too small or absurd frames are never sent")
    void framePreparation() {
        GreyFrame big = GreyFrame.of(new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB), 0);
        assertThat(big.width).isEqualTo(640);
        assertThat(big.height).isEqualTo(360);
        assertThat(big.pixels).hasSize(640 * 360);
        assertThat(GreyFrame.of(new BufferedImage(63, 480, BufferedImage.TYPE_INT_RGB), 0)).isNull();
        assertThat(GreyFrame.of(new BufferedImage(9000, 100, BufferedImage.TYPE_BYTE_GRAY), 0)).isNull();
        FaceWorkerClient client = new FaceWorkerClient(FaceSettings.defaults());
        assertThatThrownBy(() -> client.analyse(new byte[10], 5, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 64 and 640 pixels");
        assertThat(client.workersStarted()).as("nothing was sent: no worker started").isZero();
    }

    @Test
    @DisplayName("R18 issue 16: a good face's analysis prints its boxes and measures, never its histogram")
    void analysisTextHoldsNoHistogram() {
        byte[] histogram = new byte[FaceHistogram.LENGTH];
        Arrays.fill(histogram, (byte) 77);
        FaceAnalysis analysis = new FaceAnalysis(List.of(new FaceAnalysis.Box(1, 2, 130, 130)), Optional.empty(), "width 130", histogram, 40);
        assertThat(analysis.toString()).contains("130").contains("histogram of 3776 bytes").doesNotContain("77, 77");
    }
}
