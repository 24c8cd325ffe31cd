package pos.app.reports;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a report as a CSV file into the exports folder (issue 12 point 8: every report exportable as CSV):
 * {@code <data directory>/exports/<name>-<yyyyMMdd-HHmmss>.csv}, UTF-8 with a byte order mark and CRLF line ends so
 * a spreadsheet opens it as it is; written to a temporary file and moved into place, so a half-written export never
 * shows. Stateless apart from its folder; thread-safe. Does disk writes: call it off the UI thread.
 */
public final class ReportExports {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path folder;
    private final Clock clock;

    /** Exports into {@code folder} (created when the first export is written), stamped with {@code clock}'s local time. */
    public ReportExports(Path folder, Clock clock) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Exports into {@code dataDir}/exports. */
    public static ReportExports inDataDir(Path dataDir, Clock clock) {
        return new ReportExports(dataDir.resolve("exports"), clock);
    }

    public Path folder() {
        return folder;
    }

    /**
     * Writes {@code table}'s header and CSV rows as {@code name}-stamp.csv and answers the file.
     *
     * @throws UnableToExportReportException naming the file and the reason when it cannot be written
     */
    public Path write(String name, ReportTable table) {
        Objects.requireNonNull(name, "name");
        String stamp = STAMP.format(clock.instant().atZone(clock.getZone()));
        Path file = folder.resolve(name + "-" + stamp + ".csv");
        Path partial = folder.resolve(file.getFileName() + ".partial");
        try {
            Files.createDirectories(folder);
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                out.write('\ufeff'); // before the header: a spreadsheet reads UTF-8 only with a byte order mark
                CSVPrinter csv = new CSVPrinter(out, CSVFormat.EXCEL.builder()
                        .setHeader(table.header().toArray(String[]::new)).get());
                for (List<String> row : table.csv()) {
                    csv.printRecord(row);
                }
                csv.flush();
            }
            return Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new UnableToExportReportException("cannot write the report export " + file + ": " + e.getMessage(), e);
        }
    }

    /** A report export could not be written; the message names the file and why. */
    public static final class UnableToExportReportException extends RuntimeException {
        public UnableToExportReportException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
