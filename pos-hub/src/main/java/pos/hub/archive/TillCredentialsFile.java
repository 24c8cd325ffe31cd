package pos.hub.archive;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import pos.contract.auth.SecretFiles;
import pos.contract.auth.TillCredential;
import pos.contract.auth.TillKeys;

/**
 * The tills a hub or a stand-alone archiver knows, from a file only its owner may read (chmod 600):
 * one till credential per line as {@code ./pos hub tills add} prints it; blank lines and lines
 * starting with {@code #} are skipped. For a hub without the MariaDB registry of tills. Stateless.
 */
public final class TillCredentialsFile {

    private TillCredentialsFile() {
    }

    /**
     * The tills in {@code file}.
     *
     * @throws pos.contract.auth.UnableToReadSecretException if the file is unsafe or a line is not a credential
     *         (the message names the line number, never its content)
     */
    public static TillKeys read(Path file) {
        String text = SecretFiles.read(file, "the tills' credentials");
        List<TillCredential> credentials = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                credentials.add(TillCredential.parse(line));
            } catch (pos.contract.auth.UnableToReadSecretException e) {
                throw new pos.contract.auth.UnableToReadSecretException("the tills' credentials: line " + (i + 1) + " of "
                        + file + ": " + e.getMessage(), e);
            }
        }
        return TillKeys.of(credentials.toArray(TillCredential[]::new));
    }

    /** Writes {@code credentials} to a new 0600 file in this format. */
    public static void write(Path file, List<TillCredential> credentials) {
        StringBuilder text = new StringBuilder("# till credentials, one a line (keep this file chmod 600)\n");
        credentials.forEach(c -> text.append(c.text()).append('\n'));
        SecretFiles.write(file, text.toString().strip(), "the tills' credentials");
    }
}
