package pos.testkit.internal;

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

    /** @return the live process this record names, empty when it is gone or the pid was reused */
    public Optional<ProcessHandle> live() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(handle -> {
            long start = handle.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
            return startMillis == -1L || start == -1L || start == startMillis;
        });
    }

    @Override
    public String toString() {
        return pid + " " + startMillis;
    }
}
