package pos.device.printer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import javax.print.DocFlavor;
import javax.print.DocPrintJob;
import javax.print.PrintException;
import javax.print.PrintService;
import javax.print.PrintServiceLookup;
import javax.print.SimpleDoc;
import javax.print.attribute.HashPrintRequestAttributeSet;
import javax.print.attribute.standard.JobName;

/**
 * A printer behind a CUPS queue set up as raw (no filter, so the ESC/POS bytes arrive untouched),
 * found by its name through javax.print. The job's bytes are collected and handed to the spooler on
 * {@link PrinterLink#finish()}. A spooler gives no printer status: {@link PrinterLink#canReadBack()} is
 * false. Thread-safe.
 */
public final class CupsPrinterConnection implements PrinterConnection {

    private final String queue;

    public CupsPrinterConnection(String queue) {
        this.queue = queue;
    }

    @Override
    public PrinterLink open() throws IOException {
        PrintService service = Arrays.stream(PrintServiceLookup.lookupPrintServices(null, null))
                .filter(s -> s.getName().equals(queue))
                .findFirst()
                .orElseThrow(() -> new PrinterSetupException("there is no print queue named '" + queue + "' (lpstat -p lists them)"));
        return new SpoolerLink(service);
    }

    @Override
    public String name() {
        return "CUPS queue " + queue;
    }

    private static final class SpoolerLink implements PrinterLink {
        private final PrintService service;
        private final ByteArrayOutputStream job = new ByteArrayOutputStream();

        SpoolerLink(PrintService service) {
            this.service = service;
        }

        @Override
        public OutputStream output() {
            return job;
        }

        @Override
        public boolean canReadBack() {
            return false;
        }

        @Override
        public int readByte(Duration timeout) {
            return -1;
        }

        @Override
        public void finish() throws IOException {
            DocPrintJob printJob = service.createPrintJob();
            HashPrintRequestAttributeSet attributes = new HashPrintRequestAttributeSet();
            attributes.add(new JobName("receipt", null));
            try {
                printJob.print(new SimpleDoc(job.toByteArray(), DocFlavor.BYTE_ARRAY.AUTOSENSE, null), attributes);
            } catch (PrintException e) {
                PrinterSetupException refused = new PrinterSetupException("the print queue '" + service.getName() + "' refused the job: " + e.getMessage());
                refused.initCause(e);
                throw refused;
            }
        }

        @Override
        public void close() {
            job.reset();
        }
    }
}
