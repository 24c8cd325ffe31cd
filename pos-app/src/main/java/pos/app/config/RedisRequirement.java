package pos.app.config;

/**
 * {@code pos.redis.requirement}: what the till does when the store's Redis cannot be reached as it starts.
 */
public enum RedisRequirement {
    /** It starts anyway and sells offline; sales wait in the journal until Redis is back (the default). */
    OPTIONAL,
    /**
     * It checks that Redis answers and takes this till's login before it opens, and does not start otherwise: for a
     * store that wants a misconfigured till found at once, not at the end of the day.
     */
    REQUIRED
}
