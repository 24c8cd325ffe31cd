package pos.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import pos.core.card.Bank;
import pos.core.sale.TenderType;

/**
 * "required_fields": the listed payment fields (orderId, payee, amount, card, account) must be
 * filled; optionally only for some tenders. The first missing field is the one to fix.
 */
public final class RequiredFieldsRule implements RuleType {

    /** The requirable fields as bits (bit 0 the first), for {@link #missingFields} and {@link Check#fieldBits}; same as {@link #filled}. */
    private static final List<String> BIT_ORDER = List.of(Fields.ORDER_ID, Fields.PAYEE, Fields.AMOUNT, Fields.CARD, Fields.ACCOUNT);

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
        return new Check(keyword, List.copyOf(fields), Tenders.read(params, Tenders.all()));
    }

    /** The fields of {@code facts} that are not filled, one bit per field of {@link #BIT_ORDER}. */
    static int missingFields(PaymentFacts facts) {
        int missing = 0;
        missing |= facts.orderId().isBlank() ? 1 : 0;
        missing |= facts.payee().isBlank() ? 1 << 1 : 0;
        missing |= facts.amount() == null ? 1 << 2 : 0;
        missing |= facts.card() == null || facts.card().length() == 0 ? 1 << 3 : 0;
        missing |= facts.account().isBlank() ? 1 << 4 : 0;
        return missing;
    }

    /** A compiled "required_fields" rule; it fails exactly when one of its tenders pays with one of its fields empty. */
    static final class Check extends BuiltInRule {
        final List<String> fields;
        final Set<TenderType> tenders;
        /** Its fields as bits, to be matched against {@link #missingFields}. */
        final int fieldBits;

        Check(String keyword, List<String> fields, Set<TenderType> tenders) {
            super(keyword);
            this.fields = fields;
            this.tenders = tenders;
            int bits = 0;
            for (String f : fields) {
                bits |= 1 << BIT_ORDER.indexOf(f);
            }
            this.fieldBits = bits;
        }

        @Override
        RuleResult check(PaymentFacts facts, Bank issuer, CardSpending spending) {
            if (!tenders.contains(facts.tender())) {
                return passed;
            }
            boolean allFilled = true;
            for (int i = 0; i < fields.size() && allFilled; i++) {
                allFilled = filled(fields.get(i), facts);
            }
            if (allFilled) {
                return passed;
            }
            List<String> missing = new ArrayList<>();
            for (String f : fields) {
                if (!filled(f, facts)) {
                    missing.add(f);
                }
            }
            return RuleResult.fail(keyword(), "rule.required_fields.missing", missing.get(0), List.copyOf(missing));
        }
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
