package pos.core.rules;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A rule's parameters as they arrive from rule data (strings, whole numbers, booleans, lists and
 * objects, as any JSON reader gives them), with typed getters that refuse anything else with a
 * sentence naming the rule and the parameter.
 */
public final class RuleParams {

    /** Longest text a parameter may hold; rule data is configuration, not a document store. */
    public static final int MAX_TEXT = 500;

    private final String owner;
    private final Map<String, Object> values;

    public RuleParams(String owner, Map<String, ?> values) {
        this.owner = owner;
        this.values = values == null ? Map.of() : new LinkedHashMap<>(values);
    }

    public String owner() {
        return owner;
    }

    public Set<String> names() {
        return values.keySet();
    }

    public boolean has(String name) {
        return values.containsKey(name) && values.get(name) != null;
    }

    /** Refuses parameters the rule type does not know (a typo must not silently switch a rule off). */
    public void allowOnly(Set<String> known) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw problem("unknown parameter" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + " (known: " + String.join(", ", new TreeSet<>(known)) + ")");
        }
    }

    public String text(String name) {
        Object v = required(name);
        if (!(v instanceof String s) || s.isBlank()) {
            throw problem("parameter '" + name + "' must be a non-empty text, got " + describe(v));
        }
        if (s.length() > MAX_TEXT) {
            throw problem("parameter '" + name + "' is longer than " + MAX_TEXT + " characters");
        }
        return s;
    }

    public Optional<String> optionalText(String name) {
        return has(name) ? Optional.of(text(name)) : Optional.empty();
    }

    /** A non-negative whole number of minor units (cents); fractions and text are refused. */
    public long minor(String name) {
        Object v = required(name);
        long n = wholeNumber(name, v);
        if (n < 0) {
            throw problem("parameter '" + name + "' must not be negative, got " + n);
        }
        return n;
    }

    public int smallNumber(String name, int min, int max) {
        long n = wholeNumber(name, required(name));
        if (n < min || n > max) {
            throw problem("parameter '" + name + "' must be between " + min + " and " + max + ", got " + n);
        }
        return (int) n;
    }

    public boolean flag(String name, boolean otherwise) {
        if (!has(name)) {
            return otherwise;
        }
        Object v = values.get(name);
        if (v instanceof Boolean b) {
            return b;
        }
        throw problem("parameter '" + name + "' must be true or false, got " + describe(v));
    }

    public List<String> texts(String name) {
        List<String> out = new ArrayList<>();
        for (Object v : list(name)) {
            if (!(v instanceof String s) || s.isBlank() || s.length() > MAX_TEXT) {
                throw problem("parameter '" + name + "' must be a list of non-empty texts, found " + describe(v));
            }
            out.add(s);
        }
        return out;
    }

    public List<String> optionalTexts(String name) {
        return has(name) ? texts(name) : List.of();
    }

    public List<RuleParams> objects(String name) {
        List<RuleParams> out = new ArrayList<>();
        int i = 0;
        for (Object v : list(name)) {
            if (!(v instanceof Map<?, ?> m)) {
                throw problem("parameter '" + name + "' must be a list of objects, found " + describe(v));
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw problem("parameter '" + name + "' has an object with a key that is not text");
                }
                copy.put(key, e.getValue());
            }
            out.add(new RuleParams(owner + " " + name + "[" + i++ + "]", copy));
        }
        return out;
    }

    /** A time of day written "HH:MM" (24-hour; "24:00" is not a time, use "00:00"). */
    public LocalTime timeOfDay(String name) {
        String s = text(name);
        if (!s.matches("\\d{2}:\\d{2}")) {
            throw problem("parameter '" + name + "' must be a time written HH:MM, got \"" + clip(s) + "\"");
        }
        try {
            return LocalTime.parse(s);
        } catch (DateTimeParseException e) {
            throw problem("parameter '" + name + "' is not a time of day: \"" + clip(s) + "\"");
        }
    }

    public RuleDefinitionException problem(String what) {
        return new RuleDefinitionException(owner + ": " + what);
    }

    private List<?> list(String name) {
        Object v = required(name);
        if (!(v instanceof List<?> list)) {
            throw problem("parameter '" + name + "' must be a list, got " + describe(v));
        }
        if (list.size() > 10_000) {
            throw problem("parameter '" + name + "' lists more than 10,000 entries");
        }
        return list;
    }

    private Object required(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw problem("parameter '" + name + "' is missing");
        }
        return v;
    }

    private long wholeNumber(String name, Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger big) {
            if (big.bitLength() < 63) {
                return big.longValue();
            }
            throw problem("parameter '" + name + "' is too large: " + clip(big.toString()));
        }
        if (v instanceof BigDecimal dec) {
            try {
                return dec.longValueExact();
            } catch (ArithmeticException e) {
                throw problem("parameter '" + name + "' must be a whole number of minor units, got " + clip(dec.toPlainString()));
            }
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return (long) d;
            }
            throw problem("parameter '" + name + "' must be a whole number of minor units, got " + v);
        }
        throw problem("parameter '" + name + "' must be a whole number, got " + describe(v));
    }

    private static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof String s) {
            return "the text \"" + clip(s) + "\"";
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        return clip(String.valueOf(v));
    }

    static String clip(String s) {
        String printable = s.codePoints()
                .map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
