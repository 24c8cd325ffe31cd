package pos.sync.rules;

import pos.contract.rules.RuleBaseJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import pos.core.card.Bank;
import pos.core.rules.RuleBase;
import pos.core.rules.RuleBaseDefinition;
import pos.core.rules.RuleDefinitionException;
import pos.core.rules.RuleRegistry;
import pos.core.rules.RuleSpec;
import pos.core.rules.SoldItem;

@DisplayName("Rule data as JSON")
class RuleBaseJsonTest {

    private static final RuleRegistry REGISTRY = RuleRegistry.builtIn();

    private static final String GOOD = """
            {"version": 3,
             "banks": [{"code": "NORDBANK", "name": "Nordbank", "bins": ["411111"]}],
             "rules": [
               {"keyword": "nordbank-single", "type": "bank_single_limit", "params": {"bank": "NORDBANK", "limit": 100000}},
               {"keyword": "max-sale", "type": "max_amount", "params": {"limit": 500000, "message": "Ask the manager"}},
               {"keyword": "alcohol-hours", "type": "sale_time_window",
                "params": {"categories": ["alcohol"], "windows": [{"days": ["MON-SAT"], "from": "08:00", "to": "22:00"}]}}
             ]}
            """;

    @Test
    @DisplayName("R14 good rule data reads, compiles, and round-trips through the canonical writer unchanged")
    void goodRuleDataRoundTrips() {
        RuleBaseDefinition read = RuleBaseJson.read(GOOD);
        assertThat(read.version()).isEqualTo(3);
        assertThat(read.banks()).containsExactly(new Bank("NORDBANK", "Nordbank", List.of("411111")));
        assertThat(read.rules()).extracting(RuleSpec::keyword).containsExactly("nordbank-single", "max-sale", "alcohol-hours");
        assertThat(read.rules().get(0).params()).containsEntry("limit", 100000L).containsEntry("bank", "NORDBANK");

        String written = RuleBaseJson.write(read);
        RuleBaseDefinition again = RuleBaseJson.read(written);
        assertThat(again).isEqualTo(read);
        assertThat(RuleBaseJson.write(again)).isEqualTo(written);
        assertThat(RuleBaseJson.sha256(written)).hasSize(64).isEqualTo(RuleBaseJson.sha256(RuleBaseJson.write(again)));

        RuleBase base = RuleBaseJson.compile(written, REGISTRY);
        assertThat(base.version()).isEqualTo(3);
        assertThat(base.keywords()).containsExactly("nordbank-single", "max-sale", "alcohol-hours");
    }

    @Test
    @DisplayName("R14 R26 the bundled default rules compile: banks for the test cards, limits, alcohol hours and age")
    void bundledDefaultsCompile() {
        RuleBase defaults = RuleBaseKeeper.defaults(REGISTRY);
        assertThat(defaults.version()).isZero();
        assertThat(defaults.keywords()).contains("card-number", "required-fields", "required-card", "max-sale-amount",
                "card-daily-limit", "nordbank-single-limit", "harbour-single-limit", "eastpay-single-limit",
                "alcohol-hours", "alcohol-age");
        assertThat(defaults.banks().banks()).extracting(Bank::code).containsExactlyInAnyOrder("NORDBANK", "HARBOUR", "EASTPAY");

        SoldItem beer = new SoldItem("1056", "Lager beer 0.5 L", "alcohol");
        ZoneId zone = ZoneId.of("Europe/Berlin");
        assertThat(defaults.sellable(beer, ZonedDateTime.of(2026, 11, 29, 12, 0, 0, 0, zone))).isEmpty(); // Sunday noon
        assertThat(defaults.sellable(beer, ZonedDateTime.of(2026, 11, 29, 19, 0, 0, 0, zone))).isPresent(); // Sunday 19:00
        assertThat(defaults.sellable(beer, ZonedDateTime.of(2026, 11, 28, 21, 59, 0, 0, zone))).isEmpty(); // Saturday
        assertThat(defaults.sellable(beer, ZonedDateTime.of(2026, 11, 27, 7, 30, 0, 0, zone))).isPresent(); // Friday early
    }

    static Stream<Arguments> brokenRuleData() {
        String rule = "{\"keyword\": \"max-sale\", \"type\": \"max_amount\", \"params\": {\"limit\": %s}}";
        return Stream.of(
                Arguments.of("truncated", GOOD.substring(0, GOOD.length() / 2), "ends too early"),
                Arguments.of("empty", "   ", "empty"),
                Arguments.of("not an object", "[1, 2]", "must be an object"),
                Arguments.of("duplicate top-level key", "{\"rules\": [], \"rules\": []}", "\"rules\" is written twice"),
                Arguments.of("duplicate parameter", "{\"rules\": [{\"keyword\": \"m\", \"type\": \"max_amount\","
                        + " \"params\": {\"limit\": 1, \"limit\": 99999999}}]}", "\"limit\" is written twice"),
                Arguments.of("line and column of a syntax error", "{\n  \"rules\": [\n    {\"keyword\" \"m\"}]}", "line 3, column"),
                Arguments.of("rules not a list", "{\"rules\": {\"keyword\": \"m\"}}", "\"rules\" must be a list"),
                Arguments.of("rules missing", "{\"version\": 1}", "\"rules\" is missing"),
                Arguments.of("version as text", "{\"version\": \"7\", \"rules\": []}", "\"version\" must be a whole number"),
                Arguments.of("negative version", "{\"version\": -1, \"rules\": []}", "\"version\" must be a whole number"),
                Arguments.of("keyword a number", "{\"rules\": [{\"keyword\": 5, \"type\": \"max_amount\"}]}",
                        "\"keyword\" must be a non-empty text, found the number 5"),
                Arguments.of("unknown top-level field", "{\"rules\": [], \"rulez\": []}", "unknown field \"rulez\""),
                Arguments.of("unknown rule field", "{\"rules\": [{\"keyword\": \"m\", \"type\": \"max_amount\","
                        + " \"parms\": {\"limit\": 5}}]}", "unknown field \"parms\""),
                Arguments.of("unknown bank field", "{\"banks\": [{\"code\": \"A\", \"name\": \"A\", \"bins\": [\"4\"],"
                        + " \"bin\": \"4\"}], \"rules\": []}", "unknown field \"bin\""),
                Arguments.of("BIN as a number", "{\"banks\": [{\"code\": \"A\", \"name\": \"A\", \"bins\": [411111]}],"
                        + " \"rules\": []}", "bins[0] must be a text of digits"),
                Arguments.of("BIN with letters", "{\"banks\": [{\"code\": \"A\", \"name\": \"A\", \"bins\": [\"41x\"]}],"
                        + " \"rules\": []}", "a BIN is 1 to 8 digits"),
                Arguments.of("unknown rule type", "{\"rules\": [{\"keyword\": \"m\", \"type\": \"max_amout\"}]}",
                        "unknown type 'max_amout'"),
                Arguments.of("limit as text", "{\"rules\": [" + rule.formatted("\"1000\"") + "]}", "must be a whole number"),
                Arguments.of("fraction for a limit", "{\"rules\": [" + rule.formatted("10.5") + "]}",
                        "must be a whole number of minor units, got 10.5"),
                Arguments.of("tiny fraction for a limit", "{\"rules\": [" + rule.formatted("1000.0000000000000000001") + "]}",
                        "must be a whole number of minor units"),
                Arguments.of("negative limit", "{\"rules\": [" + rule.formatted("-5") + "]}", "must not be negative"),
                Arguments.of("huge limit", "{\"rules\": [" + rule.formatted("99999999999999999999999") + "]}", "too large"),
                Arguments.of("absurd exponent", "{\"rules\": [" + rule.formatted("1e999999999") + "]}", "out of range"),
                Arguments.of("number with too many digits", "{\"rules\": [" + rule.formatted("1".repeat(60)) + "]}",
                        "more than 40 digits"),
                Arguments.of("NaN", "{\"rules\": [" + rule.formatted("NaN") + "]}", "NaN and Infinity are not numbers"),
                Arguments.of("Infinity", "{\"rules\": [" + rule.formatted("-Infinity") + "]}", "not"),
                Arguments.of("trailing garbage", "{\"rules\": []} {\"rules\": []}", "more after the end"),
                Arguments.of("trailing word", "{\"rules\": []} x", "line 1"),
                Arguments.of("comment", "{\"rules\": [] /* hi */}", "line 1"),
                Arguments.of("single quotes", "{'rules': []}", "line 1, column 2"),
                Arguments.of("deep nesting", "{\"rules\": [{\"keyword\": \"m\", \"type\": \"max_amount\", \"params\": {\"x\": "
                        + "[".repeat(100) + "]".repeat(100) + "}}]}", "nested deeper than 32 levels"),
                Arguments.of("right-to-left override in a keyword", "{\"rules\": [{\"keyword\": \"max\u202E-sale\","
                        + " \"type\": \"max_amount\", \"params\": {\"limit\": 5}}]}", "U+202E"),
                Arguments.of("zero-width space in a keyword", "{\"rules\": [{\"keyword\": \"max\u200B-sale\","
                        + " \"type\": \"max_amount\", \"params\": {\"limit\": 5}}]}", "U+200B"),
                Arguments.of("zero-width joiner in a bank code", "{\"banks\": [{\"code\": \"NORD\u200DBANK\", \"name\": \"N\","
                        + " \"bins\": [\"4\"]}], \"rules\": []}", "invisible"),
                Arguments.of("escaped RTL override in a message", "{\"rules\": [{\"keyword\": \"m\", \"type\": \"max_amount\","
                        + " \"params\": {\"limit\": 5, \"message\": \"ok \\u202e\"}}]}", "U+202E"),
                Arguments.of("lone surrogate", "{\"rules\": [{\"keyword\": \"m\\ud800\", \"type\": \"max_amount\"}]}", "U+D800"),
                Arguments.of("NUL in a type", "{\"rules\": [{\"keyword\": \"m\", \"type\": \"max_amount\\u0000\"}]}", "U+0000"),
                Arguments.of("upper-case keyword", "{\"rules\": [{\"keyword\": \"Max\", \"type\": \"max_amount\","
                        + " \"params\": {\"limit\": 5}}]}", "must be lower-case"),
                Arguments.of("keyword written twice", "{\"rules\": [" + rule.formatted("5") + ", " + rule.formatted("6")
                        + "]}", "written twice"),
                Arguments.of("unknown parameter", "{\"rules\": [{\"keyword\": \"m\", \"type\": \"max_amount\","
                        + " \"params\": {\"limit\": 5, \"limt\": 6}}]}", "unknown parameter limt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRuleData")
    @DisplayName("R14 broken rule data is refused with a sentence saying what and where, never a parser's stack trace")
    void brokenRuleDataIsRefusedClearly(String what, String json, String expected) {
        assertThatThrownBy(() -> RuleBaseJson.compile(json, REGISTRY))
                .as(what)
                .isInstanceOf(RuleDefinitionException.class)
                .hasMessageStartingWith("rule data refused")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("com.fasterxml", "Exception", "at [Source", "\n")
                        .hasSizeLessThan(2_000));
    }

    @Test
    @DisplayName("R14 rule data over 8 MiB is refused before it is parsed")
    void hugeRuleDataIsRefusedBeforeParsing() {
        String huge = "{\"rules\": [], \"pad\": \"" + "x".repeat(RuleBaseJson.MAX_BYTES) + "\"}";
        long started = System.nanoTime();
        assertThatThrownBy(() -> RuleBaseJson.read(huge))
                .isInstanceOf(RuleDefinitionException.class)
                .hasMessageContaining("at most 8388608 bytes (8 MiB)");
        assertThatThrownBy(() -> RuleBaseJson.read(huge.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RuleDefinitionException.class)
                .hasMessageContaining("at most 8388608 bytes");
        // multi-byte characters count as their UTF-8 bytes
        String wide = "{\"rules\": [], \"pad\": \"" + "€".repeat(RuleBaseJson.MAX_BYTES / 3 + 1) + "\"}";
        assertThatThrownBy(() -> RuleBaseJson.read(wide)).hasMessageContaining("8 MiB");
        assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
    }

    @Test
    @DisplayName("R14 bytes that are not UTF-8 are refused")
    void bytesThatAreNotUtf8AreRefused() {
        byte[] latin1 = "{\"rules\": [], \"x\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> RuleBaseJson.read(latin1)).isInstanceOf(RuleDefinitionException.class)
                .hasMessageContaining("not UTF-8");
    }

    @Test
    @DisplayName("R14 several problems are all reported at once")
    void severalProblemsAreAllReported() {
        String json = "{\"version\": \"x\", \"banks\": 5, \"rules\": [7, {\"keyword\": \"k\"}]}";
        assertThatThrownBy(() -> RuleBaseJson.read(json))
                .isInstanceOfSatisfying(RuleDefinitionException.class, e -> assertThat(e.problems())
                        .hasSize(4)
                        .anySatisfy(p -> assertThat(p).contains("\"version\""))
                        .anySatisfy(p -> assertThat(p).contains("\"banks\" must be a list"))
                        .anySatisfy(p -> assertThat(p).contains("rules[0] must be an object"))
                        .anySatisfy(p -> assertThat(p).contains("rules[1] ('k'): \"type\" is missing")));
    }

    @Test
    @DisplayName("R14 whole numbers read as long and decimals as BigDecimal, exactly; texts with accents are fine")
    void numbersAreReadExactly() {
        RuleBaseDefinition read = RuleBaseJson.read("{\"rules\": [{\"keyword\": \"m\", \"type\": \"max_amount\","
                + " \"params\": {\"limit\": 1000.0, \"message\": \"Café: über 10 € bitte an der Kasse 2\"}}]}");
        Map<String, Object> params = read.rules().get(0).params();
        assertThat(params.get("limit")).isEqualTo(new BigDecimal("1000.0"));
        assertThat(RuleBaseJson.compile(RuleBaseJson.write(read), REGISTRY).size()).isEqualTo(1);
        assertThat(RuleBaseJson.write(read)).contains("1000.0").contains("Café");
    }
}
