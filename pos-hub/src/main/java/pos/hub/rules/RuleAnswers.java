package pos.hub.rules;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the hub's /rules routes answer, as the routes write them and {@link RuleBaseMain} reads them. */
public final class RuleAnswers {

    private RuleAnswers() {
    }

    /**
     * PUT /rules, 201: the version published.
     *
     * @param rules        how many rules it holds
     * @param redisProblem why the tills get it only once Redis is back; left out while Redis is up
     */
    public record Published(long version, String sha256, int rules, String publishedAt, boolean inRedis,
            @JsonInclude(JsonInclude.Include.NON_NULL) String redisProblem) {
    }

    /** GET /rules/version: the version in force, the next one to sign and the store it is for. */
    public record Version(long version, long next, String storeId) {
    }
}
