package pos.gateway.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import pos.gateway.sandbox.api.NotificationSignature;
import pos.gateway.sandbox.api.SignatureVerdict;

/**
 * A tiny notify_url on the JDK's HTTP server, standing in for the store hub: records every
 * delivery (headers and exact body bytes) and answers 200, or 500 for the first N deliveries.
 * Thread-safe.
 */
final class NotifyReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 500;

    NotifyReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/notify", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
    }

    /** The next {@code count} deliveries are answered 500 (after being recorded). */
    NotifyReceiver failNext(int count) {
        failuresLeft.set(count);
        return this;
    }

    /** Every delivery from now on is answered with {@code status}, until {@link #answerOk()}. */
    void failAlways(int status) {
        failureStatus = status;
        failuresLeft.set(Integer.MAX_VALUE);
    }

    void answerOk() {
        failuresLeft.set(0);
    }

    List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    List<Delivery> deliveriesFor(String outTradeNo) {
        return deliveries.stream().filter(d -> outTradeNo.equals(d.json().path("out_trade_no").asText())).toList();
    }

    List<Delivery> awaitDeliveriesFor(String outTradeNo, int count, Duration within) {
        Eventually.holds(within, () -> deliveriesFor(outTradeNo).size() >= count,
                () -> "expected " + count + " deliveries for " + outTradeNo + ", got " + deliveriesFor(outTradeNo));
        return deliveriesFor(outTradeNo);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        deliveries.add(new Delivery(Instant.now(), exchange.getRequestHeaders().getFirst(NotificationSignature.KEY_ID_HEADER),
                exchange.getRequestHeaders().getFirst(NotificationSignature.TIMESTAMP_HEADER),
                exchange.getRequestHeaders().getFirst(NotificationSignature.NONCE_HEADER),
                exchange.getRequestHeaders().getFirst(NotificationSignature.SIGNATURE_HEADER), body));
        boolean fail = failuresLeft.getAndUpdate(left -> left > 0 && left != Integer.MAX_VALUE ? left - 1 : left) > 0;
        exchange.sendResponseHeaders(fail ? failureStatus : 200, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** One delivery as received. */
    record Delivery(Instant at, String keyId, String timestamp, String nonce, String signature, byte[] body) {
        JsonNode json() {
            try {
                return GatewayClient.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        SignatureVerdict verifyWith(NotificationSignature verifier) {
            return verifier.verify(keyId, timestamp, nonce, signature, body);
        }

        @Override
        public String toString() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
