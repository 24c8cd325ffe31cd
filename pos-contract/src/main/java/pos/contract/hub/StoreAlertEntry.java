package pos.contract.hub;

import pos.contract.json.Json;

/**
 * One raised alert as the hub keeps it in the alerts hash (field = the alert's name) for the tills'
 * status bars. Immutable.
 *
 * @param level   "WARNING" or "CRITICAL"
 * @param message a sentence for a person
 * @param since   ISO-8601 instant it was raised
 */
public record StoreAlertEntry(String level, String message, String since) {

    public StoreAlertEntry {
        Json.required(level, "level");
        Json.required(message, "message");
        Json.required(since, "since");
    }
}
