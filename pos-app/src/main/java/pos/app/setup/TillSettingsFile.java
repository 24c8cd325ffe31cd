package pos.app.setup;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The till's configuration file as the first-run set-up reads and writes it (issue 14): the settings the set-up
 * asks for, each under a comment naming it, then every other setting the file held, kept as it was. Written
 * atomically (a temporary file beside it, then moved over it), UTF-8, so that a till stopped half-way never finds
 * half a file; {@link pos.app.config.ConfigLoader} reads it back. Not thread-safe.
 */
public final class TillSettingsFile {

    /** The settings the set-up writes, in the file's order, each with the comment written above it. */
    static final Map<String, String> WRITTEN = new LinkedHashMap<>();

    static {
        WRITTEN.put("pos.locale", "the language and the money and date formats (zh-CN: Simplified Chinese; en-US, en-GB, ...)");
        WRITTEN.put("pos.store.name", "the store's name at the top of every receipt");
        WRITTEN.put("pos.store.address", "the store's address on receipts; lines separated by |");
        WRITTEN.put("pos.store.taxNumber", "the store's tax number, printed under the address");
        WRITTEN.put("pos.till.id", "this till's name in the store, in every sale record");
        WRITTEN.put("pos.hub.url", "the store hub, e.g. http://10.0.0.5:8480 (empty: no hub)");
        WRITTEN.put("pos.catalog", "the catalog CSV the till sells from (empty: the bundled demo catalog)");
        WRITTEN.put("pos.demo", "demo mode: the sandbox's published PIN and voucher keys are allowed and the status bar says"
                + " so;\n# set false once pos.gateway.pinKey and pos.voucher.keys are your store's");
    }

    private final Path file;
    private final Map<String, String> values;

    private TillSettingsFile(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    /** The file's settings, or none when it does not exist yet. */
    public static TillSettingsFile open(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            try {
                String textOfFile = Files.readString(file, StandardCharsets.UTF_8);
                Properties properties = new Properties();
                try (Reader reader = new StringReader(textOfFile)) {
                    properties.load(reader);
                }
                // the file's own order, which Properties forgets
                for (String line : textOfFile.split("\n")) {
                    String key = keyOf(line);
                    if (key != null && properties.containsKey(key)) {
                        values.putIfAbsent(key, properties.getProperty(key));
                    }
                }
                properties.stringPropertyNames().forEach(key -> values.putIfAbsent(key, properties.getProperty(key)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the configuration file " + file + ": " + e.getMessage(), e);
            }
        }
        return new TillSettingsFile(file, values);
    }

    private static String keyOf(String line) {
        String stripped = line.strip();
        if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith("!")) {
            return null;
        }
        int end = 0;
        while (end < stripped.length() && "=: \t".indexOf(stripped.charAt(end)) < 0) {
            end++;
        }
        return stripped.substring(0, end);
    }

    public Path file() {
        return file;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Sets {@code key}; an empty or null value removes it (the default applies). */
    public void set(String key, String value) {
        if (value == null || value.isBlank()) {
            values.remove(key);
        } else {
            values.put(key, value.strip());
        }
    }

    /** All settings, in the order they will be written after the set-up's own. */
    public Map<String, String> values() {
        return Map.copyOf(values);
    }

    /** Writes the file: a temporary file in the same directory, then moved over the old one. */
    public void save() {
        StringBuilder out = new StringBuilder();
        out.append("# Countertop POS till configuration, written by the first-run set-up (issue 14).\n")
                .append("# Read by ./pos till (--config FILE, or till.properties in the data directory);\n")
                .append("# the environment (POS_*) and the command line override it. See README.md, Configuration.\n");
        WRITTEN.forEach((key, comment) -> {
            if (values.containsKey(key)) {
                out.append('\n').append("# ").append(key).append(": ").append(comment).append('\n');
                out.append(key).append('=').append(escape(values.get(key))).append('\n');
            }
        });
        boolean first = true;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (WRITTEN.containsKey(entry.getKey())) {
                continue;
            }
            if (first) {
                out.append("\n# other settings, kept as they were\n");
                first = false;
            }
            out.append(escapeKey(entry.getKey())).append('=').append(escape(entry.getValue())).append('\n');
        }
        try {
            AtomicFiles.replace(file, new java.io.ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    /** A value as {@link Properties#load(Reader)} reads it back: backslashes, line breaks and a leading space escaped. */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                case ' ' -> escaped.append(i == 0 ? "\\ " : " ");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String escapeKey(String key) {
        return escape(key).replace("=", "\\=").replace(":", "\\:").replace(" ", "\\ ").replace("#", "\\#");
    }
}
