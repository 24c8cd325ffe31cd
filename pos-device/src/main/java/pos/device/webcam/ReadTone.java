package pos.device.webcam;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The short beep of a read, generated with {@code javax.sound.sampled} (AWT's {@code Toolkit.beep}
 * is silent on most Linux desktops and fails headless). Plays on its own daemon thread; a beep asked
 * for while one plays is skipped, never queued. On a PC without a sound output (or a headless test)
 * it stays silent: that is logged once at debug and not tried again. Thread-safe.
 */
public final class ReadTone {

    private static final Logger log = LoggerFactory.getLogger(ReadTone.class);
    private static final float SAMPLE_RATE = 44_100f;

    private final byte[] samples;
    private final ExecutorService player;
    private final AtomicBoolean unavailable = new AtomicBoolean();
    private final AtomicLong played = new AtomicLong();

    /** A 2 kHz beep of 80 ms, like a handheld scanner's. */
    public ReadTone() {
        this(2_000, 80);
    }

    public ReadTone(int hertz, int millis) {
        if (hertz < 20 || hertz > 20_000 || millis < 1 || millis > 2_000) {
            throw new IllegalArgumentException("a beep needs 20..20000 Hz and 1..2000 ms, not " + hertz + " Hz, " + millis + " ms");
        }
        this.samples = sine(hertz, millis);
        this.player = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(1), runnable -> {
            Thread thread = new Thread(runnable, "webcam-read-tone");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.DiscardPolicy());
    }

    /** Plays the beep in the background; returns at once. */
    public void play() {
        if (unavailable.get()) {
            return;
        }
        try {
            player.execute(this::playNow);
        } catch (RejectedExecutionException e) {
            log.debug("read tone skipped: the player is shut down", e);
        }
    }

    /** Whether the PC has no sound output the beep could use (found out on the first beep). */
    public boolean isUnavailable() {
        return unavailable.get();
    }

    /** Beeps actually played. */
    public long played() {
        return played.get();
    }

    private void playNow() {
        AudioFormat format = new AudioFormat(SAMPLE_RATE, 16, 1, true, false);
        try (SourceDataLine line = AudioSystem.getSourceDataLine(format)) {
            line.open(format, samples.length);
            line.start();
            line.write(samples, 0, samples.length);
            line.drain();
            played.incrementAndGet();
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            // no sound device (a server, a container, a headless test): reads still flash on screen
            if (unavailable.compareAndSet(false, true)) {
                log.debug("no sound output for the read beep; reads will be silent: {}", e.toString());
            }
        }
    }

    private static byte[] sine(int hertz, int millis) {
        int count = (int) (SAMPLE_RATE * millis / 1000);
        byte[] pcm = new byte[count * 2];
        int fade = Math.min(count / 4, (int) (SAMPLE_RATE / 200)); // 5 ms in and out, no click
        for (int i = 0; i < count; i++) {
            double envelope = Math.min(1.0, Math.min(i, count - 1 - i) / (double) Math.max(1, fade));
            short value = (short) (Math.sin(2 * Math.PI * hertz * i / SAMPLE_RATE) * envelope * 0.4 * Short.MAX_VALUE);
            pcm[2 * i] = (byte) value;
            pcm[2 * i + 1] = (byte) (value >> 8);
        }
        return pcm;
    }
}
