package pos.testkit.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Reads the end of a server's log for error messages. Stateless, thread-safe. */
public final class LogTail {

    private static final int MAX_BYTES = 16 * 1024;

    private LogTail() {
    }

    /** @return the size of the file, or 0 when it does not exist yet */
    public static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0L;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot stat " + file, e);
        }
    }

    /**
     * Returns what was appended to {@code file} after {@code offset}, at most the last 16 KiB.
     *
     * @return the text, empty when the file does not exist or nothing was appended
     */
    public static String since(Path file, long offset) {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long from = Math.max(offset, length - MAX_BYTES);
            if (from >= length) {
                return "";
            }
            byte[] bytes = new byte[(int) (length - from)];
            in.seek(from);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    /**
     * Formats the last {@code lines} lines of each file appended after the given offsets, for an
     * error message.
     *
     * @param files the log files
     * @param offsets for each file, the offset to read from (0 for the whole file)
     * @param lines the number of lines per file
     * @return a block of text naming each file, never null
     */
    public static String format(List<Path> files, List<Long> offsets, int lines) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < files.size(); i++) {
            String text = since(files.get(i), offsets.get(i));
            String[] all = text.split("\\R");
            String tail = Arrays.stream(all, Math.max(0, all.length - lines), all.length)
                    .collect(Collectors.joining("\n    "));
            out.append("\n  --- last lines of ").append(files.get(i)).append(" ---\n    ")
                    .append(tail.isBlank() ? "(empty)" : tail);
        }
        return out.toString();
    }
}
