package pos.hub.tills;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import pos.contract.auth.SecretFiles;
import pos.contract.auth.TillCredential;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.mariadb.TestDatabase;

/** {@code ./pos hub tills add|revoke|list} against a real MariaDB. */
@WithMariaDb
@DisplayName("./pos hub tills: issue, list and revoke the tills' credentials (issue 10)")
class TillsMainTest {

    TestDatabase database;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    Run tills(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--mariadb", database.jdbcUrl(), "--user", database.user()}, 0, all, args.length, 4);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new TillsMain()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    @DisplayName("SEC-140 add writes the credential to a new 0600 file and prints only where it went; list shows no secret;"
            + " revoke makes the hub's registry refuse it")
    void addListRevoke() throws Exception {
        Path file = dir.resolve("till-3.credential");

        Run added = tills("add", "till-3", "--out", file.toString());

        assertThat(added.exit).as(added.err).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        TillCredential credential = TillCredential.parse(SecretFiles.read(file, "test"));
        assertThat(credential.tillId()).isEqualTo("till-3");
        String secretPart = credential.text().substring("till-3.".length());
        assertThat(added.out).contains(file.toAbsolutePath().toString()).doesNotContain(secretPart);

        try (MariaDbTillRegistry registry = MariaDbTillRegistry.create(database.jdbcUrl(), database.user(),
                database.password(), Clock.systemUTC(), Duration.ofSeconds(1))) {
            registry.refresh();
            assertThat(registry.authenticate(credential)).contains("till-3");
            assertThat(registry.streamSigningKey("till-3")).hasValueSatisfying(k -> assertThat(k)
                    .isEqualTo(credential.streamSigningKey()));

            Run listed = tills("list");
            assertThat(listed.exit).isZero();
            assertThat(listed.out).contains("till-3").doesNotContain(secretPart);

            Run revoked = tills("revoke", "till-3");
            assertThat(revoked.exit).as(revoked.err).isZero();
            registry.refresh();
            assertThat(registry.authenticate(credential)).isEmpty();
            assertThat(registry.streamSigningKey("till-3")).isEmpty();
            assertThat(tills("list").out).containsPattern("till-3\\s+\\S+\\s+\\d{4}-");
        }
    }

    @Test
    @DisplayName("SEC-141 an id issued once is never issued again, an existing file is never overwritten, and a bad id is a"
            + " sentence; each exits 1")
    void refusals() throws Exception {
        Path file = dir.resolve("a.credential");
        assertThat(tills("add", "till-9", "--out", file.toString()).exit).isZero();
        String first = Files.readString(file);

        Run again = tills("add", "till-9", "--out", dir.resolve("b.credential").toString());
        Run overwrite = tills("add", "till-10", "--out", file.toString());
        Run badId = tills("add", "till 11!", "--out", dir.resolve("c.credential").toString());
        Run unknown = tills("revoke", "till-404");

        assertThat(again.exit).isEqualTo(1);
        assertThat(again.err).contains("till-9 already has a credential");
        assertThat(overwrite.exit).isEqualTo(1);
        assertThat(overwrite.err).contains("exists already");
        assertThat(Files.readString(file)).isEqualTo(first);
        assertThat(badId.exit).isEqualTo(1);
        assertThat(badId.err).contains("is not a till id");
        assertThat(unknown.exit).isEqualTo(1);
        assertThat(unknown.err).contains("till-404 has no valid credential");
    }
}
