package pos.device.printer;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import pos.core.receipt.PaperWidth;

/**
 * Which receipt printer this till uses, kept in {@code printer.properties} in the till's data
 * directory. Immutable.
 *
 * @param kind     how the printer is reached
 * @param address  DEVICE_FILE: the path ({@code /dev/usb/lp0}); NETWORK: {@code host} or {@code host:port}
 *                 (port 9100 when left out); CUPS: the queue name; SERIAL: the port ({@code /dev/ttyUSB0},
 *                 {@code COM3}); NONE: empty
 * @param baudRate the serial speed (SERIAL only; 9600, 19200, 38400, 115200 are common)
 * @param paper    58 or 80 mm
 * @param gbk      print Chinese through the printer's GBK mode
 */
public record PrinterSettings(Kind kind, String address, int baudRate, PaperWidth paper, boolean gbk) {

    public static final String FILE_NAME = "printer.properties";
    public static final int DEFAULT_BAUD_RATE = 9600;

    /** How the printer is reached. */
    public enum Kind { NONE, DEVICE_FILE, NETWORK, CUPS, SERIAL }

    public PrinterSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(paper, "paper");
        address = address == null ? "" : address.strip();
        if (kind != Kind.NONE && address.isEmpty()) {
            throw new IllegalArgumentException("a " + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " printer needs an address");
        }
        if (baudRate <= 0) {
            throw new IllegalArgumentException("the serial speed must be positive, not " + baudRate);
        }
    }

    /** No printer, 80 mm paper, GBK on. */
    public static PrinterSettings none() {
        return new PrinterSettings(Kind.NONE, "", DEFAULT_BAUD_RATE, PaperWidth.MM80, true);
    }

    /** The settings in {@code dataDirectory/printer.properties}, or {@link #none()} when there is no such file. */
    public static PrinterSettings load(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return none();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("the printer settings in " + file + " could not be read", e);
        }
        try {
            return new PrinterSettings(
                    Kind.valueOf(properties.getProperty("printer.kind", "NONE").strip().toUpperCase(Locale.ROOT)),
                    properties.getProperty("printer.address", ""),
                    Integer.parseInt(properties.getProperty("printer.baud", String.valueOf(DEFAULT_BAUD_RATE)).strip()),
                    PaperWidth.ofMillimetres(Integer.parseInt(properties.getProperty("printer.paper.mm", "80").strip())),
                    Boolean.parseBoolean(properties.getProperty("printer.gbk", "true").strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the printer settings in " + file + " are not valid: " + e.getMessage(), e);
        }
    }

    /** Writes {@code dataDirectory/printer.properties} (a temporary file moved over the old one). */
    public void save(Path dataDirectory) {
        Properties properties = new Properties();
        properties.setProperty("printer.kind", kind.name());
        properties.setProperty("printer.address", address);
        properties.setProperty("printer.baud", String.valueOf(baudRate));
        properties.setProperty("printer.paper.mm", String.valueOf(paper.millimetres()));
        properties.setProperty("printer.gbk", String.valueOf(gbk));
        Path file = dataDirectory.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDirectory);
            Path temporary = Files.createTempFile(dataDirectory, FILE_NAME, ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, "receipt printer of this till");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("the printer settings could not be saved to " + file, e);
        }
    }
}
