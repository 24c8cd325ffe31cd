package pos.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import pos.testkit.MissingServerBinaryException;

class BinariesTest {

    @Test
    void aMissingServerNamesTheDebianPackageToInstall() {
        assertThatThrownBy(() -> Binaries.find(List.of(Path.of("/nonexistent")), "mariadb-server", "mariadbd", "mysqld"))
                .isInstanceOf(MissingServerBinaryException.class)
                .hasMessageContaining("mariadbd not found")
                .hasMessageContaining("apt-get install mariadb-server")
                .satisfies(e -> assertThat(((MissingServerBinaryException) e).debianPackage()).isEqualTo("mariadb-server"));
    }

    @Test
    void daemonsInSbinAreFoundEvenWhenPathLacksSbin() {
        assertThat(Binaries.searchPath()).contains(Path.of("/usr/sbin"), Path.of("/usr/bin"));
        assertThat(Binaries.find("redis-server", "redis-server")).isExecutable();
    }
}
