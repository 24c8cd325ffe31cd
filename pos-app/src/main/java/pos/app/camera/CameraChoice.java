package pos.app.camera;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The camera chosen in the till's settings, kept in {@code camera.properties} in the data
 * directory, so the choice survives a restart. Used when {@code pos.webcam=auto}; a camera named in
 * the configuration wins over it.
 */
public final class CameraChoice {

    public static final String FILE_NAME = "camera.properties";
    private static final String KEY = "camera";

    private final Path file;

    public CameraChoice(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    /** The saved camera's name, if one was chosen. */
    public Optional<String> saved() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chosen camera from " + file + ": " + e.getMessage(), e);
        }
        return Optional.ofNullable(properties.getProperty(KEY)).filter(name -> !name.isBlank());
    }

    /** Saves the choice (written to a temporary file, then moved over the old one). */
    public void save(String camera) {
        Properties properties = new Properties();
        properties.setProperty(KEY, camera);
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            properties.store(out, "the camera chosen in the till's settings");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the chosen camera to " + temp + ": " + e.getMessage(), e);
        }
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the chosen camera to " + file + ": " + e.getMessage(), e);
        }
    }
}
