package pos.device.worker;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import pos.core.biometric.WorkerCrashedException;

/**
 * The java command that starts a worker process: a small JVM (one GC thread, the quick compiler only), HotSpot's own
 * messages kept off stdout (they would corrupt the frames), a native crash's report in {@code crashDirectory}
 * ({@code <name with dashes>-hs_err_pid<pid>.log}), never in the till's working directory. Immutable.
 *
 * @param name the worker as log lines and messages name it ("face worker")
 * @param javaCommand the java launcher
 * @param maxHeap the -Xmx value ("192m")
 * @param options further JVM options (-D properties, -Xss), after the common ones
 * @param crashDirectory where a crashed worker's JVM writes its report; created if missing
 * @param classPath the worker's class path
 * @param mainClass the worker's main class
 * @param environment extra environment for the worker
 */
public record WorkerCommand(String name, String javaCommand, String maxHeap, List<String> options, Path crashDirectory,
        String classPath, String mainClass, Map<String, String> environment) {

    public WorkerCommand {
        options = List.copyOf(options);
        environment = Map.copyOf(environment);
    }

    /** The command line; creates the crash directory (a failure is logged to {@code log}, the worker starts anyway). */
    public List<String> arguments(Logger log) {
        List<String> command = new ArrayList<>();
        command.add(javaCommand);
        command.add("-Xmx" + maxHeap);
        // issue 14: a small process: one GC thread, the quick compiler only
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        // HotSpot prints its own warnings on stdout unless told otherwise: they would corrupt the frames
        command.add("-XX:+DisplayVMOutputToStderr");
        // issue 15: a native crash's report goes to the till's log folder, never into the till's working directory
        try {
            Files.createDirectories(crashDirectory);
        } catch (IOException e) {
            log.warn("cannot create {} for the " + name + "'s crash reports: {}", crashDirectory, e.toString());
        }
        command.add("-XX:ErrorFile=" + crashDirectory.toAbsolutePath().resolve(name.replace(' ', '-') + "-hs_err_pid%p.log"));
        command.addAll(options);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        return command;
    }

    /** Starts the worker; {@link WorkerCrashedException} if the process cannot be started at all. */
    public Process start(Logger log) {
        ProcessBuilder builder = new ProcessBuilder(arguments(log));
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new WorkerCrashedException("could not start the " + name + " (" + javaCommand + "): " + e.getMessage(), e);
        }
    }

    /** Two class paths as one. */
    public static String classPath(String first, Path second) {
        return first + File.pathSeparator + second;
    }
}
