package pos.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import pos.testkit.TestkitException;

/**
 * Picks free loopback TCP ports for test servers. Thread-safe.
 *
 * <p>Ports come from below the kernel's ephemeral range (by default 15000–32767), not from
 * {@code new ServerSocket(0)}: an ephemeral port can be taken at any moment as the source port
 * of some outgoing connection, and then a killed test server could not restart on its own port.
 * A port is handed out at most once per JVM for the same reason. Well-known service ports
 * (6379, 3306, ...) are never returned, so the machine's real services are never touched.
 */
public final class FreePorts {

    /** Ports of real services that may run on a developer's machine or a CI host. */
    private static final Set<Integer> STANDARD_PORTS = Set.of(
            1433, 1521, 1883, 2181, 3306, 3307, 4222, 4369, 5432, 5672, 6379, 6380, 8080, 8443,
            9042, 9092, 9200, 9300, 11211, 15672, 25672, 26379, 27017);
    private static final int LOWEST = 15000;
    private static final int DEFAULT_EPHEMERAL_LOW = 32768;
    private static final int ATTEMPTS = 200;
    private static final Set<Integer> ISSUED = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /**
     * Returns a port that nothing listens on right now on 127.0.0.1 and that this JVM has not
     * handed out before. Another process can still take it before the server binds it; callers
     * retry with a new port when the server reports "Address already in use".
     *
     * @return a free, non-standard port
     */
    public static int pick() {
        int highest = ephemeralLow() - 1;
        boolean useRange = highest - LOWEST >= 1000;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int candidate = useRange ? ThreadLocalRandom.current().nextInt(LOWEST, highest + 1) : kernelPick();
            if (!isStandard(candidate) && canBind(candidate) && ISSUED.add(candidate)) {
                return candidate;
            }
        }
        throw new TestkitException("no free TCP port on 127.0.0.1 after " + ATTEMPTS + " attempts");
    }

    /**
     * @param port a TCP port
     * @return whether the port belongs to a well-known service (or is privileged) and must not be used
     */
    public static boolean isStandard(int port) {
        return port < 1024 || STANDARD_PORTS.contains(port);
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException inUse) {
            return false; // expected for a port in use; the caller tries another
        }
    }

    private static int kernelPick() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind any port on 127.0.0.1", e);
        }
    }

    private static int ephemeralLow() {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        try {
            // readAllLines, not readString: /proc files report size 0 and readString gets a short read
            String[] bounds = Files.readAllLines(range).get(0).trim().split("\\s+");
            return Integer.parseInt(bounds[0]);
        } catch (IOException | RuntimeException e) {
            // not Linux, or an odd /proc: fall back to the IANA dynamic range's usual Linux start
            return DEFAULT_EPHEMERAL_LOW;
        }
    }
}
