package pos.contract.rules;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import pos.core.card.Bank;
import pos.core.rules.RuleBase;
import pos.core.rules.RuleBaseDefinition;
import pos.core.rules.RuleDefinitionException;
import pos.core.rules.RuleRegistry;
import pos.core.rules.RuleSpec;

/**
 * The rule base as JSON text (DESIGN §4: the rule base's data contract), read strictly and written
 * canonically. Stateless and thread-safe.
 *
 * <pre>{@code
 * {"version": 7,
 *  "banks": [{"code": "NORDBANK", "name": "Nordbank", "bins": ["411111"]}],
 *  "rules": [{"keyword": "nordbank-single", "type": "bank_single_limit",
 *             "params": {"bank": "NORDBANK", "limit": 100000}}]}
 * }</pre>
 *
 * <p>"version" is optional (0 when absent; the hub sets it when it publishes), "banks" is optional,
 * "rules" is required, a rule's "params" is optional. Reading refuses, each with a sentence a store
 * owner can act on ({@link RuleDefinitionException}, never a parser's stack trace): text over
 * {@link #MAX_BYTES} bytes (before parsing), nesting deeper than {@link #MAX_DEPTH}, a name written
 * twice in one object, a field the format does not know, a value of the wrong JSON type, NaN and
 * Infinity, numbers with more than {@link #MAX_NUMBER_DIGITS} digits or an absurd exponent, control
 * and invisible formatting characters (bidi overrides, zero-width spaces) anywhere in the text, and
 * anything after the closing brace. Whole numbers are read as {@link Long} (or {@link BigInteger}
 * when larger) and decimals as {@link BigDecimal}, so a limit of 10.5 minor units is refused by
 * the rule rather than rounded.
 */
public final class RuleBaseJson {

    /** The largest rule data accepted, in UTF-8 bytes. */
    public static final int MAX_BYTES = 8 * 1024 * 1024;
    /** The deepest nesting of objects and arrays accepted. */
    public static final int MAX_DEPTH = 32;
    /** The most digits a number may have. */
    public static final int MAX_NUMBER_DIGITS = 40;

    private static final Set<String> TOP_FIELDS = Set.of("version", "banks", "rules");
    private static final Set<String> BANK_FIELDS = Set.of("code", "name", "bins");
    private static final Set<String> RULE_FIELDS = Set.of("keyword", "type", "params");

    private static final ObjectMapper READER = reader();
    private static final ObjectMapper WRITER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private RuleBaseJson() {
    }

    private static ObjectMapper reader() {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxNumberLength(MAX_NUMBER_DIGITS)
                        .maxStringLength(MAX_BYTES)
                        .build())
                .build();
        return new ObjectMapper(factory)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    /**
     * Reads and compiles rule data: {@link #read} then {@link RuleRegistry#compile}.
     *
     * @throws RuleDefinitionException naming every problem found
     */
    public static RuleBase compile(String json, RuleRegistry registry) {
        return registry.compile(read(json));
    }

    /**
     * Reads rule data. Checks the format only; the rules' own parameters are checked by
     * {@link RuleRegistry#compile}.
     *
     * @throws RuleDefinitionException if the text is not rule data, with where and why
     */
    public static RuleBaseDefinition read(String json) {
        if (json == null) {
            throw new RuleDefinitionException("there is no rule data (nothing was sent)");
        }
        long bytes = utf8Length(json);
        if (bytes > MAX_BYTES) {
            throw new RuleDefinitionException("the rule data is " + bytes + " bytes; at most " + MAX_BYTES
                    + " bytes (8 MiB) are accepted");
        }
        if (json.isBlank()) {
            throw new RuleDefinitionException("the rule data is empty");
        }
        JsonNode root;
        try {
            root = READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new RuleDefinitionException(describe(e));
        }
        if (root == null || root.isMissingNode()) {
            throw new RuleDefinitionException("the rule data is empty");
        }
        return new Reading().definition(root);
    }

    /**
     * Reads rule data given as UTF-8 bytes (an HTTP body, a file), refusing more than
     * {@link #MAX_BYTES} before decoding and bytes that are not UTF-8.
     *
     * @throws RuleDefinitionException if the bytes are not rule data
     */
    public static RuleBaseDefinition read(byte[] utf8) {
        if (utf8.length > MAX_BYTES) {
            throw new RuleDefinitionException("the rule data is " + utf8.length + " bytes; at most " + MAX_BYTES
                    + " bytes (8 MiB) are accepted");
        }
        try {
            return read(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(utf8)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new RuleDefinitionException("the rule data is not UTF-8 text");
        }
    }

    /**
     * Writes rule data as canonical JSON: fields in a fixed order, parameters sorted by name,
     * two-space indentation, so the same definition always gives the same text (and checksum).
     */
    public static String write(RuleBaseDefinition definition) {
        ObjectNode root = WRITER.createObjectNode();
        root.put("version", definition.version());
        ArrayNode banks = root.putArray("banks");
        for (Bank bank : definition.banks()) {
            ObjectNode node = banks.addObject();
            node.put("code", bank.code());
            node.put("name", bank.name());
            ArrayNode bins = node.putArray("bins");
            bank.bins().forEach(bins::add);
        }
        ArrayNode rules = root.putArray("rules");
        for (RuleSpec spec : definition.rules()) {
            ObjectNode node = rules.addObject();
            node.put("keyword", spec.keyword());
            node.put("type", spec.type());
            node.set("params", toNode(spec.params()));
        }
        try {
            return WRITER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write rule data as JSON", e);
        }
    }

    private static JsonNode toNode(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof String s) {
            return nodes.textNode(s);
        }
        if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return nodes.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return nodes.numberNode(big);
        }
        if (value instanceof BigDecimal dec) {
            return nodes.numberNode(dec);
        }
        if (value instanceof Double || value instanceof Float) {
            return nodes.numberNode(new BigDecimal(value.toString()));
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = nodes.objectNode();
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            sorted.forEach((k, v) -> node.set(k, toNode(v)));
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode node = nodes.arrayNode();
            list.forEach(v -> node.add(toNode(v)));
            return node;
        }
        throw new IllegalArgumentException("rule data cannot hold a " + value.getClass().getName());
    }

    /** The SHA-256 of {@code text}'s UTF-8 bytes, in lower-case hex. */
    public static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A parser's failure as a sentence with the line and column, never the parser's internals. */
    static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        String original = String.valueOf(e.getOriginalMessage());
        String lower = original.toLowerCase(Locale.ROOT);
        String what;
        if (e instanceof StreamConstraintsException) {
            if (lower.contains("nesting depth")) {
                what = "objects and lists are nested deeper than " + MAX_DEPTH + " levels";
            } else if (lower.contains("number value length")) {
                what = "a number has more than " + MAX_NUMBER_DIGITS + " digits";
            } else {
                what = "the data exceeds a limit (" + firstLine(original) + ")";
            }
        } else if (lower.startsWith("duplicate field")) {
            int quote = original.indexOf('\'');
            int end = original.lastIndexOf('\'');
            String name = quote >= 0 && end > quote ? original.substring(quote + 1, end) : "?";
            what = "the name \"" + printable(name) + "\" is written twice in the same object";
        } else if (e instanceof JsonEOFException || lower.contains("unexpected end-of-input")) {
            what = "the data ends too early (is it cut off?)";
        } else if (lower.contains("trailing token")) {
            what = "there is more after the end of the rule data";
        } else if (lower.contains("non-standard token") || lower.contains("nan") && lower.contains("not allowed")) {
            what = "NaN and Infinity are not numbers in rule data";
        } else if (lower.contains("comment")) {
            what = "comments are not allowed in rule data";
        } else if (lower.contains("leading zeroes")) {
            what = "a number starts with a zero (write 7, not 07)";
        } else if (lower.contains("unrecognized token")) {
            what = "a word that is not JSON (texts need double quotes; true, false and null are lower case): "
                    + firstLine(original).replaceFirst("(?i)^unrecognized token", "").trim();
        } else {
            what = "not valid JSON: " + firstLine(original);
        }
        return where + what;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline >= 0 ? message.substring(0, newline) : message;
        return printable(line.length() > 160 ? line.substring(0, 160) + "…" : line);
    }

    /** The UTF-8 length, counted only as far as needed to tell it is over {@link #MAX_BYTES}. */
    private static long utf8Length(String s) {
        if (s.length() > MAX_BYTES) {
            return s.length(); // every character is at least one byte
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
            if (n > MAX_BYTES) {
                return n + (s.length() - i - 1); // at least this many; enough to refuse
            }
        }
        return n;
    }

    /** Text safe for a message: control and invisible characters shown as U+XXXX. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(200).forEach(c -> {
            if (invisible(c)) {
                out.append(String.format(Locale.ROOT, "<U+%04X>", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** Control characters, formatting characters (bidi overrides, zero-width), lone surrogates. */
    static boolean invisible(int c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.SURROGATE || c == 0x2028 || c == 0x2029;
    }

    /** One reading of a tree; collects every problem so the writer can fix them all at once. */
    private static final class Reading {
        private final List<String> problems = new ArrayList<>();

        RuleBaseDefinition definition(JsonNode root) {
            if (!root.isObject()) {
                throw new RuleDefinitionException("rule data must be an object {\"version\": …, \"banks\": […], "
                        + "\"rules\": […]}, found " + kind(root));
            }
            unknownFields(root, TOP_FIELDS, "the rule data");
            long version = 0;
            JsonNode versionNode = root.get("version");
            if (versionNode != null && !versionNode.isNull()) {
                if (!versionNode.isIntegralNumber() || !versionNode.canConvertToLong() || versionNode.longValue() < 0) {
                    problems.add("\"version\" must be a whole number of at least 0, found " + kind(versionNode));
                } else {
                    version = versionNode.longValue();
                }
            }
            List<Bank> banks = new ArrayList<>();
            JsonNode banksNode = root.get("banks");
            if (banksNode != null && !banksNode.isNull()) {
                if (!banksNode.isArray()) {
                    problems.add("\"banks\" must be a list, found " + kind(banksNode));
                } else {
                    for (int i = 0; i < banksNode.size(); i++) {
                        Bank bank = bank(banksNode.get(i), "banks[" + i + "]");
                        if (bank != null) {
                            banks.add(bank);
                        }
                    }
                }
            }
            List<RuleSpec> rules = new ArrayList<>();
            JsonNode rulesNode = root.get("rules");
            if (rulesNode == null || rulesNode.isNull()) {
                problems.add("\"rules\" is missing: the rule data must list its rules (an empty list is allowed)");
            } else if (!rulesNode.isArray()) {
                problems.add("\"rules\" must be a list, found " + kind(rulesNode));
            } else if (rulesNode.size() > RuleRegistry.MAX_RULES) {
                problems.add("more than " + RuleRegistry.MAX_RULES + " rules (" + rulesNode.size() + ")");
            } else {
                for (int i = 0; i < rulesNode.size(); i++) {
                    RuleSpec rule = rule(rulesNode.get(i), "rules[" + i + "]");
                    if (rule != null) {
                        rules.add(rule);
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new RuleDefinitionException(problems);
            }
            return new RuleBaseDefinition(version, banks, rules);
        }

        private Bank bank(JsonNode node, String path) {
            if (!node.isObject()) {
                problems.add(path + " must be an object {\"code\", \"name\", \"bins\"}, found " + kind(node));
                return null;
            }
            int before = problems.size();
            unknownFields(node, BANK_FIELDS, path);
            String code = text(node, "code", path);
            String name = text(node, "name", path);
            List<String> bins = new ArrayList<>();
            JsonNode binsNode = node.get("bins");
            String where = path + (code != null ? " (" + code + ")" : "");
            if (binsNode == null || !binsNode.isArray()) {
                problems.add(where + ": \"bins\" must be a list of BIN prefixes like \"411111\", found " + kind(binsNode));
            } else {
                for (int i = 0; i < binsNode.size(); i++) {
                    JsonNode bin = binsNode.get(i);
                    if (!bin.isTextual()) {
                        problems.add(where + ": bins[" + i + "] must be a text of digits like \"411111\", found " + kind(bin));
                    } else if (checkText(bin.textValue(), where + ": bins[" + i + "]")) {
                        bins.add(bin.textValue());
                    }
                }
            }
            return problems.size() == before ? new Bank(code, name, bins) : null;
        }

        private RuleSpec rule(JsonNode node, String path) {
            if (!node.isObject()) {
                problems.add(path + " must be an object {\"keyword\", \"type\", \"params\"}, found " + kind(node));
                return null;
            }
            int before = problems.size();
            String keyword = text(node, "keyword", path);
            String where = keyword != null ? path + " ('" + printable(keyword) + "')" : path;
            unknownFields(node, RULE_FIELDS, where);
            String type = text(node, "type", where);
            Map<String, Object> params = Map.of();
            JsonNode paramsNode = node.get("params");
            if (paramsNode != null && !paramsNode.isNull()) {
                if (!paramsNode.isObject()) {
                    problems.add(where + ": \"params\" must be an object, found " + kind(paramsNode));
                } else {
                    Object value = value(paramsNode, where + " params");
                    if (value instanceof Map<?, ?>) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> map = (Map<String, Object>) value;
                        params = map;
                    }
                }
            }
            return problems.size() == before ? new RuleSpec(keyword, type, params) : null;
        }

        /** A JSON value as the plain Java values {@link pos.core.rules.RuleParams} reads. */
        private Object value(JsonNode node, String path) {
            if (node.isTextual()) {
                return checkText(node.textValue(), path) ? node.textValue() : null;
            }
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            if (node.isNull()) {
                return null;
            }
            if (node.isIntegralNumber()) {
                BigInteger big = node.bigIntegerValue();
                return big.bitLength() < 64 ? (Object) big.longValue() : big;
            }
            if (node.isNumber()) {
                BigDecimal dec = node.decimalValue();
                // 1e999999999 is a valid JSON number; printing it would take gigabytes.
                if (Math.abs((long) dec.precision() - dec.scale()) > MAX_NUMBER_DIGITS || Math.abs(dec.scale()) > MAX_NUMBER_DIGITS) {
                    problems.add(path + ": the number " + printable(dec.toString()) + " is out of range");
                    return null;
                }
                return dec;
            }
            if (node.isArray()) {
                List<Object> list = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    list.add(value(node.get(i), path + "[" + i + "]"));
                }
                return list;
            }
            if (node.isObject()) {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (checkText(field.getKey(), path + ": the name \"" + printable(field.getKey()) + "\"")) {
                        map.put(field.getKey(), value(field.getValue(), path + "." + field.getKey()));
                    }
                }
                return map;
            }
            problems.add(path + ": " + kind(node) + " is not allowed in rule data");
            return null;
        }

        private String text(JsonNode object, String field, String path) {
            JsonNode node = object.get(field);
            if (node == null || node.isNull()) {
                problems.add(path + ": \"" + field + "\" is missing");
                return null;
            }
            if (!node.isTextual() || node.textValue().isBlank()) {
                problems.add(path + ": \"" + field + "\" must be a non-empty text, found " + kind(node));
                return null;
            }
            return checkText(node.textValue(), path + ": \"" + field + "\"") ? node.textValue() : null;
        }

        private boolean checkText(String text, String path) {
            int bad = text.codePoints().filter(RuleBaseJson::invisible).findFirst().orElse(-1);
            if (bad >= 0) {
                problems.add(path + " holds an invisible or control character (" + String.format(Locale.ROOT, "U+%04X", bad)
                        + "), which could make it look like something it is not: \"" + clip(printable(text)) + "\"");
                return false;
            }
            return true;
        }

        private void unknownFields(JsonNode object, Set<String> known, String path) {
            Set<String> unknown = new TreeSet<>();
            object.fieldNames().forEachRemaining(name -> {
                if (!known.contains(name)) {
                    unknown.add("\"" + clip(printable(name)) + "\"");
                }
            });
            if (!unknown.isEmpty()) {
                problems.add(path + ": unknown field" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                        + " (known: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }

        private static String clip(String s) {
            return s.length() > 60 ? s.substring(0, 60) + "…" : s;
        }

        private static String kind(JsonNode node) {
            if (node == null || node.isMissingNode()) {
                return "nothing";
            }
            if (node.isTextual()) {
                return "the text \"" + clip(printable(node.textValue())) + "\"";
            }
            if (node.isNumber()) {
                String n = node.isBigDecimal() ? node.decimalValue().toString() : node.asText();
                return "the number " + clip(n);
            }
            if (node.isBoolean()) {
                return String.valueOf(node.booleanValue());
            }
            if (node.isNull()) {
                return "null";
            }
            if (node.isArray()) {
                return "a list";
            }
            if (node.isObject()) {
                return "an object";
            }
            return node.getNodeType().name().toLowerCase(Locale.ROOT);
        }
    }
}
