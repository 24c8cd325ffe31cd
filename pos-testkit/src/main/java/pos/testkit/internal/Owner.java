package pos.testkit.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A process identified by pid and start time, so that a recycled pid is never mistaken for the
 * process that was recorded. Immutable, thread-safe.
 *
 * @param pid the process id
 * @param startMillis the process start time in epoch milliseconds, or -1 when unknown
 */
public record Owner(long pid, long startMillis) {

    /** @return the running JVM */
    public static Owner currentJvm() {
        return of(ProcessHandle.current());
    }

    /** @return the given process, with its start time as the OS reports it */
    public static Owner of(ProcessHandle process) {
        return new Owner(process.pid(), process.info().startInstant().map(Instant::toEpochMilli).orElse(-1L));
    }

    /** Parses the {@code "pid startMillis"} form written by {@link #toString()}. */
    public static Owner parse(String line) {
        String[] parts = line.trim().split("\\s+");
        return new Owner(Long.parseLong(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : -1L);
    }

    /**
     * @return the live process this record names; empty when it is gone, a zombie waiting to be
     *     reaped, or the pid now belongs to another process
     */
    public Optional<ProcessHandle> live() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(handle -> !isZombie(pid)).filter(handle -> {
            long start = handle.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
            return startMillis == -1L || start == -1L || start == startMillis;
        });
    }

    /**
     * @param pid a process id
     * @return whether the process has exited and waits to be reaped by its parent (Linux only;
     *     false where /proc is not available)
     */
    public static boolean isZombie(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            // readAllLines, not readString: /proc files report size 0
            String line = Files.readAllLines(stat).get(0);
            // "pid (comm) state ...": comm may contain spaces and parentheses, so find the last ')'
            char state = line.charAt(line.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (NoSuchFileException gone) {
            return false; // not a zombie: not there at all
        } catch (IOException | RuntimeException unreadable) {
            return false; // no /proc: ProcessHandle.isAlive is all we know
        }
    }

    @Override
    public String toString() {
        return pid + " " + startMillis;
    }
}
