package pos.core.people;

import java.util.Arrays;
import java.util.Objects;

/**
 * An enrolled fingerprint as the store keeps it: whose it is, which finger, which driver/device
 * type made it (a print only matches on a reader of the same type; another type asks for
 * re-enrolment), and the driver's template bytes, opaque here. The fingerprint driver's own type
 * ({@code pos.core.biometric}) converts to and from these bytes. {@link #toString()} never shows
 * the template. Immutable (copies the bytes in and out); thread-safe.
 *
 * @param personId   the clerk's or member's id
 * @param personKind clerk or member
 * @param finger     the finger's name, e.g. "right-index"
 * @param driver     the driver/device type, e.g. "libfprint/virtual_image"
 * @param template   the driver's serialized print
 */
public record StoredPrint(String personId, PersonKind personKind, String finger, String driver, byte[] template) {

    public StoredPrint {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(personKind, "personKind");
        Objects.requireNonNull(finger, "finger");
        Objects.requireNonNull(driver, "driver");
        if (finger.isBlank() || driver.isBlank()) {
            throw new IllegalArgumentException("a stored print names its finger and its driver");
        }
        if (finger.contains("|") || driver.contains("|")) {
            throw new IllegalArgumentException("a finger or driver name has no '|'");
        }
        Objects.requireNonNull(template, "template");
        if (template.length == 0) {
            throw new IllegalArgumentException("an empty print template");
        }
        template = template.clone();
    }

    /** A copy of the template bytes. */
    @Override
    public byte[] template() {
        return template.clone();
    }

    /** Whether this print was made by {@code otherDriver} and can be matched on it. */
    public boolean isFor(String otherDriver) {
        return driver.equals(otherDriver);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredPrint p && personId.equals(p.personId) && personKind == p.personKind
                && finger.equals(p.finger) && driver.equals(p.driver) && Arrays.equals(template, p.template);
    }

    @Override
    public int hashCode() {
        return Objects.hash(personId, personKind, finger, driver, Arrays.hashCode(template));
    }

    @Override
    public String toString() { // never the template: it must not reach a log
        return "StoredPrint[" + personKind + " " + personId + ", " + finger + ", " + driver + ", " + template.length + " bytes]";
    }
}
