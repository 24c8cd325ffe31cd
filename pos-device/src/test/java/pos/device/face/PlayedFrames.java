package pos.device.face;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A camera for the face tests: plays a list of frames round and round, 25 a second, on its own thread. Thread-safe. */
final class PlayedFrames implements FrameSource, AutoCloseable {

    private final List<Consumer<BufferedImage>> listeners = new CopyOnWriteArrayList<>();
    private volatile List<BufferedImage> script = List.of();
    private volatile int repeats = 1;
    private volatile boolean running = true;
    private volatile String unavailable;
    private final Thread camera;

    PlayedFrames() {
        camera = new Thread(this::run, "played-frames");
        camera.setDaemon(true);
        camera.start();
    }

    /** From now on, these frames, in turn. */
    void play(List<BufferedImage> frames) {
        play(frames, 1);
    }

    /** These frames, each shown {@code repeats} times (40 ms each) before the next. */
    void play(List<BufferedImage> frames, int repeatsEach) {
        repeats = repeatsEach;
        script = List.copyOf(frames);
    }

    void play(BufferedImage frame) {
        play(List.of(frame));
    }

    void unplug(String why) {
        unavailable = why;
    }

    private void run() {
        int next = 0;
        while (running) {
            List<BufferedImage> frames = script;
            if (!frames.isEmpty()) {
                BufferedImage frame = frames.get(next++ / Math.max(1, repeats) % frames.size());
                for (Consumer<BufferedImage> listener : listeners) {
                    listener.accept(frame);
                }
            }
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                return;
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
        return Optional.ofNullable(unavailable);
    }

    @Override
    public String cameraName() {
        return "Played frames";
    }

    @Override
    public void close() {
        running = false;
        camera.interrupt();
    }
}
