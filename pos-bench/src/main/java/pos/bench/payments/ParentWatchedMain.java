package pos.bench.payments;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another main class in a child JVM and halts that JVM when its standard input reaches
 * end-of-file, i.e. when the parent that started it is gone (killed or finished), so no store hub
 * outlives a fault run. Only for {@link HubProcess}. Not thread-safe (a command-line entry point).
 */
public final class ParentWatchedMain {

    private ParentWatchedMain() {
    }

    /** {@code args[0]} is the main class to run, the rest its arguments. */
    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ParentWatchedMain MAIN-CLASS [ARGS...]");
            System.exit(2);
        }
        Thread watcher = new Thread(() -> {
            try {
                InputStream in = System.in;
                while (in.read() >= 0) {
                    // the parent never writes; wait for end-of-file
                }
            } catch (IOException e) {
                System.err.println("parent-watch: standard input broke (" + e.getMessage() + "); the parent is gone");
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
