package pos.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RedisAclMainTest {

    @TempDir
    Path dir;

    private Path secret(String name, String value, String mode) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, value + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    @DisplayName("SEC-505 ./pos hub redis-acl prints both users and the default user off, with hashes and never the passwords")
    void printsTheUsersWithHashesOnly() throws Exception {
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new RedisAclMain()).setOut(new PrintWriter(out)).execute("--hub-password-file",
                secret("hub.pw", "hub-pass-123", "rw-------").toString(), "--till-password-file",
                secret("till.pw", "till-pass-456", "rw-------").toString());
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("ACL SETUSER pos-hub reset on #", "ACL SETUSER pos-till reset on #",
                "ACL SETUSER default off", "%W~pos:archive").doesNotContain("hub-pass-123").doesNotContain("till-pass-456");
        StringWriter file = new StringWriter();
        new CommandLine(new RedisAclMain()).setOut(new PrintWriter(file)).execute("--format", "aclfile", "--hub-password-file",
                dir.resolve("hub.pw").toString(), "--till-password-file", dir.resolve("till.pw").toString());
        assertThat(file.toString()).startsWith("user pos-hub on #").contains("user default off");
    }

    @Test
    @DisplayName("SEC-506 a password file others may read is refused with the chmod that fixes it")
    void refusesAnOpenPasswordFile() throws Exception {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new RedisAclMain()).setErr(new PrintWriter(err)).execute("--hub-password-file",
                secret("hub.pw", "hub-pass-123", "rw-r--r--").toString(), "--till-password-file",
                secret("till.pw", "till-pass-456", "rw-------").toString());
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("chmod 600").doesNotContain("hub-pass-123");
    }
}
