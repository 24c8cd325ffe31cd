package pos.sync.testing;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another main class and halts the JVM when stdin reaches end-of-file, i.e. when the test
 * JVM that started this one is gone. Only for child JVMs of tests ({@link ChildJvm}).
 */
public final class WatchedMain {

    private WatchedMain() {
    }

    public static void main(String[] args) throws Exception {
        Thread watcher = new Thread(() -> {
            try {
                InputStream in = System.in;
                while (in.read() >= 0) {
                    // the parent never writes; just wait for end-of-file
                }
            } catch (IOException e) {
                // the pipe broke: the parent is gone as well
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
