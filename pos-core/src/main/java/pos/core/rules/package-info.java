/**
 * The local rule base that checks every payment before it leaves the counter (R13–R15) and every
 * item against its sale time windows (R26). Rule data ({@link pos.core.rules.RuleBaseDefinition})
 * maps keywords to typed rules; {@link pos.core.rules.RuleRegistry} compiles it, refusing bad data
 * with a message naming every problem; {@link pos.core.rules.RuleBase#verify} returns one result
 * per keyword and passes only when all pass. A new rule type is one {@link pos.core.rules.RuleType}
 * class and one {@link pos.core.rules.RuleRegistry#with} call.
 */
package pos.core.rules;
