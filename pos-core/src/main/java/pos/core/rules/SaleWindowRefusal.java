package pos.core.rules;

import java.util.List;

/**
 * Why an item cannot be sold now (R26): the rule that forbids it and the windows in which it may
 * be sold, for the message.
 */
public record SaleWindowRefusal(String keyword, SoldItem item, List<TimeWindow> windows, String customMessage) {
    public SaleWindowRefusal {
        windows = List.copyOf(windows);
        customMessage = customMessage == null ? "" : customMessage;
    }
}
