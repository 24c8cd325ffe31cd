package pos.device.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.biometric.FingerPrint;
import pos.core.biometric.ScanPrompt;
import pos.device.fingerprint.sim.SyntheticFinger;
import pos.device.fingerprint.sim.VirtualSensor;

/**
 * A 1:N sweep over a population of generated fingers, through libfprint's own minutiae detection and bozorth3
 * (in this process, as the benchmark's baseline does, to keep the sweep quick): {@value #ENROLLED} fingers
 * enrolled, then each pressed again (a new capture) and {@value #STRANGERS} fingers never enrolled pressed
 * once, each identified against the whole gallery in one call. The generated fingers must behave as real
 * ones do with libfprint: no stranger accepted, no one identified as somebody else, nearly every genuine
 * press accepted.
 */
class SyntheticPopulationSweepTest {

    static final int ENROLLED = 100;
    static final int STRANGERS = 100;

    @Test
    @DisplayName("R18 1:N sweep: 0 of 100 strangers accepted, 0 wrong identifications, ≥ 95 % of genuine presses accepted")
    void populationSweep() throws Exception {
        long started = System.nanoTime();
        SyntheticFinger[] members = IntStream.range(0, ENROLLED).parallel().mapToObj(i -> new SyntheticFinger(50_000 + i))
                .toArray(SyntheticFinger[]::new);
        SyntheticFinger[] strangers = IntStream.range(0, STRANGERS).parallel().mapToObj(i -> new SyntheticFinger(90_000 + i))
                .toArray(SyntheticFinger[]::new);
        long generated = System.nanoTime();
        Path dir = Files.createTempDirectory("fp-sweep");
        Path socket = dir.resolve("virtual-image.socket");
        LibfprintSession.useVirtualImageSocket(socket);
        int accepted = 0;
        int wrong = 0;
        int strangersAccepted = 0;
        List<String> failures = new ArrayList<>();
        int templateBytes = 0;
        long enrolled;
        try (LibfprintSession session = LibfprintSession.create(); VirtualSensor sensor = new VirtualSensor(socket)) {
            session.open(null);
            ScanEvents events = new ScanEvents() {
                @Override
                public void prompt(ScanPrompt prompt) {
                    sensor.prompts().accept(prompt);
                }
            };
            List<FingerPrint> gallery = new ArrayList<>();
            for (SyntheticFinger finger : members) {
                sensor.place(finger);
                FingerPrint print = session.enroll(events);
                templateBytes += print.size();
                gallery.add(print);
            }
            enrolled = System.nanoTime();
            for (int i = 0; i < ENROLLED; i++) {
                sensor.placeCapture(members[i].capture(1_000 + i));
                OptionalInt found = session.identify(gallery, events);
                if (found.isEmpty()) {
                    failures.add("member " + i + " not recognised");
                } else if (found.getAsInt() == i) {
                    accepted++;
                } else {
                    wrong++;
                    failures.add("member " + i + " identified as member " + found.getAsInt());
                }
            }
            for (int i = 0; i < STRANGERS; i++) {
                sensor.placeCapture(strangers[i].capture(1));
                OptionalInt found = session.identify(gallery, events);
                if (found.isPresent()) {
                    strangersAccepted++;
                    failures.add("stranger " + i + " accepted as member " + found.getAsInt());
                }
            }
            sensor.check();
        } finally {
            try (var files = Files.list(dir)) {
                for (Path each : files.toList()) {
                    Files.delete(each);
                }
            }
            Files.delete(dir);
        }
        long done = System.nanoTime();
        System.out.printf("fingerprint sweep: %d/%d genuine accepted, %d wrong, %d/%d strangers accepted; mean template %d bytes;"
                        + " generate %.1f s, enrol %.1f s, identify %.1f s; %s%n", accepted, ENROLLED, wrong, strangersAccepted,
                STRANGERS, templateBytes / ENROLLED, (generated - started) / 1e9, (enrolled - generated) / 1e9,
                (done - enrolled) / 1e9, failures);
        assertThat(strangersAccepted).as("strangers accepted: %s", failures).isZero();
        assertThat(wrong).as("wrong identifications: %s", failures).isZero();
        assertThat(accepted).as("genuine presses accepted: %s", failures).isGreaterThanOrEqualTo(ENROLLED * 95 / 100);
    }
}
