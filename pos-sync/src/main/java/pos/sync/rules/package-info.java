/**
 * Rule-base distribution (R13, R14; DESIGN §4 "rule base = versioned value plus a change channel").
 *
 * <p>The store's side: {@link pos.hub.rules.RuleBasePublisher} (run by the store hub behind
 * {@code PUT /rules}) checks rule data with {@link pos.contract.rules.RuleBaseJson} and
 * {@link pos.core.rules.RuleRegistry}, stores it as the next version in MariaDB
 * ({@link pos.hub.rules.MariaDbRuleBaseStore}, table {@code rule_base_versions}) and copies it to
 * Redis ({@link pos.contract.rules.RedisRuleBaseBoard}, keys in {@link pos.contract.rules.RuleBaseKeys}).
 * The till's side: {@link pos.sync.rules.RuleBaseKeeper} holds the rule base in force, starting
 * from its cache ({@link pos.sync.rules.SqliteRuleBaseCache}) or the bundled defaults, and follows
 * the hub through Redis. {@link pos.hub.rules.RuleBaseMain} is {@code ./pos hub rules}.
 */
package pos.sync.rules;
