package pos.sync.people;

import pos.contract.people.SealedPrint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.people.PersonKind;
import pos.core.people.StoredPrint;

@DisplayName("R18 prints are sealed with AES-GCM: round trip, tamper detection, bound to person and driver, key ids")
class PrintCipherTest {

    static final String DRIVER = "libfprint/virtual_image";
    static final byte[] TEMPLATE = "FP3 template: ridge minutiae 0123456789".getBytes();
    final PrintKeys keys = PrintKeys.parse(PrintKeys.newKeyLine("k2") + "," + PrintKeys.newKeyLine("k1"), "test");
    final PrintCipher cipher = new PrintCipher(keys);
    final StoredPrint print = new StoredPrint("m1", PersonKind.MEMBER, "right-index", DRIVER, TEMPLATE);

    @Test
    void aSealedPrintOpensToTheSameTemplateAndHoldsNoClearBytes() {
        SealedPrint sealed = cipher.seal(PrintCipher.newPrintId(), print, 1L);
        assertThat(sealed.keyId()).isEqualTo("k2");
        assertThat(sealed.nonce()).hasSize(12);
        assertThat(sealed.ciphertext()).hasSize(TEMPLATE.length + 16);
        assertThat(new String(sealed.ciphertext(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("minutiae");
        assertThat(cipher.open(sealed)).isEqualTo(print);
        SealedPrint again = cipher.seal(sealed.printId(), print, 2L);
        assertThat(again.nonce()).as("a fresh nonce every time").isNotEqualTo(sealed.nonce());
        assertThat(sealed.toString()).doesNotContain("minutiae");
    }

    @Test
    void aFlippedByteIsDetected() {
        SealedPrint sealed = cipher.seal(PrintCipher.newPrintId(), print, 1L);
        for (int i : new int[] {0, TEMPLATE.length / 2, TEMPLATE.length + 15}) {
            byte[] bytes = sealed.ciphertext();
            bytes[i] ^= 0x01;
            SealedPrint tampered = new SealedPrint(sealed.printId(), sealed.personKind(), sealed.personId(), sealed.finger(),
                    sealed.driver(), sealed.keyId(), sealed.nonce(), bytes, false, 1L);
            assertThatThrownBy(() -> cipher.open(tampered)).isInstanceOf(UnableToOpenPrintException.class)
                    .hasMessageContaining("fails its integrity check under key k2");
        }
        byte[] nonce = sealed.nonce();
        nonce[3] ^= 0x40;
        assertThatThrownBy(() -> cipher.open(new SealedPrint(sealed.printId(), sealed.personKind(), sealed.personId(),
                sealed.finger(), sealed.driver(), sealed.keyId(), nonce, sealed.ciphertext(), false, 1L)))
                .isInstanceOf(UnableToOpenPrintException.class);
    }

    @Test
    void aRowMovedToAnotherPersonFingerDriverOrRecordDoesNotOpen() {
        SealedPrint s = cipher.seal(PrintCipher.newPrintId(), print, 1L);
        SealedPrint[] moved = {
            new SealedPrint(s.printId(), s.personKind(), "m2", s.finger(), s.driver(), s.keyId(), s.nonce(), s.ciphertext(), false, 1L),
            new SealedPrint(s.printId(), PersonKind.CLERK, s.personId(), s.finger(), s.driver(), s.keyId(), s.nonce(),
                    s.ciphertext(), false, 1L),
            new SealedPrint(s.printId(), s.personKind(), s.personId(), "left-thumb", s.driver(), s.keyId(), s.nonce(),
                    s.ciphertext(), false, 1L),
            new SealedPrint(s.printId(), s.personKind(), s.personId(), s.finger(), "libfprint/goodixmoc", s.keyId(), s.nonce(),
                    s.ciphertext(), false, 1L),
            new SealedPrint(PrintCipher.newPrintId(), s.personKind(), s.personId(), s.finger(), s.driver(), s.keyId(), s.nonce(),
                    s.ciphertext(), false, 1L)};
        for (SealedPrint m : moved) {
            assertThatThrownBy(() -> cipher.open(m)).as("%s", m).isInstanceOf(UnableToOpenPrintException.class)
                    .hasMessageContaining("moved from another person or driver");
        }
    }

    @Test
    void aWrongOrMissingKeyIsAClearError() {
        SealedPrint sealed = cipher.seal(PrintCipher.newPrintId(), print, 1L);
        PrintCipher otherStore = new PrintCipher(PrintKeys.parse(PrintKeys.newKeyLine("k2"), "test"));
        assertThatThrownBy(() -> otherStore.open(sealed)).isInstanceOf(UnableToOpenPrintException.class)
                .hasMessageContaining("fails its integrity check under key k2");
        PrintCipher noSuchKey = new PrintCipher(PrintKeys.parse(PrintKeys.newKeyLine("k9"), "test"));
        assertThatThrownBy(() -> noSuchKey.open(sealed)).isInstanceOf(UnableToOpenPrintException.class)
                .hasMessageContaining("was sealed under key k2, which this till does not have (it has [k9])");
    }

    @Test
    void rotationKeepsOldPrintsReadable() {
        SealedPrint underOld = new PrintCipher(PrintKeys.parse(PrintKeys.newKeyLine("k1"), "t")).seal(PrintCipher.newPrintId(),
                print, 1L);
        // Not the same k1: an old key must be configured with its real bytes.
        assertThatThrownBy(() -> cipher.open(underOld)).isInstanceOf(UnableToOpenPrintException.class);
        String oldLine = PrintKeys.newKeyLine("k1");
        SealedPrint old = new PrintCipher(PrintKeys.parse(oldLine, "t")).seal(PrintCipher.newPrintId(), print, 1L);
        PrintCipher rotated = new PrintCipher(PrintKeys.parse(PrintKeys.newKeyLine("k2") + "," + oldLine, "t"));
        assertThat(rotated.open(old)).isEqualTo(print);
        assertThat(rotated.seal(old.printId(), rotated.open(old), 2L).keyId()).isEqualTo("k2");
    }

    @Test
    void withoutConfigurationAKeyFileIsMadeOwnerOnlyAndKept(@TempDir Path dataDir) throws Exception {
        PrintKeys first = PrintKeys.configuredOrIn(Optional.empty(), dataDir);
        Path file = dataDir.resolve(PrintKeys.FILE_NAME);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        PrintKeys again = PrintKeys.configuredOrIn(Optional.of(" "), dataDir);
        assertThat(again.sealingKeyId()).isEqualTo(first.sealingKeyId());
        SealedPrint sealed = new PrintCipher(first).seal(PrintCipher.newPrintId(), print, 1L);
        assertThat(new PrintCipher(again).open(sealed)).isEqualTo(print);
        assertThat(first.toString()).doesNotContain(Files.readString(file).lines().skip(1).findFirst().orElseThrow()
                .split(":")[1]);
    }

    @Test
    void badKeyConfigurationIsAClearError() {
        assertThatThrownBy(() -> PrintKeys.parse("k1:AAAA", "setting x")).isInstanceOf(UnableToReadPrintKeyException.class)
                .hasMessage("setting x: print key k1 has 3 bytes, not 32");
        assertThatThrownBy(() -> PrintKeys.parse("k1:%%%", "setting x")).hasMessage("setting x: print key k1 is not base64");
        assertThatThrownBy(() -> PrintKeys.parse("nokeyid", "setting x")).hasMessageContaining("has no key id");
        String line = PrintKeys.newKeyLine("k1");
        assertThatThrownBy(() -> PrintKeys.parse(line + "," + line, "setting x")).hasMessageContaining("appears twice");
    }
}
