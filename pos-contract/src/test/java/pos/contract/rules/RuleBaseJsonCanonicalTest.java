package pos.contract.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.card.Bank;
import pos.core.rules.RuleBaseDefinition;
import pos.core.rules.RuleSpec;

/** The canonical text of a rule base is what the store owner signs: its bytes must never drift. */
class RuleBaseJsonCanonicalTest {

    @Test
    @DisplayName("R14 a rule base is written as the same canonical text, byte for byte, whatever the order of its parameters (golden bytes)")
    void writesTheSignedCanonicalTextByteForByte() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("limit", 100_000);
        params.put("bank", "NORDBANK");
        params.put("share", 10.5);
        params.put("big", new BigInteger("123456789012345678901234567890"));
        params.put("exact", new BigDecimal("1000.0"));
        params.put("nested", Map.of("z", true, "a", List.of(1L, "two")));
        RuleBaseDefinition definition = new RuleBaseDefinition(7,
                List.of(new Bank("NORDBANK", "Nordbank Café", List.of("411111", "422222"))),
                List.of(new RuleSpec("nordbank-single", "bank_single_limit", params),
                        new RuleSpec("plain", "always_pass", Map.of())));

        String expected = """
                {
                  "version" : 7,
                  "banks" : [ {
                    "code" : "NORDBANK",
                    "name" : "Nordbank Café",
                    "bins" : [ "411111", "422222" ]
                  } ],
                  "rules" : [ {
                    "keyword" : "nordbank-single",
                    "type" : "bank_single_limit",
                    "params" : {
                      "bank" : "NORDBANK",
                      "big" : 123456789012345678901234567890,
                      "exact" : 1000.0,
                      "limit" : 100000,
                      "nested" : {
                        "a" : [ 1, "two" ],
                        "z" : true
                      },
                      "share" : 10.5
                    }
                  }, {
                    "keyword" : "plain",
                    "type" : "always_pass",
                    "params" : { }
                  } ]
                }
                """;
        assertThat(RuleBaseJson.write(definition)).isEqualTo(expected);
        assertThat(RuleBaseJson.sha256(RuleBaseJson.write(definition))).isEqualTo(RuleBaseJson.sha256(expected));
    }
}
