package pos.device.fingerprint.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The "finger" side of libfprint's virtual_image driver (DESIGN §7): connects to the FP_VIRTUAL_IMAGE unix
 * socket and sends what a sensor would: a frame is two native-endian int32 (width, height) and width×height
 * grey bytes; (-1, code) a retry, (-2, code) a device error, (-3, 0/1) automatic finger detection off/on,
 * (-4, 0/1) finger present/removed, (-5, 0) the device unplugged. The driver takes one image per capture,
 * so send the next one only when the reader asks for the finger again. Not thread-safe.
 */
public final class VirtualFinger implements AutoCloseable {

    private final SocketChannel channel;

    private VirtualFinger(SocketChannel channel) {
        this.channel = channel;
    }

    /** Connects to the socket the virtual_image driver creates when the device is opened, waiting for it. */
    public static VirtualFinger connect(Path socket, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (Files.exists(socket)) {
                try {
                    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                    channel.connect(UnixDomainSocketAddress.of(socket));
                    return new VirtualFinger(channel);
                } catch (IOException e) {
                    last = e;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the virtual reader's socket " + socket, e);
            }
        }
        throw new UncheckedIOException(new IOException("the virtual fingerprint reader's socket " + socket
                + " did not accept a connection within " + wait.toMillis() + " ms", last));
    }

    /** Presses {@code finger} on the sensor (its capture number {@code captureNumber}). */
    public void press(SyntheticFinger finger, long captureNumber) {
        sendImage(SyntheticFinger.WIDTH, SyntheticFinger.HEIGHT, finger.capture(captureNumber));
    }

    /** Sends a grey image of {@code width}×{@code height} bytes. */
    public void sendImage(int width, int height, byte[] grey) {
        if (grey.length != width * height) {
            throw new IllegalArgumentException("an image of " + width + "x" + height + " needs " + width * height
                    + " bytes, not " + grey.length);
        }
        ByteBuffer frame = ByteBuffer.allocate(8 + grey.length).order(ByteOrder.nativeOrder());
        frame.putInt(width).putInt(height).put(grey).flip();
        write(frame);
    }

    /** The sensor asks for a new scan: libfprint's FpDeviceRetry code (0 general, 1 too short, 2 centre, 3 remove). */
    public void retry(int code) {
        command(-1, code);
    }

    /** The sensor fails with libfprint's FpDeviceError code (e.g. 5, protocol error). */
    public void fail(int code) {
        command(-2, code);
    }

    /** Reports the finger on (true) or off the sensor. */
    public void fingerPresent(boolean present) {
        command(-4, present ? 1 : 0);
    }

    /** The reader is unplugged. */
    public void unplug() {
        command(-5, 0);
    }

    private void command(int command, int argument) {
        ByteBuffer frame = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        frame.putInt(command).putInt(argument).flip();
        write(frame);
    }

    private void write(ByteBuffer frame) {
        try {
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the virtual fingerprint reader closed its socket", e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the connection to the virtual fingerprint reader", e);
        }
    }
}
