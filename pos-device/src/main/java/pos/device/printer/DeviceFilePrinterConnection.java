package pos.device.printer;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * or, for tests, a named pipe or plain file. A character device is opened read/write, once (the usblp
 * driver allows one open), so the printer's DLE EOT answers can be read; a pipe or plain file is only
 * written (appended). Thread-safe.
 */
public final class DeviceFilePrinterConnection implements PrinterConnection {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceFilePrinterConnection.class);
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    private final Path path;

    public DeviceFilePrinterConnection(Path path) {
        this.path = path;
    }

    @Override
    public PrinterLink open() throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such device (is the printer plugged in and switched on?)");
        }
        if (!Files.isWritable(path)) {
            throw new IOException(path + " is not writable by this user (add the user to the 'lp' group)");
        }
        if (isCharacterDevice(path) && Files.isReadable(path)) {
            return new ReadWriteLink(new RandomAccessFile(path.toFile(), "rw"), path);
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

    /**
     * A device read and written through one descriptor. Reads block without a timeout on a device,
     * so a daemon thread pumps the answers into a queue and readers wait on the queue.
     */
    private static final class ReadWriteLink implements PrinterLink {
        private final RandomAccessFile file;
        private final OutputStream output;
        private final BlockingQueue<Integer> answers = new ArrayBlockingQueue<>(256);
        private final Path path;
        private Thread pump;

        ReadWriteLink(RandomAccessFile file, Path path) {
            this.file = file;
            this.path = path;
            this.output = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    file.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    file.write(b, off, len);
                }
            };
        }

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
            if (pump == null) {
                pump = new Thread(this::pumpAnswers, "printer-answers " + path);
                pump.setDaemon(true);
                pump.start();
            }
            try {
                Integer answer = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return answer == null ? -1 : answer;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + path + " to answer", e);
            }
        }

        private void pumpAnswers() {
            try (InputStream in = new InputStream() {
                @Override
                public int read() throws IOException {
                    return file.read();
                }
            }) {
                int b;
                while ((b = in.read()) >= 0) {
                    if (!answers.offer(b)) {
                        LOG.warn("{} sent more than {} unread status bytes; dropping them", path, answers.size());
                    }
                }
            } catch (IOException e) {
                // closing the link ends the pump this way
                LOG.debug("reading answers from {} ended", path, e);
            }
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
