package pos.device.printer;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A printer behind a device file: a USB printer-class device ({@code /dev/usb/lp0}, group {@code lp})
 * or, for tests, a named pipe or plain file. A character device is opened read/write and held open
 * from job to job (the usblp driver allows one open at a time; {@link #close()} lets it go), so the
 * printer's DLE EOT answers can be read; a pipe or plain file is opened for each job and only written
 * (appended). Thread-safe.
 */
public final class DeviceFilePrinterConnection implements PrinterConnection {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceFilePrinterConnection.class);
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    private final Path path;
    private HeldDevice device; // guarded by this

    public DeviceFilePrinterConnection(Path path) {
        this.path = path;
    }

    @Override
    public PrinterLink open() throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such device (is the printer plugged in and switched on?)");
        }
        if (!Files.isWritable(path)) {
            throw new PrinterSetupException(path + " is not writable by this user (add the user to the 'lp' group and sign in again)");
        }
        if (isCharacterDevice(path) && Files.isReadable(path)) {
            synchronized (this) {
                if (device == null || !device.usable()) {
                    device = new HeldDevice(path);
                }
                return device.link();
            }
        }
        OutputStream out = new FileOutputStream(path.toFile(), true);
        return new WriteOnlyLink(out);
    }

    @Override
    public String name() {
        return path.toString();
    }

    private static boolean isCharacterDevice(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode");
            return mode instanceof Integer m && (m & S_IFMT) == S_IFCHR;
        } catch (UnsupportedOperationException | IOException e) {
            LOG.debug("cannot read the file type of {}; writing only", path, e);
            return false;
        }
    }

    private record WriteOnlyLink(OutputStream output) implements PrinterLink {
        @Override
        public boolean canReadBack() {
            return false;
        }

        @Override
        public int readByte(Duration timeout) {
            return -1;
        }

        @Override
        public void close() throws IOException {
            output.close();
        }
    }

    /** Closes the device if it is held open. */
    @Override
    public synchronized void close() {
        if (device != null) {
            device.shutDown();
            device = null;
        }
    }

    /**
     * A character device held open between jobs, read and written through one descriptor. A read on a
     * device blocks without a timeout and a close does not wake it, so one daemon thread for the life
     * of the descriptor pumps the printer's answers into a queue that status requests wait on (a thread
     * per job would leave readers behind that steal the next job's answers). A failed write or read
     * closes it; the next job opens the device again (after a replug it is a new device).
     */
    private static final class HeldDevice {
        private final RandomAccessFile file;
        private final Path path;
        private final BlockingQueue<Integer> answers = new ArrayBlockingQueue<>(256);
        private final OutputStream output;
        private volatile boolean broken;

        HeldDevice(Path path) throws IOException {
            this.path = path;
            this.file = new RandomAccessFile(path.toFile(), "rw");
            this.output = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    try {
                        file.write(b, off, len);
                    } catch (IOException e) {
                        shutDown();
                        throw e;
                    }
                }
            };
            Thread pump = new Thread(this::pumpAnswers, "printer-answers " + path);
            pump.setDaemon(true);
            pump.start();
        }

        boolean usable() {
            return !broken;
        }

        PrinterLink link() {
            answers.clear(); // answers nobody waited for belong to no one now
            return new PrinterLink() {
                @Override
                public OutputStream output() {
                    return output;
                }

                @Override
                public boolean canReadBack() {
                    return true;
                }

                @Override
                public int readByte(Duration timeout) throws IOException {
                    try {
                        Integer answer = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                        return answer == null ? -1 : answer;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while waiting for " + path + " to answer", e);
                    }
                }

                @Override
                public void close() {
                    // the device stays open for the next job
                }
            };
        }

        private void pumpAnswers() {
            byte[] buffer = new byte[64];
            try {
                int read;
                while ((read = file.read(buffer)) >= 0) {
                    for (int i = 0; i < read; i++) {
                        if (!answers.offer(buffer[i] & 0xFF)) {
                            LOG.warn("{} sent more than {} unread bytes; dropping them", path, answers.size());
                        }
                    }
                }
                LOG.info("{} reached its end (unplugged?); it is opened again for the next job", path);
            } catch (IOException e) {
                if (!broken) {
                    LOG.warn("reading answers from {} failed (unplugged?); it is opened again for the next job", path, e);
                }
            } finally {
                shutDown();
            }
        }

        void shutDown() {
            broken = true;
            try {
                file.close();
            } catch (IOException e) {
                LOG.warn("closing {} failed", path, e);
            }
        }
    }
}
