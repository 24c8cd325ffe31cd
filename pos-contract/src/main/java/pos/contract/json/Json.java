package pos.contract.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one JSON configuration of the till and the hub: every document that crosses between them,
 * or is stored, is a Java record read and written by data binding through these mappers (DESIGN
 * §2: no hand-built trees). Records say their wire names with {@code @JsonProperty} where the Java
 * name differs, and check what they need in their compact constructors. Thread-safe.
 *
 * <p>Both mappers are strict about types, as hostile input needs: no text where a number belongs
 * and no number or boolean where a text belongs, no decimals for whole numbers, no {@code null} for
 * a primitive, nothing after the document, bounded nesting and lengths. Written documents keep
 * their {@code null} fields (records that leave one out say so with {@code @JsonInclude}).
 * {@link #STRICT} refuses fields it does not know (requests, answers a client must understand
 * whole); {@link #TOLERANT} ignores them (stored forms and stream entries a newer program may have
 * added to, so an older reader still reads them).
 */
public final class Json {

    /** Refuses unknown fields. */
    public static final ObjectMapper STRICT = mapper(true);
    /** Ignores unknown fields. */
    public static final ObjectMapper TOLERANT = mapper(false);

    private Json() {
    }

    private static ObjectMapper mapper(boolean refuseUnknown) {
        ObjectMapper mapper = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, refuseUnknown)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxNumberLength(40)
                .build());
        return mapper;
    }

    /**
     * {@code value}, or a refusal naming the missing field: for records' compact constructors.
     *
     * @throws IllegalArgumentException "field 'name' is missing" when {@code value} is null
     */
    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return value;
    }

    /** {@code document} as compact JSON text. */
    public static String write(Object document) {
        try {
            return STRICT.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            // Records of texts, numbers, booleans, lists and records: only a bug gets here.
            throw new IllegalStateException("cannot write a " + document.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** {@code document} as compact JSON in UTF-8. */
    public static byte[] writeBytes(Object document) {
        try {
            return STRICT.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a " + document.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads {@code json} as a {@code type} with {@code mapper} ({@link #STRICT} or {@link #TOLERANT}).
     * Text that is not JSON at all is refused as such before any field is looked at.
     *
     * @throws MalformedJsonException with a sentence naming the field, if the text is not such a document
     */
    public static <T> T read(ObjectMapper mapper, String json, Class<T> type) {
        return bind(mapper, tree(mapper, json), mapper.constructType(type));
    }

    /** As {@link #read(ObjectMapper, String, Class)} for a generic {@code type}. */
    public static <T> T read(ObjectMapper mapper, String json, TypeReference<T> type) {
        return bind(mapper, tree(mapper, json), mapper.constructType(type));
    }

    /** As {@link #read(ObjectMapper, String, Class)} from UTF-8 bytes. */
    public static <T> T read(ObjectMapper mapper, byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new MalformedJsonException("there is no JSON (the body is empty)", null);
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new MalformedJsonException(e instanceof JsonProcessingException p ? describe(p)
                    : "the JSON cannot be read (" + e.getMessage() + ")", e);
        }
        return bind(mapper, tree, mapper.constructType(type));
    }

    private static JsonNode tree(ObjectMapper mapper, String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedJsonException("there is no JSON (the text is empty)", null);
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(describe(e), e);
        }
    }

    private static <T> T bind(ObjectMapper mapper, JsonNode tree, JavaType type) {
        if (tree == null || tree.isMissingNode()) {
            throw new MalformedJsonException("there is no JSON", null);
        }
        try (JsonParser parser = mapper.treeAsTokens(tree)) {
            return mapper.readValue(parser, type);
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(describe(e), e);
        } catch (java.io.IOException e) {
            throw new MalformedJsonException("the JSON cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** A reading failure as a sentence: which field and what is wrong with it, never the parser's internals. */
    public static String describe(JsonProcessingException e) {
        if (e instanceof ValueInstantiationException) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'" + where(unknown, 1);
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return "field '" + path(invalid) + "' is '" + invalid.getValue() + "', not one of "
                    + java.util.Arrays.toString(invalid.getTargetType().getEnumConstants());
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
                && String.valueOf(e.getOriginalMessage()).startsWith("Cannot map `null`")) {
            return "field '" + path(mismatch) + "' is missing or null";
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return "field '" + path(mismatch) + "' must be " + expected(mismatch.getTargetType());
        }
        if (e instanceof JsonParseException || e.getClass().getName().contains("StreamConstraints")) {
            return "not JSON (" + firstLine(String.valueOf(e.getOriginalMessage())) + ")";
        }
        if (e instanceof MismatchedInputException) {
            return "not the JSON object expected (" + firstLine(String.valueOf(e.getOriginalMessage())) + ")";
        }
        return firstLine(String.valueOf(e.getOriginalMessage()));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String where(JsonMappingException e, int dropLast) {
        int size = e.getPath().size();
        if (size <= dropLast) {
            return "";
        }
        return " in '" + e.getPath().subList(0, size - dropLast).stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[") + "'";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a text";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline >= 0 ? message.substring(0, newline) : message;
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
