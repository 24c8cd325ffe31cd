package pos.device.printer;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import pos.core.receipt.PrinterException;
import pos.core.receipt.PrinterFailedException;
import pos.core.receipt.PrinterOfflineException;
import pos.core.receipt.PrinterStatus;
import pos.core.receipt.ReceiptDocument;
import pos.core.receipt.ReceiptPrinter;

/**
 * An ESC/POS receipt printer (and its cash drawer) behind any {@link PrinterConnection}. Each job
 * opens a link, asks the printer's status first where the link can read back (nothing is sent to a
 * printer that is offline, out of paper or open), writes the whole rendered document in one go and
 * closes the link. Where the link cannot read back, the job is tried and a write failure reported.
 * Thread-safe: jobs and status requests on one printer run one at a time. Close it when the till
 * changes printer settings (a USB device file stays open between jobs).
 */
public final class EscPosReceiptPrinter implements ReceiptPrinter, AutoCloseable {

    /** How long the printer has to answer one DLE EOT request. */
    public static final Duration STATUS_ANSWER_TIMEOUT = Duration.ofMillis(1500);

    private final PrinterConnection connection;
    private final EscPosRenderer renderer;
    private final Duration answerTimeout;
    private final Object lock = new Object();

    public EscPosReceiptPrinter(PrinterConnection connection, boolean gbk) {
        this(connection, new EscPosRenderer(gbk), STATUS_ANSWER_TIMEOUT);
    }

    public EscPosReceiptPrinter(PrinterConnection connection, EscPosRenderer renderer, Duration answerTimeout) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.answerTimeout = Objects.requireNonNull(answerTimeout, "answerTimeout");
    }

    @Override
    public void print(ReceiptDocument document) {
        byte[] job = renderer.render(document);
        synchronized (lock) {
            PrinterLink link = openLink();
            try (link) {
                if (link.canReadBack()) {
                    PrinterException refusal = PrinterException.forStatus(ask(link), name());
                    if (refusal != null) {
                        throw refusal;
                    }
                }
                link.output().write(job);
                link.finish();
            } catch (PrinterSetupException e) {
                throw new PrinterFailedException(name(), e.getMessage(), e);
            } catch (IOException e) {
                throw new PrinterOfflineException(name(), e);
            }
        }
    }

    @Override
    public PrinterStatus status() {
        synchronized (lock) {
            PrinterLink link;
            try {
                link = connection.open();
            } catch (IOException e) {
                return PrinterStatus.OFFLINE;
            }
            try (link) {
                return link.canReadBack() ? ask(link) : PrinterStatus.NONE;
            } catch (IOException e) {
                return PrinterStatus.OFFLINE;
            }
        }
    }

    @Override
    public String name() {
        return connection.name();
    }

    /** Lets go of the connection (a USB device is held open between jobs): call it before using other settings. */
    @Override
    public void close() {
        synchronized (lock) {
            connection.close();
        }
    }

    private PrinterLink openLink() {
        try {
            return connection.open();
        } catch (PrinterSetupException e) {
            throw new PrinterFailedException(name(), e.getMessage(), e);
        } catch (IOException e) {
            throw new PrinterOfflineException(name(), e);
        } catch (RuntimeException e) {
            throw new PrinterFailedException(name(), "its connection could not be opened (" + e.getMessage() + ")", e);
        }
    }

    /** DLE EOT 1, and when offline DLE EOT 2 and 4 for the cause. */
    private PrinterStatus ask(PrinterLink link) throws IOException {
        int printer = request(link, EscPosStatus.PRINTER);
        if (!EscPosStatus.isAnswer(printer) || !EscPosStatus.offline(printer)) {
            return EscPosStatus.decide(printer, -1, -1);
        }
        int cause = request(link, EscPosStatus.OFFLINE_CAUSE);
        int paper = request(link, EscPosStatus.ROLL_PAPER);
        return EscPosStatus.decide(printer, cause, paper);
    }

    private int request(PrinterLink link, int n) throws IOException {
        link.output().write(EscPosStatus.request(n));
        link.output().flush();
        long deadline = System.nanoTime() + answerTimeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return -1;
            }
            int b = link.readByte(Duration.ofNanos(left));
            if (b < 0 || EscPosStatus.isAnswer(b)) {
                return b;
            }
            // not a status byte (e.g. an automatic status report): keep waiting for the answer
        }
    }
}
