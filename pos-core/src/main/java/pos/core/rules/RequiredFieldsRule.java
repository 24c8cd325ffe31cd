package pos.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import pos.core.sale.TenderType;

/**
 * "required_fields": the listed payment fields (orderId, payee, amount, card, account) must be
 * filled; optionally only for some tenders. The first missing field is the one to fix.
 */
public final class RequiredFieldsRule implements RuleType {

    @Override
    public String name() {
        return "required_fields";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("fields", Tenders.PARAM);
    }

    @Override
    public Rule create(String keyword, RuleParams params) {
        List<String> fields = params.texts("fields");
        if (fields.isEmpty()) {
            throw params.problem("'fields' must name at least one field");
        }
        for (String f : fields) {
            if (!Fields.REQUIRABLE.contains(f)) {
                throw params.problem("unknown field '" + RuleParams.clip(f) + "' (known: " + new java.util.TreeSet<>(Fields.REQUIRABLE) + ")");
            }
        }
        Set<TenderType> tenders = Tenders.read(params, Tenders.all());
        return new Rule() {
            @Override
            public String keyword() {
                return keyword;
            }

            @Override
            public RuleResult check(PaymentFacts facts, RuleContext context) {
                if (!tenders.contains(facts.tender())) {
                    return RuleResult.pass(keyword);
                }
                List<String> missing = new ArrayList<>();
                for (String f : fields) {
                    if (!filled(f, facts)) {
                        missing.add(f);
                    }
                }
                if (missing.isEmpty()) {
                    return RuleResult.pass(keyword);
                }
                return RuleResult.fail(keyword, "rule.required_fields.missing", missing.get(0), List.copyOf(missing));
            }
        };
    }

    private static boolean filled(String field, PaymentFacts facts) {
        return switch (field) {
            case Fields.ORDER_ID -> !facts.orderId().isBlank();
            case Fields.PAYEE -> !facts.payee().isBlank();
            case Fields.AMOUNT -> facts.amount() != null;
            case Fields.CARD -> facts.card() != null && facts.card().length() > 0;
            case Fields.ACCOUNT -> !facts.account().isBlank();
            default -> false;
        };
    }
}
