package pos.contract.hub;

import java.util.List;
import pos.contract.json.Json;

/** GET /alerts: the alerts raised now, for monitoring and the load runs. Immutable. */
public record AlertsAnswer(List<Raised> alerts) {

    public AlertsAnswer {
        alerts = List.copyOf(Json.required(alerts, "alerts"));
    }

    /**
     * One raised alert.
     *
     * @param since ISO-8601 instant it was raised
     */
    public record Raised(String name, String level, String message, String since) {
    }
}
