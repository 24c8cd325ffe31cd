package pos.device.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pos.core.biometric.FingerPrint;
import pos.core.biometric.ScanPrompt;
import pos.device.fingerprint.sim.SyntheticFinger;
import pos.device.fingerprint.sim.VirtualFinger;

class LibfprintSessionTest {

    static Path dir;
    static LibfprintSession session;
    static VirtualFinger sensor;
    static ExecutorService presser = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void open() throws Exception {
        dir = Files.createTempDirectory("fp");
        Path socket = dir.resolve("virtual-image.socket");
        LibfprintSession.useVirtualImageSocket(socket);
        session = LibfprintSession.create();
        System.err.println(session.devices());
        System.err.println(session.open(null));
        sensor = VirtualFinger.connect(socket, Duration.ofSeconds(5));
    }

    @AfterAll
    static void close() {
        sensor.close();
        session.close();
        presser.shutdown();
    }

    ScanEvents finger(SyntheticFinger finger, List<String> log) {
        long[] capture = {0};
        return new ScanEvents() {
            @Override
            public void prompt(ScanPrompt prompt) {
                log.add(prompt.name());
                if (prompt == ScanPrompt.PLACE_FINGER) {
                    long number = capture[0]++;
                    presser.submit(() -> sensor.press(finger, number + 100 * log.size()));
                }
            }

            @Override
            public void stage(int completed, int stages) {
                log.add(completed + "/" + stages);
            }
        };
    }

    @Test
    void matrix() {
        int n = 10;
        List<FingerPrint> prints = new ArrayList<>();
        SyntheticFinger[] fingers = new SyntheticFinger[n + 1];
        for (int seed = 1; seed <= n; seed++) {
            fingers[seed] = new SyntheticFinger(seed);
            List<String> log = new ArrayList<>();
            long t = System.nanoTime();
            prints.add(session.enroll(finger(fingers[seed], log)));
            System.err.println("enrol " + seed + " " + (System.nanoTime() - t) / 1e6 + " ms");
        }
        StringBuilder m = new StringBuilder();
        for (int p = 1; p <= n; p++) {
            for (int q = 1; q <= n; q++) {
                m.append(session.verify(prints.get(p - 1), finger(fingers[q], new ArrayList<>())) ? "X" : ".");
            }
            m.append("\n");
        }
        System.err.println(m);
    }
}
