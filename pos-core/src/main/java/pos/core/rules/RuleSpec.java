package pos.core.rules;

import java.util.Map;
import java.util.Objects;

/**
 * One rule as written in rule data: its keyword (unique in the rule base), its type (a name in the
 * {@link RuleRegistry}) and its parameters. Every type also takes "message" (the store's own text
 * shown when the rule fails) and "enabled" (false keeps the rule written but unchecked).
 */
public record RuleSpec(String keyword, String type, Map<String, Object> params) {
    public RuleSpec {
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(type, "type");
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }
}
