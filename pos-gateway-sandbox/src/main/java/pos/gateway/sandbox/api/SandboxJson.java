package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The JSON settings of the wire protocol. The records of this package carry their field names,
 * so any {@code ObjectMapper} reads and writes them; this one is also strict the way the gateway
 * is strict with what it receives: no strings or floats where integers belong, no numbers
 * where strings belong, no {@code null}
 * for numbers, no trailing garbage, bounded nesting and string lengths.
 *
 * <p>Thread-safe: a new mapper per call, and a configured mapper is thread-safe.
 */
public final class SandboxJson {

    private SandboxJson() {
    }

    /**
     * Creates a mapper with the wire protocol's settings.
     *
     * @return a new, configured mapper
     */
    public static ObjectMapper newMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                // a number or boolean where a string belongs is a client bug, not a string
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxStringLength(65_536)
                .maxNumberLength(40)
                .build());
        return mapper;
    }
}
