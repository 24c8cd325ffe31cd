package pos.gateway.alipay;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A notify URL on a real socket: keeps every POST and answers {@code success}, after {@code failFirst} other bodies. */
final class NotifyInbox implements AutoCloseable {

    /** One POST as received. */
    record Received(String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failFirst = new AtomicInteger();

    NotifyInbox() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/notify/alipay", exchange -> {
            received.add(new Received(exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestBody().readAllBytes()));
            // anything but the literal "success" (here a 200 "OK") makes Alipay send it again
            byte[] answer = (failFirst.getAndDecrement() > 0 ? "OK" : "success").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify/alipay";
    }

    void failFirst(int count) {
        failFirst.set(count);
    }

    /** The posts whose body names {@code outTradeNo}, waiting up to 5 s for at least {@code count}. */
    List<Received> awaitFor(String outTradeNo, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            List<Received> mine = received.stream().filter(r -> r.text().contains("out_trade_no=" + outTradeNo)).toList();
            if (mine.size() >= count || System.nanoTime() > deadline) {
                if (mine.size() < count) {
                    throw new AssertionError("expected " + count + " notifications of " + outTradeNo + ", got "
                            + mine.size());
                }
                return mine;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
