package pos.gateway.sandbox.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Collectors;
import pos.gateway.sandbox.api.ErrorCode;
import pos.gateway.sandbox.trade.RequestRejectedException;

/**
 * Reads request bodies: at most {@value #MAX_BODY_BYTES} bytes, then JSON into a wire record,
 * with refusals that name the field and what it expects. Thread-safe.
 */
final class JsonBodies {

    /** The largest body accepted: 64 KB; larger ones get 413 {@code REQUEST_TOO_LARGE}. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** How much of an oversized body is drained so the client can read the 413 before the connection closes. */
    private static final int MAX_DRAIN_BYTES = 4 * 1024 * 1024;

    private final ObjectMapper mapper;

    JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    <T> T read(Context ctx, Class<T> type) {
        return parse(bytes(ctx), type);
    }

    byte[] bytes(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        byte[] body;
        try {
            InputStream in = ctx.req().getInputStream();
            body = declared > MAX_BODY_BYTES ? null : in.readNBytes(MAX_BODY_BYTES + 1);
            if (body == null || body.length > MAX_BODY_BYTES) {
                drain(in);
                ctx.header("Connection", "close");
                throw new RequestRejectedException(ErrorCode.REQUEST_TOO_LARGE, "the body must be at most "
                        + MAX_BODY_BYTES + " bytes" + (declared > 0 ? ", was " + declared : ""));
            }
        } catch (IOException e) {
            throw invalid("the body could not be read: " + e.getMessage());
        }
        if (body.length == 0) {
            throw invalid("the body is empty; send a JSON object");
        }
        return body;
    }

    <T> T parse(byte[] body, Class<T> type) {
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw invalid("the body must be a JSON object, was null");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw invalid(describe(e));
        } catch (IOException e) {
            throw invalid("the body could not be read: " + e.getMessage());
        }
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return "the body is too deeply nested or has too long a value: " + e.getOriginalMessage();
        }
        if (e instanceof JsonParseException) {
            String problem = String.valueOf(e.getOriginalMessage())
                    .replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "");
            return "the body is not valid JSON: " + problem + location(e);
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return e.getCause().getMessage();
        }
        if (e instanceof JsonMappingException mapping) {
            String field = path(mapping);
            if (e instanceof MismatchedInputException mismatch) {
                String original = String.valueOf(e.getOriginalMessage());
                if (original.startsWith("Missing required creator property")) {
                    return field + " is required";
                }
                if (original.startsWith("Trailing token")) {
                    return "the body has more after its JSON value; send one JSON object";
                }
                if (field.isEmpty()) {
                    return "the body must be a JSON object";
                }
                String expected = expected(mismatch.getTargetType());
                if (mismatch instanceof InvalidFormatException invalidFormat) {
                    return field + " must be " + expected + ", was " + invalidFormat.getValue();
                }
                return field + " must be " + expected;
            }
            return (field.isEmpty() ? "the body" : field) + " is not acceptable: " + e.getOriginalMessage();
        }
        return "the body is not valid JSON: " + e.getOriginalMessage();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "a JSON object";
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static void drain(InputStream in) {
        try {
            long drained = 0;
            byte[] buffer = new byte[8192];
            int read;
            while (drained < MAX_DRAIN_BYTES && (read = in.read(buffer)) >= 0) {
                drained += read;
            }
        } catch (IOException e) {
            // the client gave up sending; the 413 may still reach it
        }
    }

    private static RequestRejectedException invalid(String message) {
        return new RequestRejectedException(ErrorCode.INVALID_REQUEST, message);
    }
}
