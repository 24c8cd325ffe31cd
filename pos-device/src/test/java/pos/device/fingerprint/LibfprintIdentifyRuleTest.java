package pos.device.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.biometric.AmbiguousMatchException;
import pos.core.biometric.FingerPrint;
import pos.core.biometric.ScanPrompt;
import pos.device.fingerprint.sim.SyntheticFinger;
import pos.device.fingerprint.sim.VirtualSensor;

/**
 * libfprint's identify answers with the first print in the gallery that passes its threshold, not the best: the
 * till's reader must not pick one silently when two people's prints pass (issue 15). Here one finger is enrolled
 * twice, as if for two members, next to another finger.
 */
class LibfprintIdentifyRuleTest {

    static final SyntheticFinger SHARED = new SyntheticFinger(31_001);
    static final SyntheticFinger OTHER = new SyntheticFinger(31_002);
    static final SyntheticFinger STRANGER = new SyntheticFinger(31_003);
    static Path dir;
    static LibfprintReader reader;
    static VirtualSensor sensor;
    static FingerPrint sharedFirst;
    static FingerPrint sharedSecond;
    static FingerPrint other;

    @BeforeAll
    static void enrol() throws Exception {
        dir = Files.createTempDirectory("fp-rule");
        Path socket = dir.resolve("virtual-image.socket");
        reader = new LibfprintReader(FingerprintWorkerSettings.defaults().withVirtualImageSocket(socket)
                .withScanTimeout(Duration.ofSeconds(10)));
        reader.start();
        sensor = new VirtualSensor(socket);
        sensor.place(SHARED);
        sharedFirst = reader.enroll(sensor.progress());
        sharedSecond = reader.enroll(sensor.progress());
        sensor.place(OTHER);
        other = reader.enroll(sensor.progress());
    }

    @AfterAll
    static void stop() throws Exception {
        sensor.close();
        reader.close();
        try (var files = Files.list(dir)) {
            for (Path each : files.toList()) {
                Files.delete(each);
            }
        }
        Files.delete(dir);
    }

    @AfterEach
    void sensorHadNoTrouble() {
        sensor.check();
    }

    @Test
    @DisplayName("R18 a finger whose print is enrolled for two people is refused as ambiguous, whichever comes first")
    void twoOwnersMatchingIsAmbiguous() {
        sensor.place(SHARED);
        assertThatThrownBy(() -> reader.identify(List.of(other, sharedFirst, sharedSecond), List.of("cara", "mia", "noah"),
                sensor.prompts()))
                .isInstanceOfSatisfying(AmbiguousMatchException.class, e -> {
                    assertThat(e.first()).isEqualTo(1);
                    assertThat(e.second()).isEqualTo(2);
                })
                .hasMessage("the finger matches the enrolled prints #1 and #2, which belong to different people");
        assertThatThrownBy(() -> reader.identify(List.of(sharedSecond, other, sharedFirst), sensor.prompts()))
                .isInstanceOf(AmbiguousMatchException.class);
    }

    @Test
    @DisplayName("R18 two prints of the same owner matching name that owner; the reader asks for the finger a second time")
    void oneOwnersPrintsMatchingIsThatOwner() {
        List<ScanPrompt> oneRead = new CopyOnWriteArrayList<>();
        sensor.place(SHARED);
        assertThat(reader.identify(List.of(other, sharedFirst, sharedSecond), List.of("cara", "mia", "mia"), prompt -> {
            oneRead.add(prompt);
            sensor.prompts().accept(prompt);
        })).as("only Mia's prints after the match: no second read").isEqualTo(OptionalInt.of(1));
        List<ScanPrompt> twoReads = new CopyOnWriteArrayList<>();
        sensor.place(OTHER);
        assertThat(reader.identify(List.of(other, sharedFirst, sharedSecond), List.of("cara", "mia", "mia"), prompt -> {
            twoReads.add(prompt);
            sensor.prompts().accept(prompt);
        })).isEqualTo(OptionalInt.of(0));
        long placeOnce = oneRead.stream().filter(p -> p == ScanPrompt.PLACE_FINGER).count();
        assertThat(placeOnce).isPositive();
        assertThat(twoReads).as("a second read over Mia's prints after Cara's match")
                .filteredOn(p -> p == ScanPrompt.PLACE_FINGER).hasSize((int) (2 * placeOnce));
    }

    @Test
    @DisplayName("R18 the last print matching, or nobody's, needs one read")
    void aMatchWithNothingAfterItOrNoMatchIsOneRead() {
        sensor.place(SHARED);
        assertThat(reader.identify(List.of(other, sharedFirst), sensor.prompts())).isEqualTo(OptionalInt.of(1));
        sensor.place(STRANGER);
        assertThat(reader.identify(List.of(other, sharedFirst, sharedSecond), sensor.prompts())).isEmpty();
    }
}
