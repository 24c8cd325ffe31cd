package pos.device.printer;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A printer on a serial port (jSerialComm), 8 data bits, no parity, 1 stop bit, at the configured
 * speed. Status is read back with a read timeout.
 *
 * <p>The port is opened on the first job and held open from job to job ({@link #close()} lets it go),
 * as the device file of a USB printer is: closing a serial port throws away the bytes the operating
 * system has not sent yet (at 19200 baud a receipt takes a second or more on the wire), and the till
 * owns its printer's port anyway. A link's {@code close()} waits until what it wrote has left; a port
 * that fails is closed and opened again on the next job. Thread-safe: one job at a time holds the port.
 */
public final class SerialPrinterConnection implements PrinterConnection {

    private static final Logger LOG = LoggerFactory.getLogger(SerialPrinterConnection.class);
    private static final int WRITE_TIMEOUT_MILLIS = 10_000;

    private final String portName;
    private final int baudRate;
    private SerialPort port; // guarded by this

    public SerialPrinterConnection(String portName, int baudRate) {
        this.portName = portName;
        this.baudRate = baudRate;
    }

    @Override
    public synchronized PrinterLink open() throws IOException {
        if (port == null || !port.isOpen()) {
            SerialPort opened = SerialPort.getCommPort(portName);
            opened.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
            opened.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
            opened.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING | SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 1000,
                    WRITE_TIMEOUT_MILLIS);
            if (!opened.openPort()) {
                throw new IOException("serial port " + portName + " could not be opened (missing, in use, or no permission:"
                        + " is the user in the 'dialout' group?), error " + opened.getLastErrorCode());
            }
            port = opened;
        } else {
            // Whatever a printer sent between jobs (a late status answer) is not an answer to this job's questions.
            port.flushIOBuffers();
        }
        return new SerialLink(this, port);
    }

    @Override
    public String name() {
        return "serial " + portName + " at " + baudRate + " baud";
    }

    /** Closes the port if it is held open. */
    @Override
    public synchronized void close() {
        if (port != null) {
            port.closePort();
            port = null;
        }
    }

    private synchronized void failed(SerialPort failedPort) {
        if (port == failedPort) {
            LOG.warn("Serial printer {}: the port failed; it is opened again on the next job", portName);
            close();
        }
    }

    private static final class SerialLink implements PrinterLink {
        private final SerialPrinterConnection connection;
        private final SerialPort port;
        private final OutputStream output;
        private boolean failed;

        SerialLink(SerialPrinterConnection connection, SerialPort port) {
            this.connection = connection;
            this.port = port;
            OutputStream raw = port.getOutputStream();
            this.output = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    guarded(() -> raw.write(b));
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    guarded(() -> raw.write(b, off, len));
                }

                @Override
                public void flush() throws IOException {
                    guarded(raw::flush);
                }
            };
        }

        private interface Io {
            void run() throws IOException;
        }

        private void guarded(Io io) throws IOException {
            try {
                io.run();
            } catch (IOException e) {
                failed = true;
                throw e;
            }
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
            port.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING | SerialPort.TIMEOUT_READ_SEMI_BLOCKING,
                    (int) Math.max(1, timeout.toMillis()), WRITE_TIMEOUT_MILLIS);
            byte[] one = new byte[1];
            int read = port.readBytes(one, 1);
            if (read < 0) {
                failed = true;
                throw new IOException("reading from " + port.getSystemPortName() + " failed, error " + port.getLastErrorCode());
            }
            return read == 0 ? -1 : one[0] & 0xFF;
        }

        /**
         * Waits (bounded by the time the bytes need at this speed plus the write timeout) until the operating
         * system has sent what was written, and keeps the port open for the next job; a failed port is let go.
         */
        @Override
        public void close() {
            try {
                long pending = Math.max(0, port.bytesAwaitingWrite());
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
                        WRITE_TIMEOUT_MILLIS + pending * 10_000 / Math.max(1, port.getBaudRate()));
                while (port.bytesAwaitingWrite() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                if (port.bytesAwaitingWrite() > 0) {
                    failed = true;
                    LOG.warn("Serial printer {}: {} bytes were still not sent after the write timeout", port.getSystemPortName(),
                            port.bytesAwaitingWrite());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("Serial printer {}: interrupted while the last bytes were sent", port.getSystemPortName());
            } finally {
                if (failed) {
                    connection.failed(port);
                }
            }
        }
    }
}
