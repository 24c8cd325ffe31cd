package pos.core.rules;

import java.util.EnumSet;
import java.util.Set;
import pos.core.sale.TenderType;

/** The optional "tenders" parameter: which tender types a rule applies to (all when absent). */
final class Tenders {

    static final String PARAM = "tenders";

    private Tenders() {
    }

    static Set<TenderType> read(RuleParams params, Set<TenderType> otherwise) {
        if (!params.has(PARAM)) {
            return otherwise;
        }
        EnumSet<TenderType> out = EnumSet.noneOf(TenderType.class);
        for (String name : params.texts(PARAM)) {
            try {
                out.add(TenderType.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw params.problem("unknown tender '" + RuleParams.clip(name) + "' in 'tenders' (known: "
                        + java.util.Arrays.toString(TenderType.values()) + ")");
            }
        }
        if (out.isEmpty()) {
            throw params.problem("'tenders' must name at least one tender");
        }
        return Set.copyOf(out);
    }

    static Set<TenderType> all() {
        return Set.copyOf(EnumSet.allOf(TenderType.class));
    }
}
