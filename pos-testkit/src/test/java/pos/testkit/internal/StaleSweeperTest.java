package pos.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleSweeperTest {

    @Test
    void aDirectoryOfADeadOwnerIsDeletedAfterItsRecordedChildrenAreKilled(@TempDir Path root) throws Exception {
        Process deadOwner = new ProcessBuilder("true").start();
        Owner owner = Owner.of(deadOwner.toHandle());
        assertThat(deadOwner.waitFor(5, TimeUnit.SECONDS)).isTrue();
        Process leftover = new ProcessBuilder("sleep", "60").start();
        try {
            Path stale = Files.createDirectory(root.resolve("redis-stale"));
            Files.writeString(stale.resolve(InstanceDir.OWNER_FILE), owner + "\n");
            Files.writeString(stale.resolve(InstanceDir.CHILDREN_FILE), Owner.of(leftover.toHandle()) + "\n");
            Files.writeString(stale.resolve("appendonly.aof"), "*1\r\n");

            Path alive = Files.createDirectory(root.resolve("redis-alive"));
            Files.writeString(alive.resolve(InstanceDir.OWNER_FILE), Owner.currentJvm() + "\n");
            Path beingCreated = Files.createDirectory(root.resolve("redis-new"));

            assertThat(StaleSweeper.sweep(root)).containsExactly(stale);

            assertThat(stale).doesNotExist();
            assertThat(leftover.waitFor(5, TimeUnit.SECONDS)).isTrue();
            assertThat(alive).isDirectory();
            assertThat(beingCreated).isDirectory();
        } finally {
            leftover.destroyForcibly();
        }
    }

    @Test
    void aRecycledPidIsNotMistakenForTheRecordedProcess() {
        Owner current = Owner.currentJvm();
        assertThat(current.live()).isPresent();
        assertThat(new Owner(current.pid(), current.startMillis() - 10_000).live()).isEmpty();
        assertThat(Owner.parse(current.toString())).isEqualTo(current);
    }
}
