package pos.gateway.sandbox.face;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where a {@link Face} adds its provider's API, without knowing the HTTP server: the server turns each request into a
 * {@link Request} and writes the {@link Answer} back, and applies the latency and timeout knobs to every answer, as it
 * does for the sandbox's own {@code /v1} routes.
 */
public interface FaceRoutes {

    /**
     * Adds a route.
     *
     * @param method {@code GET} or {@code POST}
     * @param path   the path, with {@code {name}} path parameters ({@code /v3/pay/transactions/out-trade-no/{no}})
     * @param refund true for a refund endpoint (the {@code refund_timeouts} knob answers it late)
     */
    void add(String method, String path, Handler handler, boolean refund);

    /** Answers one request of a face's route. */
    @FunctionalInterface
    interface Handler {
        Answer handle(Request request) throws Exception;
    }

    /**
     * One request as received. Immutable.
     *
     * @param method      the HTTP method
     * @param path        the path as sent
     * @param pathParams  the route's path parameters
     * @param query       the query parameters (first value of each)
     * @param header      a header by name (case-insensitive), null when absent
     * @param contentType the content type, or null
     * @param body        the raw body
     */
    record Request(String method, String path, Map<String, String> pathParams, Map<String, String> query,
            Function<String, String> header, String contentType, byte[] body) {
        public Request {
            pathParams = Map.copyOf(pathParams);
            query = Map.copyOf(query);
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(body, "body");
        }

        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * One answer. Immutable.
     *
     * @param status      the HTTP status
     * @param contentType its content type, or null for no body
     * @param headers     other headers (a provider's response signature)
     * @param body        the body bytes
     */
    record Answer(int status, String contentType, Map<String, String> headers, byte[] body) {
        public Answer {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }

        /** A JSON (or other text) answer without extra headers. */
        public static Answer text(int status, String contentType, String body) {
            return new Answer(status, contentType, Map.of(), body.getBytes(StandardCharsets.UTF_8));
        }

        /** An empty answer ({@code 204 No Content} and the like). */
        public static Answer empty(int status, Map<String, String> headers) {
            return new Answer(status, null, headers, new byte[0]);
        }

        /** The same answer with {@code more} headers as well. */
        public Answer withHeaders(Map<String, String> more) {
            Map<String, String> all = new java.util.LinkedHashMap<>(headers);
            all.putAll(more);
            return new Answer(status, contentType, all, body);
        }
    }
}
