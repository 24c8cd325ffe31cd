package pos.device.fingerprint;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Issue 15: the worker's guard in front of libfprint's virtual_image socket. The till (or a test, a demo) talks to
 * {@code FP_VIRTUAL_IMAGE} as before; the worker listens there itself and points the driver at a socket of its own
 * beside it, forwarding every frame except images no fingerprint sensor makes: smaller than {@link #MIN_SIDE}
 * pixels a side (8x8 to 11x11 crash libfprint's minutiae detection: "free(): invalid pointer", SIGSEGV), larger
 * than {@link #MAX_SIDE} or {@link #MAX_PIXELS} (a 4000x4000 frame keeps the matcher busy for minutes). Such an
 * image is swallowed and the driver is told what a sensor says of a bad scan (finger on, retry, finger off), so
 * the scan in progress asks again; {@link #takeRefusal()} says why, for the prompt. Real readers produce their
 * sensor's fixed size and never pass through here. Thread-safe.
 */
final class VirtualImageGate {

    /** The smallest side accepted: under 12 pixels libfprint crashes; the smallest real sensors have over 50. */
    static final int MIN_SIDE = 32;
    /** The largest side accepted: real sensors (swipe ones assembled) stay well under it. */
    static final int MAX_SIDE = 2048;
    /** The most pixels accepted: ten times the largest real sensor's image (uru4000: 384x290). */
    static final int MAX_PIXELS = 1 << 20;

    private final Path outer;
    private final Path inner;
    private final AtomicReference<String> refusal = new AtomicReference<>();
    private final ServerSocketChannel server;

    private VirtualImageGate(Path outer, Path inner, ServerSocketChannel server) {
        this.outer = outer;
        this.inner = inner;
        this.server = server;
    }

    /**
     * Listens on {@code outer} and points libfprint at {@code outer + ".driver"} (FP_VIRTUAL_IMAGE, set before
     * libfprint's context is made).
     */
    static VirtualImageGate open(Path outer) throws IOException {
        Path inner = outer.resolveSibling(outer.getFileName() + ".driver");
        LibfprintSession.useVirtualImageSocket(inner);
        Files.deleteIfExists(outer);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(outer));
        VirtualImageGate gate = new VirtualImageGate(outer, inner, server);
        Thread accepting = new Thread(gate::accept, "virtual-image-gate");
        accepting.setDaemon(true);
        accepting.start();
        return gate;
    }

    /** Why the last image was refused, once (null when none was since the last call). */
    String takeRefusal() {
        return refusal.getAndSet(null);
    }

    /** Why an image of this size is no fingerprint, or null when it may be one. */
    static String refusalOf(int width, int height) {
        if (width < MIN_SIDE || height < MIN_SIDE) {
            return "an image of " + width + "x" + height + " pixels is smaller than any fingerprint sensor's (at least "
                    + MIN_SIDE + "x" + MIN_SIDE + ")";
        }
        if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
            return "an image of " + width + "x" + height + " pixels is larger than any fingerprint sensor's (at most "
                    + MAX_SIDE + " a side and " + MAX_PIXELS + " pixels)";
        }
        return null;
    }

    private void accept() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                System.err.println("fingerprint worker: the virtual reader's socket " + outer + " stopped: " + e.getMessage());
                return;
            }
            Thread pumping = new Thread(() -> pump(client), "virtual-image-gate-client");
            pumping.setDaemon(true);
            pumping.start();
        }
    }

    /** One sensor connection: frames forwarded to the driver's socket, the ones no sensor makes refused. */
    private void pump(SocketChannel client) {
        try (client; SocketChannel driver = connectToDriver()) {
            ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
            ByteBuffer chunk = ByteBuffer.allocate(64 << 10);
            while (readFully(client, header.clear())) {
                int first = header.getInt(0);
                int second = header.getInt(4);
                if (first < 0) {
                    writeFully(driver, header.flip()); // a command: retry, error, finger on/off, unplug
                    continue;
                }
                String why = refusalOf(first, second);
                long bytes = (long) first * Math.max(second, 0);
                if (why == null) {
                    writeFully(driver, header.flip());
                    copy(client, driver, bytes, chunk);
                    continue;
                }
                copy(client, null, bytes, chunk);
                System.err.println("fingerprint worker: refused " + why);
                refusal.set(why);
                command(driver, -4, 1); // what a sensor says of a bad scan: finger on, retry, finger off
                command(driver, -1, 0);
                command(driver, -4, 0);
            }
        } catch (IOException e) {
            System.err.println("fingerprint worker: a connection to the virtual reader ended: " + e.getMessage());
        }
    }

    private SocketChannel connectToDriver() throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (Files.exists(inner)) {
                try {
                    SocketChannel driver = SocketChannel.open(StandardProtocolFamily.UNIX);
                    driver.connect(UnixDomainSocketAddress.of(inner));
                    return driver;
                } catch (IOException e) {
                    last = e;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the virtual reader's driver socket " + inner, e);
            }
        }
        throw new IOException("the virtual reader's driver socket " + inner + " did not open within 10 s (is the reader open?)", last);
    }

    private static void command(SocketChannel driver, int command, int argument) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        writeFully(driver, frame.putInt(command).putInt(argument).flip());
    }

    /** Reads {@code bytes} from {@code from} and writes them to {@code to}, or drops them when {@code to} is null. */
    private static void copy(SocketChannel from, SocketChannel to, long bytes, ByteBuffer chunk) throws IOException {
        long left = bytes;
        while (left > 0) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), left));
            if (!readFully(from, chunk)) {
                throw new IOException("the sensor closed the connection " + left + " bytes before the end of its image");
            }
            left -= chunk.limit();
            if (to != null) {
                writeFully(to, chunk.flip());
            }
        }
    }

    /** Fills {@code buffer}; false at the end of the stream before its first byte. */
    private static boolean readFully(SocketChannel from, ByteBuffer buffer) throws IOException {
        boolean any = false;
        while (buffer.hasRemaining()) {
            if (from.read(buffer) < 0) {
                if (any) {
                    throw new IOException("the sensor closed the connection in the middle of a frame");
                }
                return false;
            }
            any = true;
        }
        return true;
    }

    private static void writeFully(SocketChannel to, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            to.write(buffer);
        }
    }
}
