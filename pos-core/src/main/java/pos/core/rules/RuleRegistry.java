package pos.core.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import pos.core.card.BankDirectory;

/**
 * The rule types the till knows, by name, and the compiler from rule data to a {@link RuleBase}.
 * Immutable: {@link #with} returns a new registry.
 */
public final class RuleRegistry {

    /** Keywords: lower-case words joined by dots, dashes or underscores; at most 64 characters. */
    private static final Pattern KEYWORD = Pattern.compile("[a-z0-9][a-z0-9_.\\-]{0,63}");
    private static final Set<String> COMMON = Set.of("message", "enabled");
    /** A rule base larger than this is refused: the till must check every payment within milliseconds. */
    public static final int MAX_RULES = 50_000;

    private final Map<String, RuleType> types;

    private RuleRegistry(Map<String, RuleType> types) {
        this.types = Map.copyOf(types);
    }

    /** The built-in rule types: limits, card number, required fields, sale time windows, age checks. */
    public static RuleRegistry builtIn() {
        return new RuleRegistry(Map.of())
                .with(new BankSingleLimitRule())
                .with(new CardDailyLimitRule())
                .with(new CardNumberRule())
                .with(new MaxAmountRule())
                .with(new SaleTimeWindowRule())
                .with(new AgeRestrictedRule())
                .with(new RequiredFieldsRule());
    }

    public RuleRegistry with(RuleType type) {
        if (types.containsKey(type.name())) {
            throw new IllegalArgumentException("rule type registered twice: " + type.name());
        }
        Map<String, RuleType> more = new LinkedHashMap<>(types);
        more.put(type.name(), type);
        return new RuleRegistry(more);
    }

    public Set<String> typeNames() {
        return new TreeSet<>(types.keySet());
    }

    /**
     * Checks rule data and builds the rule base from it.
     *
     * @throws RuleDefinitionException listing every problem; nothing half-built is returned
     */
    public RuleBase compile(RuleBaseDefinition definition) {
        List<String> problems = new ArrayList<>();
        if (definition.version() < 0) {
            problems.add("version must not be negative, got " + definition.version());
        }
        if (definition.rules().size() > MAX_RULES) {
            throw new RuleDefinitionException("more than " + MAX_RULES + " rules (" + definition.rules().size() + ")");
        }
        BankDirectory banks = BankDirectory.empty();
        try {
            banks = new BankDirectory(definition.banks());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        Set<String> keywords = new HashSet<>();
        List<Rule> rules = new ArrayList<>(definition.rules().size());
        for (RuleSpec spec : definition.rules()) {
            String keyword = spec.keyword();
            if (!KEYWORD.matcher(keyword).matches()) {
                problems.add("rule keyword \"" + RuleParams.clip(keyword)
                        + "\" must be lower-case letters, digits, '.', '_' or '-' (at most 64)");
                continue;
            }
            if (!keywords.add(keyword)) {
                problems.add("rule '" + keyword + "' is written twice; keywords must be unique");
                continue;
            }
            RuleType type = types.get(spec.type());
            if (type == null) {
                problems.add("rule '" + keyword + "': unknown type '" + RuleParams.clip(spec.type()) + "' (known: "
                        + String.join(", ", typeNames()) + ")");
                continue;
            }
            RuleParams params = new RuleParams("rule '" + keyword + "' (" + type.name() + ")", spec.params());
            try {
                Set<String> allowed = new HashSet<>(type.parameters());
                allowed.addAll(COMMON);
                params.allowOnly(allowed);
                boolean enabled = params.flag("enabled", true);
                String message = params.optionalText("message").orElse("");
                Map<String, Object> own = new LinkedHashMap<>(spec.params());
                own.keySet().removeAll(COMMON);
                Rule rule = type.create(keyword, new RuleParams(params.owner(), own));
                if (enabled) {
                    if (!keyword.equals(rule.keyword())) {
                        throw params.problem("type " + type.name() + " built a rule with another keyword");
                    }
                    rules.add(message.isEmpty() ? rule : new WithMessage(rule, message));
                }
            } catch (RuleDefinitionException e) {
                problems.addAll(e.problems());
            } catch (RuntimeException e) {
                problems.add(params.owner() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleDefinitionException(problems);
        }
        return new RuleBase(definition.version(), banks, rules);
    }

    /** A rule with the store's own message, shown instead of the bundle text when it fails. */
    record WithMessage(Rule rule, String message) implements ItemRule {
        @Override
        public String keyword() {
            return rule.keyword();
        }

        @Override
        public RuleResult check(PaymentFacts facts, RuleContext context) {
            return rule.check(facts, context).withCustomMessage(message);
        }

        @Override
        public java.util.Optional<SaleWindowRefusal> refusal(SoldItem item, java.time.ZonedDateTime at) {
            if (rule instanceof ItemRule itemRule) {
                return itemRule.refusal(item, at).map(r -> new SaleWindowRefusal(r.keyword(), r.item(), r.windows(), message));
            }
            return java.util.Optional.empty();
        }
    }
}
