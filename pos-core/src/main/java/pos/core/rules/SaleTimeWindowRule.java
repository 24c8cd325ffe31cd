package pos.core.rules;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import pos.core.card.Bank;

/**
 * "sale_time_window" (R26): the listed products or categories may be sold only inside the given
 * weekly windows. Parameters: "categories" and/or "products" (product codes), "windows" (a list of
 * {"days": ["MON-FRI", "SAT"], "from": "08:00", "to": "22:00"}), and optionally "zone" (an IANA
 * time zone; otherwise the till's). Checked when an item is scanned and again at payment.
 */
public final class SaleTimeWindowRule implements RuleType {

    private static final Map<String, DayOfWeek> DAYS = Map.of("MON", DayOfWeek.MONDAY, "TUE", DayOfWeek.TUESDAY,
            "WED", DayOfWeek.WEDNESDAY, "THU", DayOfWeek.THURSDAY, "FRI", DayOfWeek.FRIDAY, "SAT", DayOfWeek.SATURDAY,
            "SUN", DayOfWeek.SUNDAY);

    @Override
    public String name() {
        return "sale_time_window";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("categories", "products", "windows", "zone");
    }

    @Override
    public Rule create(String keyword, RuleParams params) {
        ItemSelector selector = ItemSelector.read(params);
        List<TimeWindow> windows = new ArrayList<>();
        for (RuleParams w : params.objects("windows")) {
            w.allowOnly(Set.of("days", "from", "to"));
            windows.add(new TimeWindow(days(w), w.timeOfDay("from"), w.timeOfDay("to")));
        }
        if (windows.isEmpty()) {
            throw params.problem("'windows' must hold at least one window");
        }
        ZoneId zone = params.optionalText("zone").map(z -> {
            try {
                return ZoneId.of(z);
            } catch (DateTimeException e) {
                throw params.problem("'zone' is not a time zone: \"" + RuleParams.clip(z) + "\"");
            }
        }).orElse(null);
        return new WindowRule(keyword, selector, List.copyOf(windows), zone);
    }

    private static Set<DayOfWeek> days(RuleParams w) {
        EnumSet<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String d : w.texts("days")) {
            String[] range = d.split("-", -1);
            if (range.length == 1 && DAYS.containsKey(range[0])) {
                out.add(DAYS.get(range[0]));
            } else if (range.length == 2 && DAYS.containsKey(range[0]) && DAYS.containsKey(range[1])) {
                DayOfWeek day = DAYS.get(range[0]);
                DayOfWeek last = DAYS.get(range[1]);
                out.add(day);
                while (day != last) {
                    day = day.plus(1);
                    out.add(day);
                }
            } else {
                throw w.problem("'days' must hold MON, TUE, … SUN or a range like MON-FRI, got \"" + RuleParams.clip(d) + "\"");
            }
        }
        if (out.isEmpty()) {
            throw w.problem("'days' must name at least one day");
        }
        return out;
    }

    /**
     * A compiled "sale_time_window" rule; at payment it fails exactly when an item it selects is sold
     * outside all of its windows ({@link #outside}).
     */
    static final class WindowRule extends BuiltInRule implements ItemRule {
        final ItemSelector selector;
        final List<TimeWindow> windows;
        /** The rule's own time zone, or null for the till's. */
        final ZoneId zone;

        WindowRule(String keyword, ItemSelector selector, List<TimeWindow> windows, ZoneId zone) {
            super(keyword);
            this.selector = selector;
            this.windows = windows;
            this.zone = zone;
        }

        /** Whether {@code at} is outside every window of the rule, in the rule's zone. */
        boolean outside(ZonedDateTime at) {
            ZonedDateTime local = zone == null ? at : at.withZoneSameInstant(zone);
            for (int i = 0; i < windows.size(); i++) {
                if (windows.get(i).contains(local)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Optional<SaleWindowRefusal> refusal(SoldItem item, ZonedDateTime at) {
            if (!selector.matches(item) || !outside(at)) {
                return Optional.empty();
            }
            return Optional.of(new SaleWindowRefusal(keyword(), item, windows, ""));
        }

        @Override
        RuleResult check(PaymentFacts facts, Bank issuer, CardSpending spending) {
            for (SoldItem item : facts.items()) {
                if (selector.matches(item) && outside(facts.at())) {
                    return RuleResult.fail(keyword(), "rule.sale_time_window.outside", Fields.CART, item.name(), windows);
                }
            }
            return passed;
        }
    }
}
