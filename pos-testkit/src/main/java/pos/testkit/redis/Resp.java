package pos.testkit.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RESP2 client: one connection per command, enough for PING, FLUSHALL, SHUTDOWN and
 * simple reads and writes in tests, with no client library needed. Stateless, thread-safe.
 */
final class Resp {

    private Resp() {
    }

    /**
     * Where and how to send commands: address, TLS (a socket opener, or null for plain TCP) and
     * an ACL user to AUTH as first (or null). Immutable.
     */
    record Target(String host, int port, TlsOpener tls, String user, String password) {
        @Override
        public String toString() {
            return host + ":" + port + (tls != null ? " (TLS)" : "") + (user != null ? " as " + user : "");
        }
    }

    /** Opens a connected TLS socket. */
    @FunctionalInterface
    interface TlsOpener {
        Socket open(String host, int port, int timeoutMillis) throws IOException;
    }

    /**
     * Sends one command to a plain-TCP server with no AUTH and reads its reply.
     *
     * @return a String (simple or bulk string), a Long (integer), null (nil) or a List of these
     * @throws RedisErrorReplyException when Redis answers with an error
     * @throws IOException when the connection fails or times out
     */
    static Object call(String host, int port, Duration timeout, String... command) throws IOException {
        return call(new Target(host, port, null, null, null), timeout, command);
    }

    /**
     * Sends one command (after AUTH when the target has a user) and reads its reply.
     *
     * @return a String (simple or bulk string), a Long (integer), null (nil) or a List of these
     * @throws RedisErrorReplyException when Redis answers with an error (an AUTH error names no password)
     * @throws IOException when the connection fails, the TLS handshake fails or it times out
     */
    static Object call(Target target, Duration timeout, String... command) throws IOException {
        int millis = (int) timeout.toMillis();
        try (Socket socket = target.tls() != null ? target.tls().open(target.host(), target.port(), millis) : new Socket()) {
            if (!socket.isConnected()) {
                socket.connect(new InetSocketAddress(target.host(), target.port()), millis);
            }
            socket.setSoTimeout(millis);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (target.user() != null) {
                out.write(encode("AUTH", target.user(), target.password()));
                out.write(encode(command));
                out.flush();
                read(in, "AUTH"); // never pass the AUTH line itself: it holds the password
            } else {
                out.write(encode(command));
                out.flush();
            }
            return read(in, String.join(" ", command));
        }
    }

    static byte[] encode(String... command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(("*" + command.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String part : command) {
            byte[] data = part.getBytes(StandardCharsets.UTF_8);
            bytes.writeBytes(("$" + data.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            bytes.writeBytes(data);
            bytes.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }

    private static Object read(InputStream in, String command) throws IOException {
        int type = in.read();
        if (type == -1) {
            throw new EOFException("connection closed before the reply to " + firstWord(command));
        }
        String line = readLine(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new RedisErrorReplyException(firstWord(command), line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] data = in.readNBytes(length);
                if (data.length < length || in.read() != '\r' || in.read() != '\n') {
                    throw new EOFException("truncated bulk reply to " + firstWord(command));
                }
                return new String(data, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read(in, command));
                }
                return items;
            }
            default:
                throw new ProtocolException("unexpected RESP type '" + (char) type + "' in reply to " + firstWord(command));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int next = in.read();
            if (next == -1) {
                throw new EOFException("connection closed in the middle of a reply");
            }
            if (previous == '\r' && next == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(next);
            previous = next;
        }
    }

    private static String firstWord(String command) {
        int space = command.indexOf(' ');
        return space < 0 ? command : command.substring(0, space);
    }
}
