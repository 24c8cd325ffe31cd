package pos.app.start;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * What {@code pos till -V} prints (issue 14 point 5: it printed an empty line): the till's version, written into
 * {@code till-version.properties} by the build, and the Java it runs on.
 */
public final class TillVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"Countertop POS till " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("java.vendor") + ")"};
    }

    /** The till's version, e.g. {@code 0.1.0-SNAPSHOT}; says so when the build did not write it. */
    public static String version() {
        try (InputStream in = TillVersion.class.getResourceAsStream("till-version.properties")) {
            if (in == null) {
                return "(unknown: this build has no till-version.properties)";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").strip();
            return version.isEmpty() || version.startsWith("${") ? "(unknown: the build did not fill in the version)" : version;
        } catch (IOException e) {
            return "(unknown: till-version.properties could not be read: " + e.getMessage() + ")";
        }
    }
}
