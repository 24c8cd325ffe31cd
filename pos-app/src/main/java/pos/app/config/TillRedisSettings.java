package pos.app.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import pos.contract.redis.InvalidRedisCredentialsException;
import pos.contract.redis.RedisCredentials;
import pos.contract.redis.RedisSettings;

/**
 * How the till logs in to the store's Redis (issue 10): the ACL user {@code pos.redis.user}, its password from
 * {@code pos.redis.passwordFile} (mode 0600) or the environment variable {@code POS_REDIS_PASSWORD}, and the CA
 * that signed Redis's certificate, {@code pos.redis.caFile}, for a {@code rediss://} URL. Every connection the
 * till opens to Redis uses the same settings. Stateless and thread-safe.
 */
public final class TillRedisSettings {

    private TillRedisSettings() {
    }

    /**
     * The Redis login of {@code config}; the password is read now and never kept in the configuration.
     *
     * @param environment where {@code POS_REDIS_PASSWORD} may come from when no password file is configured
     * @throws ConfigException naming the setting when the user has no password, the file is missing or others may
     *     read it (with the {@code chmod 600} to run), or a password file is given without a user
     */
    public static RedisSettings of(TillConfig config, Map<String, String> environment) {
        return of(config.redisUser(), config.redisPasswordFile(), config.redisCaFile(), environment);
    }

    /**
     * The Redis login of {@code pos.redis.user}, {@code pos.redis.passwordFile} and {@code pos.redis.caFile}; the
     * password is read now.
     *
     * @throws ConfigException as {@link #of(TillConfig, Map)}
     */
    public static RedisSettings of(Optional<String> user, Optional<java.nio.file.Path> passwordFile,
            Optional<java.nio.file.Path> caFile, Map<String, String> environment) {
        if (user.isEmpty() && passwordFile.isPresent()) {
            throw new ConfigException("pos.redis.passwordFile is set but pos.redis.user is not: give the Redis ACL user"
                    + " the password belongs to (e.g. pos.redis.user=pos-till)", null);
        }
        RedisSettings settings = RedisSettings.none();
        if (user.isPresent()) {
            Map<String, String> login = new HashMap<>();
            login.put(RedisCredentials.USER_VARIABLE, user.get());
            passwordFile.ifPresent(file -> login.put(RedisCredentials.PASSWORD_FILE_VARIABLE, file.toString()));
            String password = environment.get(RedisCredentials.PASSWORD_VARIABLE);
            if (password != null) {
                login.put(RedisCredentials.PASSWORD_VARIABLE, password);
            }
            try {
                settings = settings.withCredentials(RedisCredentials.fromEnvironment(login).orElseThrow());
            } catch (InvalidRedisCredentialsException e) {
                throw new ConfigException("pos.redis.user " + user.get() + ": " + (passwordFile.isPresent()
                        ? e.getMessage()
                        : "no password: set pos.redis.passwordFile (a file only this user may read, mode 0600) or "
                                + RedisCredentials.PASSWORD_VARIABLE), e);
            }
        }
        if (caFile.isPresent()) {
            if (!java.nio.file.Files.isReadable(caFile.get())) {
                throw new ConfigException("pos.redis.caFile: cannot read " + caFile.get()
                        + " (the PEM file with the CA that signed the store Redis's certificate)", null);
            }
            settings = settings.withCaCertificate(caFile.get());
        }
        return settings;
    }
}
