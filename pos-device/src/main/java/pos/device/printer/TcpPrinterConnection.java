package pos.device.printer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network printer on its raw port (9100, "JetDirect"): one TCP connection per job or status
 * request, a 3 s connect timeout, and a write timeout (a socket write has none of its own, so a
 * watchdog closes a socket whose job has not gone through in time, e.g. a printer whose buffer stays
 * full). Thread-safe.
 */
public final class TcpPrinterConnection implements PrinterConnection {

    public static final int RAW_PORT = 9100;
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(TcpPrinterConnection.class);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "printer-write-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final Duration writeTimeout;

    public TcpPrinterConnection(String host, int port) {
        this(host, port, CONNECT_TIMEOUT, WRITE_TIMEOUT);
    }

    public TcpPrinterConnection(String host, int port, Duration connectTimeout, Duration writeTimeout) {
        this.host = host;
        this.port = port;
        this.connectTimeout = connectTimeout;
        this.writeTimeout = writeTimeout;
    }

    /** "host" or "host:port" (port 9100 when left out). */
    public static TcpPrinterConnection parse(String address) {
        String trimmed = address.strip();
        int colon = trimmed.lastIndexOf(':');
        if (colon > 0 && trimmed.indexOf(':') == colon) {
            try {
                return new TcpPrinterConnection(trimmed.substring(0, colon), Integer.parseInt(trimmed.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a network printer's address is host or host:port, not '" + address + "'", e);
            }
        }
        return new TcpPrinterConnection(trimmed, RAW_PORT);
    }

    @Override
    public PrinterLink open() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
        } catch (IOException e) {
            socket.close();
            throw new IOException(name() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        return new SocketLink(socket);
    }

    @Override
    public String name() {
        return "tcp " + host + ":" + port;
    }

    private final class SocketLink implements PrinterLink {
        private final Socket socket;
        private final OutputStream output;

        SocketLink(Socket socket) throws IOException {
            this.socket = socket;
            OutputStream raw = socket.getOutputStream();
            this.output = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    ScheduledFuture<?> watchdog = WATCHDOG.schedule(SocketLink.this::abort, writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
                    try {
                        raw.write(b, off, len);
                    } catch (IOException e) {
                        throw new IOException(name() + ": the job did not go through within " + writeTimeout.toSeconds() + " s", e);
                    } finally {
                        watchdog.cancel(false);
                    }
                }

                @Override
                public void flush() throws IOException {
                    raw.flush();
                }
            };
        }

        private void abort() {
            LOG.warn("{}: a write took longer than {}; closing the connection", name(), writeTimeout);
            try {
                socket.close();
            } catch (IOException e) {
                LOG.warn("{}: closing a stuck connection failed", name(), e);
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

        /** Sends the job's end (FIN) before the close, so the printer takes every byte before the connection goes. */
        @Override
        public void finish() throws IOException {
            output.flush();
            socket.shutdownOutput();
        }

        @Override
        public int readByte(Duration timeout) throws IOException {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            try {
                return socket.getInputStream().read();
            } catch (SocketTimeoutException e) {
                return -1;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
