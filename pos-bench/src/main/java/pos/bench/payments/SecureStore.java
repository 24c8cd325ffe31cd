package pos.bench.payments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import pos.contract.auth.Ed25519;
import pos.contract.auth.SecretFiles;
import pos.contract.redis.RedisAcl;
import pos.contract.redis.RedisCredentials;
import pos.contract.redis.RedisSettings;
import pos.sync.hub.HubClient;
import pos.testkit.redis.RedisProcess;

/**
 * The secrets and trust of a secured fault run (issue 10), set up the way a store's IT person
 * would: the hub's result signing key in a 0600 file, a store CA (keytool, a child process) that
 * signs the hub's HTTPS certificate for {@code 127.0.0.1} and {@code localhost}, the key store's
 * password in a 0600 file, and the Redis ACL users' passwords in 0600 files. Passwords go to
 * keytool and to the hub's child JVM only as file names (never on a command line), and nothing
 * here prints a secret. Immutable after {@link #create}; thread-safe.
 */
final class SecureStore {

    private final Path dir;
    private final RedisProcess redis;
    private final PublicKey hubPublicKey;
    private final Path hubKeyFile;
    private final Path keyStore;
    private final Path keyStorePasswordFile;
    private final Path storeCa;
    private final SSLContext hubTrust;
    private final Path hubRedisPasswordFile;

    private SecureStore(Path dir, RedisProcess redis, PublicKey hubPublicKey, Path hubKeyFile, Path keyStore,
            Path keyStorePasswordFile, Path storeCa, Path hubRedisPasswordFile) {
        this.dir = dir;
        this.redis = redis;
        this.hubPublicKey = hubPublicKey;
        this.hubKeyFile = hubKeyFile;
        this.keyStore = keyStore;
        this.keyStorePasswordFile = keyStorePasswordFile;
        this.storeCa = storeCa;
        this.hubTrust = HubClient.trusting(storeCa, null);
        this.hubRedisPasswordFile = hubRedisPasswordFile;
    }

    /** The Redis a secured run uses: TLS only, the {@code default} user off, the hub's and the tills' ACL users. */
    static RedisProcess.Builder securedRedis() {
        return RedisProcess.builder().tls()
                .aclUser(RedisAcl.HUB_USER, RedisAcl.hubRules())
                .aclUser(RedisAcl.TILL_USER, RedisAcl.tillRules());
    }

    /**
     * Makes the keys, the CA, the hub's key store and the password files in {@code dir}.
     *
     * @param redis a started {@link #securedRedis()} server
     * @throws IllegalStateException when keytool fails (its output, which holds no password, is in the message)
     */
    static SecureStore create(Path dir, RedisProcess redis) {
        Objects.requireNonNull(redis, "redis");
        if (!redis.isTls() || !redis.aclUsers().contains(RedisAcl.HUB_USER) || !redis.aclUsers().contains(RedisAcl.TILL_USER)) {
            throw new IllegalArgumentException("a secured fault run needs Redis with TLS and the users " + RedisAcl.HUB_USER
                    + " and " + RedisAcl.TILL_USER + ": " + redis);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir + " for the run's keys: " + e.getMessage(), e);
        }
        KeyPair hubKeys = Ed25519.generate();
        Path hubKeyFile = dir.resolve("hub.key");
        SecretFiles.write(hubKeyFile, Ed25519.privateKeyText(hubKeys.getPrivate()), "the hub's result signing key");

        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        Path storePassword = dir.resolve("keystore.password");
        SecretFiles.write(storePassword, HexFormat.of().formatHex(random), "the hub's key store password");
        String pw = storePassword.getFileName().toString();
        keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=Fault run store CA", "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12", "-storetype", "PKCS12",
                "-storepass:file", pw);
        keytool(dir, "-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-storepass:file", pw, "-file", "ca.pem");
        keytool(dir, "-genkeypair", "-alias", "hub", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=pos hub",
                "-validity", "2", "-keystore", "hub.p12", "-storetype", "PKCS12", "-storepass:file", pw);
        keytool(dir, "-certreq", "-alias", "hub", "-keystore", "hub.p12", "-storepass:file", pw, "-file", "hub.csr");
        keytool(dir, "-gencert", "-alias", "ca", "-keystore", "ca.p12", "-storepass:file", pw, "-infile", "hub.csr",
                "-outfile", "hub.pem", "-rfc", "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2");
        keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-keystore", "hub.p12", "-storepass:file", pw, "-file",
                "ca.pem");
        keytool(dir, "-importcert", "-alias", "hub", "-keystore", "hub.p12", "-storepass:file", pw, "-file", "hub.pem");

        Path hubRedisPassword = dir.resolve("redis-" + RedisAcl.HUB_USER + ".password");
        SecretFiles.write(hubRedisPassword, redis.password(RedisAcl.HUB_USER), "the hub's Redis password");
        SecretFiles.write(dir.resolve("redis-" + RedisAcl.TILL_USER + ".password"), redis.password(RedisAcl.TILL_USER),
                "the tills' Redis password");
        return new SecureStore(dir, redis, hubKeys.getPublic(), hubKeyFile, dir.resolve("hub.p12"), storePassword,
                dir.resolve("ca.pem"), hubRedisPassword);
    }

    /** The hub's options for its result key and HTTPS (file names only). */
    List<String> hubArguments() {
        return List.of("--hub-key-file", hubKeyFile.toString(), "--tls-keystore", keyStore.toString(),
                "--tls-keystore-password-file", keyStorePasswordFile.toString());
    }

    /** The hub child JVM's environment: its Redis user, the 0600 file with its password, the Redis CA. */
    Map<String, String> hubEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(RedisCredentials.USER_VARIABLE, RedisAcl.HUB_USER);
        environment.put(RedisCredentials.PASSWORD_FILE_VARIABLE, hubRedisPasswordFile.toString());
        environment.put("POS_REDIS_CA_FILE", redis.tlsFiles().caCertificate().toString());
        return environment;
    }

    /** How a till logs in to Redis: as {@value RedisAcl#TILL_USER}, trusting the Redis CA's PKCS12 trust store. */
    RedisSettings tillRedis() {
        return RedisSettings.none()
                .withCredentials(RedisCredentials.fromFile(RedisAcl.TILL_USER, tillRedisPasswordFile()))
                .withTrustStore(redis.tlsFiles().trustStore(), redis.tlsFiles().trustStorePassword());
    }

    /** How the run itself looks into Redis to count (the harness's admin user, not a store role). */
    RedisSettings observerRedis() {
        return RedisSettings.none()
                .withCredentials(RedisCredentials.of(RedisProcess.ADMIN_USER, redis.password(RedisProcess.ADMIN_USER)
                        .toCharArray()))
                .withCaCertificate(redis.tlsFiles().caCertificate());
    }

    /** Redis settings with the right trust but no user: what anyone on the store network without a password gets. */
    RedisSettings anonymousRedis() {
        return RedisSettings.none().withCaCertificate(redis.tlsFiles().caCertificate());
    }

    private Path tillRedisPasswordFile() {
        return dir.resolve("redis-" + RedisAcl.TILL_USER + ".password");
    }

    /** Trust in the store CA that signed the hub's HTTPS certificate. */
    SSLContext hubTrust() {
        return hubTrust;
    }

    /** The store CA's certificate (PEM). */
    Path storeCa() {
        return storeCa;
    }

    /** The hub's result key, which the tills are configured with. */
    PublicKey hubPublicKey() {
        return hubPublicKey;
    }

    private static void keytool(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + args[0] + " did not finish within 60 s in " + dir);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed in " + dir + " (exit " + process.exitValue()
                        + "): " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool from " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keytool " + args[0] + " ran", e);
        }
    }
}
