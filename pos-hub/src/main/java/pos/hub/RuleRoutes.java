package pos.hub;

import static pos.hub.HttpAnswers.ANSWERED;
import static pos.hub.HttpAnswers.answer;
import static pos.hub.HttpAnswers.error;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.TransactionIds;
import pos.contract.hub.ErrorAnswer;
import pos.contract.rules.PublishedRuleBase;
import pos.contract.rules.RuleBaseJson;
import pos.core.rules.RuleDefinitionException;
import pos.hub.http.HttpGuard;
import pos.hub.http.SlowBodyGate;
import pos.hub.rules.RuleAnswers;
import pos.hub.rules.RuleBaseNotSignedException;
import pos.hub.rules.RuleBasePublisher;
import pos.hub.rules.RuleBaseVersionConflictException;

/**
 * PUT/POST /rules (the owner's, signed), GET /rules, GET /rules/version: the store's rule base (R14, issue 10).
 * Thread-safe.
 */
final class RuleRoutes {

    private static final Logger log = LoggerFactory.getLogger(RuleRoutes.class);

    private final RuleBasePublisher rules;
    private final SlowBodyGate bodies;

    RuleRoutes(RuleBasePublisher rules, SlowBodyGate bodies) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
    }

    /** Adds this feature's routes to {@code javalin}. */
    void register(Javalin javalin) {
        javalin.put("/rules", this::publishRules);
        javalin.post("/rules", this::publishRules);
        javalin.get("/rules", this::currentRules);
        javalin.get("/rules/version", this::rulesVersion);
    }
    private void publishRules(Context ctx) {
        // Only the owner gets here (HttpGuard, AccessPolicy: PUT/POST /rules is the owner's).
        byte[] body = bodies.read(ctx.req(), RuleBaseJson.MAX_BYTES);
        String by = "hub HTTP from " + ctx.ip() + Optional.ofNullable(ctx.header("X-Published-By"))
                .map(name -> " (" + TransactionIds.printable(name) + ")").orElse("");
        RuleBasePublisher.Outcome outcome;
        try {
            outcome = rules.publish(body, signedVersion(ctx), ctx.header(HubHttp.RULES_SIGNATURE_HEADER), by);
        } catch (RuleBaseNotSignedException e) {
            log.warn("SEC refused rule data from {}: {}", ctx.ip(), e.getMessage());
            answer(ctx, 403, error("not_signed", e.getMessage()));
            return;
        } catch (RuleBaseVersionConflictException e) {
            log.warn("Refused rule data from {}: {}", ctx.ip(), e.getMessage());
            answer(ctx, 409, new ErrorAnswer("version_conflict", e.getMessage(), e.expectedVersion(), null));
            return;
        } catch (RuleDefinitionException e) {
            log.warn("Refused rule data from {}: {}", ctx.ip(), e.getMessage());
            answer(ctx, 422, new ErrorAnswer("rules_refused", e.getMessage(), null, e.problems()));
            return;
        }
        PublishedRuleBase published = outcome.published();
        answer(ctx, 201, new RuleAnswers.Published(published.version(), published.sha256(), published.ruleCount(),
                published.publishedAt().toString(), outcome.inRedis(), outcome.redisProblem() == null ? null
                        : "Redis cannot be reached (" + outcome.redisProblem() + "); the tills get this version when it is back"));
    }
    /** The version the owner signed (header {@value HubHttp#RULES_VERSION_HEADER}); -1 when missing, which no signature covers. */
    private static long signedVersion(Context ctx) {
        String text = ctx.header(HubHttp.RULES_VERSION_HEADER);
        if (text == null || !text.strip().matches("\\d{1,19}")) {
            return -1;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1; // 19 digits above Long.MAX_VALUE: no version the hub ever gives
        }
    }
    private void rulesVersion(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        long inForce = rules.versionInForce();
        answer(ctx, 200, new RuleAnswers.Version(inForce, inForce + 1, rules.signing().storeId()));
    }
    private void currentRules(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        Optional<RuleBasePublisher.InForce> inForce = rules.current();
        if (inForce.isEmpty()) {
            throw new HttpProblem(404, "no_rules", "no rule base has been published yet; the tills use their cached or"
                    + " bundled default rules");
        }
        ctx.header(HubHttp.RULES_VERSION_HEADER, Long.toString(inForce.get().version()));
        if (inForce.get().signature() != null) {
            ctx.header(HubHttp.RULES_SIGNATURE_HEADER, inForce.get().signature());
        }
        ctx.header("ETag", "\"" + RuleBaseJson.sha256(inForce.get().body()) + "\"");
        ctx.attribute(ANSWERED, Boolean.TRUE);
        ctx.status(200).contentType("application/json; charset=utf-8").result(inForce.get().body());
    }
}
