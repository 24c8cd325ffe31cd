package pos.testkit.printer;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.RandomAccessFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.testkit.TestkitException;

/**
 * A virtual ESC/POS receipt printer for tests: it keeps every byte it is sent, decodes the commands
 * into {@link EscPosEvent}s ({@link EscPosDecoder}) and answers the real-time status request DLE EOT n
 * as ESC/POS specifies. It listens on a free TCP port on 127.0.0.1 ({@link #onTcp()}), one connection
 * a job like a printer's raw port 9100, or reads a named pipe ({@link #onNamedPipe(Path)}) or a plain
 * file ({@link #onFile(Path)}) as a USB device file stands in (those cannot answer).
 *
 * <p>Knobs: {@link #offline(boolean)} refuses connections (the port is closed) and answers "offline";
 * {@link #paperOut(boolean)} and {@link #coverOpen(boolean)} answer offline with that cause.
 *
 * <p>Thread-safe: its server threads write, tests read at any time.
 */
public final class VirtualEscPosPrinter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualEscPosPrinter.class);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final List<List<EscPosEvent>> jobs = new ArrayList<>();
    private final Set<List<EscPosEvent>> unfinishedJobs = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final List<Integer> statusRequests = new ArrayList<>();
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final Path file;
    private final boolean plainFile;
    private Process serialLine;
    private Path tillSide;
    private volatile long lastByteNanos = System.nanoTime();

    private volatile boolean offline;
    private volatile boolean paperOut;
    private volatile boolean coverOpen;
    private volatile boolean closed;
    private volatile ServerSocket server;
    private volatile int port;
    private Thread worker;

    private VirtualEscPosPrinter(Path file, boolean plainFile) {
        this.file = file;
        this.plainFile = plainFile;
    }

    /** A printer on a free TCP port of 127.0.0.1. */
    public static VirtualEscPosPrinter onTcp() {
        VirtualEscPosPrinter printer = new VirtualEscPosPrinter(null, false);
        printer.listen(0);
        return printer;
    }

    /** A printer reading a named pipe it makes at {@code fifo} (mkfifo); each writer's open-to-close is a job. */
    public static VirtualEscPosPrinter onNamedPipe(Path fifo) {
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
            if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
                throw new TestkitException("mkfifo " + fifo + " failed: " + new String(mkfifo.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new TestkitException("mkfifo " + fifo + " could not be run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestkitException("interrupted making the named pipe " + fifo, e);
        }
        VirtualEscPosPrinter printer = new VirtualEscPosPrinter(fifo, false);
        printer.worker = new Thread(printer::readPipe, "virtual-printer " + fifo);
        printer.worker.setDaemon(true);
        printer.worker.start();
        return printer;
    }

    /**
     * A printer on a serial line: a pair of linked pseudo-terminals made by socat in {@code directory};
     * the till opens {@link #tillSide()} (as a serial port, or as a read/write character device the way
     * a USB printer's device file is opened) and gets DLE EOT answers back. The line is one long job.
     */
    public static VirtualEscPosPrinter onSerialLine(Path directory) {
        Path till = directory.resolve("ttyTill");
        Path printerSide = directory.resolve("ttyPrinter");
        Process socat;
        try {
            socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + till, "pty,raw,echo=0,link=" + printerSide)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new TestkitException("socat could not be started for a virtual serial line (apt-get install socat)", e);
        }
        pos.testkit.internal.Reaper.adopt(socat.toHandle());
        VirtualEscPosPrinter printer = new VirtualEscPosPrinter(printerSide, false);
        printer.serialLine = socat;
        try {
            Awaitility.await("socat's pseudo-terminals in " + directory).atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> !socat.isAlive() || (Files.exists(till) && Files.exists(printerSide)));
            if (!socat.isAlive()) {
                throw new TestkitException("socat ended with " + socat.exitValue() + " before making the serial line in " + directory);
            }
            printer.tillSide = till.toRealPath();
        } catch (IOException e) {
            printer.close();
            throw new TestkitException("the virtual serial line in " + directory + " could not be resolved", e);
        }
        printer.worker = new Thread(printer::readSerialLine, "virtual-printer " + printerSide);
        printer.worker.setDaemon(true);
        printer.worker.start();
        return printer;
    }

    /** The device the till opens on a serial-line printer (a /dev/pts/N pseudo-terminal); null otherwise. */
    public Path tillSide() {
        return tillSide;
    }

    /** A printer whose paper is a plain file: everything written to it so far is decoded as one job on each read. */
    public static VirtualEscPosPrinter onFile(Path plainFile) {
        try {
            if (!Files.exists(plainFile)) {
                Files.createFile(plainFile);
            }
        } catch (IOException e) {
            throw new TestkitException("the virtual printer's file " + plainFile + " could not be made", e);
        }
        return new VirtualEscPosPrinter(plainFile, true);
    }

    /** The TCP port (0 for a pipe or file printer). */
    public int port() {
        return port;
    }

    /** "127.0.0.1:port", as a network printer's address. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** The pipe or file (null for a TCP printer). */
    public Path path() {
        return file;
    }

    /** Offline: the TCP port is closed (connections are refused) and status answers say offline. */
    public synchronized void offline(boolean offline) {
        this.offline = offline;
        if (file != null) {
            return;
        }
        if (offline) {
            closeServer();
        } else if (server == null || server.isClosed()) {
            listen(port);
        }
    }

    /** Paper out: status answers say offline, stopped at the paper end, roll paper end. */
    public void paperOut(boolean paperOut) {
        this.paperOut = paperOut;
    }

    /** Cover open: status answers say offline, cover open. */
    public void coverOpen(boolean coverOpen) {
        this.coverOpen = coverOpen;
    }

    /** The answer to DLE EOT n in the current state (ESC/POS real-time status; fixed bits 0x12). */
    public int statusAnswer(int n) {
        int answer = 0x12;
        boolean stopped = offline || paperOut || coverOpen;
        switch (n) {
            case 1 -> answer |= stopped ? 0x08 : 0;
            case 2 -> answer |= (coverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0);
            case 3 -> answer |= 0;
            case 4 -> answer |= paperOut ? 0x60 : 0;
            default -> {
                // no other n is defined; the fixed bits alone
            }
        }
        return answer;
    }

    /** Every byte received so far, across jobs. */
    public synchronized byte[] bytes() {
        if (plainFile) {
            return readPlainFile();
        }
        return bytes.toByteArray();
    }

    /** Every event decoded so far, in order. */
    public List<EscPosEvent> events() {
        return jobs().stream().flatMap(List::stream).toList();
    }

    /** The decoded events of each job (connection, pipe writer, or the whole plain file). */
    public synchronized List<List<EscPosEvent>> jobs() {
        if (plainFile) {
            List<EscPosEvent> events = new ArrayList<>();
            EscPosDecoder decoder = new EscPosDecoder(events::add, n -> { });
            byte[] content = readPlainFile();
            decoder.feed(content, 0, content.length);
            decoder.end();
            return List.of(List.copyOf(events));
        }
        return jobs.stream().map(List::copyOf).toList();
    }

    /** The n of every DLE EOT n received, in order. */
    public synchronized List<Integer> statusRequests() {
        return List.copyOf(statusRequests);
    }

    /**
     * The decoded stream split into pieces of paper at cuts; a drawer pulse after a cut belongs to
     * the receipt it follows, a job with only a pulse is a receipt of its own.
     */
    public List<Receipt> receipts() {
        List<Receipt> receipts = new ArrayList<>();
        for (List<EscPosEvent> job : jobs()) {
            List<EscPosEvent> current = new ArrayList<>();
            int firstOfJob = receipts.size();
            boolean cut = false;
            for (EscPosEvent event : job) {
                if (cut && Receipt.prints(event)) {
                    receipts.add(new Receipt(current));
                    current = new ArrayList<>();
                    cut = false;
                }
                current.add(event);
                if (event instanceof EscPosEvent.Cut) {
                    cut = true;
                }
            }
            if (!current.isEmpty()) {
                boolean printing = current.stream().anyMatch(Receipt::prints) || current.stream().anyMatch(EscPosEvent.Cut.class::isInstance);
                if (!printing && receipts.size() > firstOfJob) {
                    Receipt last = receipts.remove(receipts.size() - 1);
                    List<EscPosEvent> merged = new ArrayList<>(last.events());
                    merged.addAll(current);
                    receipts.add(new Receipt(merged));
                } else {
                    receipts.add(new Receipt(current));
                }
            }
        }
        return receipts;
    }

    /**
     * Waits (up to 10 s) until at least {@code count} receipts have come in and no job is still
     * arriving, then answers them all. A print call returns when its bytes are sent, before this
     * printer has read them.
     */
    public List<Receipt> awaitReceipts(int count) {
        Awaitility.await("receipt " + count + " on the virtual printer").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> allJobsFinished() && receipts().size() >= count);
        return receipts();
    }

    private synchronized boolean allJobsFinished() {
        if (serialLine != null) {
            // a serial line never ends: finished once it has been quiet for a while
            return System.nanoTime() - lastByteNanos > Duration.ofMillis(200).toNanos();
        }
        return plainFile || unfinishedJobs.isEmpty();
    }

    /** Forgets everything received (not the knobs). */
    public synchronized void clear() {
        bytes.reset();
        jobs.clear();
        unfinishedJobs.clear();
        statusRequests.clear();
        if (plainFile) {
            try {
                Files.write(file, new byte[0]);
            } catch (IOException e) {
                throw new TestkitException("clearing the virtual printer's file " + file + " failed", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeServer();
        for (Socket socket : openSockets) {
            closeQuietly(socket);
        }
        if (serialLine != null) {
            serialLine.destroy();
            pos.testkit.internal.Reaper.release(serialLine.toHandle());
            return;
        }
        if (file != null && !plainFile) {
            // a reader blocked opening the pipe wakes when a writer opens it; read/write never blocks on a pipe
            try (RandomAccessFile wake = new RandomAccessFile(file.toFile(), "rw")) {
                LOG.debug("woke the pipe reader of {} (descriptor valid: {})", file, wake.getFD().valid());
            } catch (IOException e) {
                LOG.debug("waking the pipe reader of {} failed", file, e);
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("the virtual printer's pipe {} could not be removed", file, e);
            }
        }
    }

    private void listen(int wantedPort) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wantedPort));
            server = socket;
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new TestkitException("the virtual printer could not listen on 127.0.0.1:" + wantedPort, e);
        }
        ServerSocket listening = server;
        Thread acceptor = new Thread(() -> accept(listening), "virtual-printer :" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket socket = listening.accept();
                openSockets.add(socket);
                Thread job = new Thread(() -> serve(socket), "virtual-printer job :" + port);
                job.setDaemon(true);
                job.start();
            } catch (SocketException e) {
                LOG.debug("virtual printer :{} stopped listening", port);
                return;
            } catch (IOException e) {
                LOG.warn("virtual printer :{} failed to accept a connection", port, e);
            }
        }
    }

    private void serve(Socket socket) {
        List<EscPosEvent> job = newJob();
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            EscPosDecoder decoder = new EscPosDecoder(event -> record(job, event), n -> answer(n, out));
            byte[] buffer = new byte[4096];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                received(buffer, read);
                decoder.feed(buffer, 0, read);
            }
            decoder.end();
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("virtual printer :{}: a connection ended with {}", port, e.toString());
            }
        } finally {
            openSockets.remove(socket);
            finished(job);
        }
    }

    private void answer(int n, OutputStream out) {
        synchronized (this) {
            statusRequests.add(n);
        }
        try {
            out.write(statusAnswer(n));
            out.flush();
        } catch (IOException e) {
            LOG.debug("virtual printer :{}: the status answer could not be sent", port, e);
        }
    }

    private void readPipe() {
        while (!closed) {
            List<EscPosEvent> job = null;
            try (InputStream in = new FileInputStream(file.toFile())) {
                EscPosDecoder decoder = null;
                byte[] buffer = new byte[4096];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (job == null) {
                        List<EscPosEvent> thisJob = newJob();
                        job = thisJob;
                        decoder = new EscPosDecoder(event -> record(thisJob, event), n -> recordStatusRequest(n));
                    }
                    received(buffer, read);
                    decoder.feed(buffer, 0, read);
                }
                if (decoder != null) {
                    decoder.end();
                    finished(job);
                }
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("virtual printer {}: reading the pipe failed", file, e);
                }
                return;
            }
        }
    }

    private void readSerialLine() {
        try (RandomAccessFile line = new RandomAccessFile(file.toFile(), "rw")) {
            List<EscPosEvent> job = newJob();
            OutputStream answers = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    line.write(b);
                }
            };
            EscPosDecoder decoder = new EscPosDecoder(event -> record(job, event), n -> answer(n, answers));
            byte[] buffer = new byte[4096];
            int read;
            while (!closed && (read = line.read(buffer)) >= 0) {
                received(buffer, read);
                decoder.feed(buffer, 0, read);
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("virtual printer {}: reading the serial line failed", file, e);
            }
        }
    }

    private synchronized void recordStatusRequest(int n) {
        statusRequests.add(n);
    }

    private synchronized List<EscPosEvent> newJob() {
        List<EscPosEvent> job = new ArrayList<>();
        jobs.add(job);
        unfinishedJobs.add(job);
        return job;
    }

    private synchronized void finished(List<EscPosEvent> job) {
        unfinishedJobs.remove(job);
    }

    private synchronized void record(List<EscPosEvent> job, EscPosEvent event) {
        job.add(event);
    }

    private synchronized void received(byte[] buffer, int length) {
        lastByteNanos = System.nanoTime();
        bytes.write(buffer, 0, length);
    }

    private byte[] readPlainFile() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TestkitException("the virtual printer's file " + file + " could not be read", e);
        }
    }

    private synchronized void closeServer() {
        if (server != null) {
            closeQuietly(server);
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed", closeable, e);
        }
    }
}
