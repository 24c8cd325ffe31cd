package pos.bench.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** An Xvfb server on the first free display number from 90, for real windows without a screen. Closes by stopping it. */
final class VirtualDisplay implements AutoCloseable {

    private final Process xvfb;
    private final String name;

    private VirtualDisplay(Process xvfb, String name) {
        this.xvfb = xvfb;
        this.name = name;
    }

    /** Starts Xvfb (1280×800, 24 bits) and waits until its socket is there. */
    static VirtualDisplay start(Path log) throws IOException, InterruptedException {
        for (int number = 90; number < 190; number++) {
            if (Files.exists(Path.of("/tmp/.X" + number + "-lock")) || Files.exists(Path.of("/tmp/.X11-unix/X" + number))) {
                continue;
            }
            Process process = new ProcessBuilder("Xvfb", ":" + number, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Path socket = Path.of("/tmp/.X11-unix/X" + number);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (process.isAlive() && !Files.exists(socket) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (process.isAlive() && Files.exists(socket)) {
                return new VirtualDisplay(process, ":" + number);
            }
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS); // another program took the number first: try the next
        }
        throw new IOException("could not start Xvfb on any display from :90 to :189; see " + log);
    }

    /** The DISPLAY value, e.g. {@code :90}. */
    String name() {
        return name;
    }

    @Override
    public void close() throws InterruptedException {
        xvfb.destroy();
        if (!xvfb.waitFor(10, TimeUnit.SECONDS)) {
            xvfb.destroyForcibly();
        }
    }
}
