package pos.bench.face;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import pos.device.face.FrameSource;

/**
 * The bench's camera: hands the next of its frames to the face reader every millisecond (a frame nobody waits for is
 * not even copied by the reader), so a scan waits about half a millisecond for a frame where a 25 fps webcam makes
 * it wait up to 40 ms: the figures are the till's work, not the camera's pace. Thread-safe.
 */
final class LoopingCamera implements FrameSource, AutoCloseable {

    private final List<Consumer<BufferedImage>> listeners = new CopyOnWriteArrayList<>();
    private volatile List<BufferedImage> frames = List.of();
    private volatile boolean running = true;
    private final Thread thread;

    LoopingCamera() {
        thread = new Thread(this::run, "face-bench-camera");
        thread.setDaemon(true);
        thread.start();
    }

    /** From now on these frames, one after the other, round and round. */
    void play(List<BufferedImage> next) {
        frames = List.copyOf(next);
    }

    private void run() {
        long shown = 0;
        while (running) {
            List<BufferedImage> current = frames;
            if (!current.isEmpty() && !listeners.isEmpty()) {
                BufferedImage frame = current.get((int) (shown++ % current.size()));
                for (Consumer<BufferedImage> listener : listeners) {
                    listener.accept(frame);
                }
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return; // closed
            }
        }
    }

    @Override
    public AutoCloseable onFrame(Consumer<BufferedImage> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public Optional<String> unavailable() {
        return Optional.empty();
    }

    @Override
    public String cameraName() {
        return "Bench frames";
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
