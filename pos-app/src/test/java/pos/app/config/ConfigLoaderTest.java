package pos.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    final ConfigLoader loader = new ConfigLoader();
    final Path home = Path.of("/home/clerk");

    @Test
    void withNothingConfiguredTheTillRunsStandaloneUnderTheUsersDataDirectory() {
        TillConfig config = loader.load(null, Map.of(), Map.of(), home);
        assertThat(config.dataDir()).isEqualTo(Path.of("/home/clerk/.local/share/countertop-pos"));
        assertThat(config.syncConfigured()).isFalse();
        assertThat(config.catalogFile()).isEmpty();
        assertThat(config.tillId()).isEqualTo("till-1");
        assertThat(config.paymentsConfigured()).isFalse();
        assertThat(config.qrTimeout()).hasSeconds(30);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("issue 11 defects 11 and 13: merging lines and the cash confirmation limit are store settings")
    void mergingLinesAndTheCashLimitAreStoreSettings(@TempDir Path dir) throws Exception {
        TillConfig defaults = loader.load(null, Map.of(), Map.of(), home);
        assertThat(defaults.cartMerge()).isTrue();
        assertThat(defaults.tenderLimits()).isEqualTo(pos.core.sale.TenderLimits.DEFAULT);

        Path file = dir.resolve("till.properties");
        Files.writeString(file, "pos.demo=true\npos.cart.merge=false\npos.cash.largestNote=10000\n");
        TillConfig store = loader.load(file, Map.of("POS_CASH_PLAUSIBLE_NOTES", "3"), Map.of(), home);
        assertThat(store.cartMerge()).isFalse();
        assertThat(store.tenderLimits()).isEqualTo(new pos.core.sale.TenderLimits(10_000, 3));

        assertThatThrownBy(() -> loader.load(null, Map.of("POS_CART_MERGE", "sometimes"), Map.of(), home))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pos.cart.merge").hasMessageContaining("POS_CART_MERGE");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("pos.cash.plausibleNotes", "0"), home))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pos.cash.plausibleNotes");
    }

    @Test
    void paymentsNeedTheGatewayTheHubAndRedis() {
        TillConfig config = loader.load(null, Map.of("POS_GATEWAY_URL", "http://127.0.0.1:8470/", "POS_HUB_URL", "http://hub:8480",
                "POS_REDIS_URL", "redis://hub:6379", "POS_DEMO", "true"), Map.of(), home);
        assertThat(config.paymentsConfigured()).isTrue();
        assertThat(config.gatewayUrl()).contains("http://127.0.0.1:8470");
        assertThat(loader.load(null, Map.of("POS_GATEWAY_URL", "http://127.0.0.1:8470", "POS_DEMO", "true"), Map.of(), home)
                .paymentsConfigured()).isFalse();
    }

    @Test
    @org.junit.jupiter.api.DisplayName("issue 13: the provider is a setting (sandbox by default), its credentials a directory"
            + " (the data directory's credentials by default) and POS_<PROVIDER>_* variables, never printed")
    void thePaymentProviderAndItsCredentialsAreSettings(@TempDir Path dir) throws Exception {
        TillConfig defaults = loader.load(null, Map.of(), Map.of(), home);
        assertThat(defaults.paymentProvider()).isEqualTo("sandbox");
        assertThat(defaults.realProvider()).isFalse();
        assertThat(defaults.providerCredentials()).isEqualTo(Path.of("/home/clerk/.local/share/countertop-pos/credentials"));
        assertThat(defaults.providerEnvironment()).isEmpty();

        // a real provider: hub and Redis, but no gateway URL (its production address)
        Map<String, String> environment = Map.of("POS_GATEWAY_PROVIDER", "wechatpay-v3", "POS_HUB_URL", "http://hub:8480",
                "POS_REDIS_URL", "redis://hub:6379", "POS_DEMO", "true",
                "POS_WECHATPAY_API_V3_KEY", "an-api-v3-key-of-32-characters!!", "POS_ALIPAY_APP_ID", "2021000000000000",
                "POS_GATEWAY_CREDENTIALS", dir.resolve("wx").toString());
        TillConfig wechat = loader.load(null, environment, Map.of(), home);
        assertThat(wechat.paymentProvider()).isEqualTo("wechatpay");
        assertThat(wechat.realProvider()).isTrue();
        assertThat(wechat.paymentsConfigured()).isTrue();
        assertThat(wechat.gatewayUrl()).isEmpty();
        assertThat(wechat.providerCredentials()).isEqualTo(dir.resolve("wx").toAbsolutePath());
        assertThat(wechat.providerEnvironment()).containsOnlyKeys("POS_WECHATPAY_API_V3_KEY"); // not another provider's
        assertThat(wechat.toString()).contains("provider=wechatpay", dir.resolve("wx").toString())
                .doesNotContain("an-api-v3-key-of-32-characters").doesNotContain("2021000000000000");

        // the sandbox still needs its gateway's URL; the command line names the provider too
        assertThat(loader.load(null, Map.of("POS_HUB_URL", "http://hub:8480", "POS_REDIS_URL", "redis://hub:6379",
                "POS_DEMO", "true"), Map.of(), home).paymentsConfigured()).isFalse();
        Path file = dir.resolve("till.properties");
        Files.writeString(file, "pos.demo=true\npos.gateway.provider=alipay\npos.gateway.credentials=" + dir.resolve("ali") + "\n");
        TillConfig alipay = loader.load(file, Map.of(), Map.of(), home);
        assertThat(alipay.paymentProvider()).isEqualTo("alipay");
        assertThat(alipay.providerCredentials()).isEqualTo(dir.resolve("ali"));
        assertThat(loader.load(file, Map.of(), Map.of("pos.gateway.provider", "sandbox"), home).paymentProvider())
                .isEqualTo("sandbox");

        assertThatThrownBy(() -> loader.load(null, Map.of("POS_GATEWAY_PROVIDER", "paypal"), Map.of(), home))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pos.gateway.provider").hasMessageContaining("'paypal'")
                .hasMessageContaining("POS_GATEWAY_PROVIDER").hasMessageContaining("sandbox, wechatpay, alipay");
    }

    @Test
    void environmentOverridesTheFileAndTheCommandLineOverridesBoth(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("till.properties");
        Files.writeString(file, "pos.till.id=from-file\npos.redis.url=redis://file:6379\npos.gateway.pinKey=secret-pin-key\n"
                + "pos.voucher.keys=k1=a-store-voucher-secret\n");
        TillConfig config = loader.load(file, Map.of("POS_TILL_ID", "from-env", "XDG_DATA_HOME", "/xdg"),
                Map.of("pos.data.dir", "/cli/data"), home);
        assertThat(config.tillId()).isEqualTo("from-env");
        assertThat(config.redisUrl()).contains("redis://file:6379");
        assertThat(config.dataDir()).isEqualTo(Path.of("/cli/data"));
        assertThat(config.toString()).doesNotContain("secret-pin-key").doesNotContain("a-store-voucher-secret");
        assertThat(config.demo()).isFalse();
    }

    @Test
    void theStoreDatabaseIsNotATillSettingAndSaysWhereItBelongs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("till.properties");
        Files.writeString(file, "pos.mariadb.url=jdbc:mariadb://db:3306/pos\npos.mariadb.password=s3cret\n");
        assertThatThrownBy(() -> loader.load(file, Map.of(), Map.of(), home))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not a till setting")
                .hasMessageContaining("./pos hub --mariadb").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("pos.mariadb.url", "jdbc:mariadb://db/pos"), home))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pos.mariadb.url");
    }

    @Test
    void xdgDataHomeIsHonoured() {
        assertThat(loader.load(null, Map.of("XDG_DATA_HOME", "/xdg"), Map.of(), home).dataDir())
                .isEqualTo(Path.of("/xdg/countertop-pos"));
    }

    @Test
    void badSettingsAreNamedInTheMessage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("till.properties");
        Files.writeString(file, "pos.redis.uri=redis://typo\n");
        assertThatThrownBy(() -> loader.load(file, Map.of(), Map.of(), home))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pos.redis.uri").hasMessageContaining("pos.redis.url");
        assertThatThrownBy(() -> loader.load(null, Map.of("POS_SCANNER_MAX_GAP_MS", "lots"), Map.of(), home))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pos.scanner.maxGapMs").hasMessageContaining("lots");
        assertThatThrownBy(() -> loader.load(null, Map.of("POS_TILL_ID", "till 1; drop"), Map.of(), home))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pos.till.id");
        assertThatThrownBy(() -> loader.load(null, Map.of("POS_GATEWAY_URL", "ftp://x"), Map.of(), home))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pos.gateway.url");
        assertThatThrownBy(() -> loader.load(null, Map.of("POS_CUSTOMER_DISPLAY", "maybe"), Map.of(), home))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pos.customerDisplay");
        assertThatThrownBy(() -> loader.load(dir.resolve("missing.properties"), Map.of(), Map.of(), home))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("SEC-313 R14 pos.rules.ownerPublicKey takes the owner.pub file or the key in base64,"
            + " refuses anything else with a sentence naming the setting, and is empty (updates off) when not set")
    void theOwnersPublicKeyIsAFileOrBase64AndCheckedAtLoad(@TempDir Path dir) throws Exception {
        String key = pos.contract.auth.Ed25519.publicKeyText(pos.contract.auth.Ed25519.generate().getPublic());
        Path pub = dir.resolve("owner.pub");
        Files.writeString(pub, key + "\n");

        assertThat(loader.load(null, Map.of(), Map.of(), home).rulesOwnerPublicKey()).isEmpty();
        assertThat(loader.load(null, Map.of("POS_RULES_OWNER_PUBLIC_KEY", key, "POS_DEMO", "true"), Map.of(), home).rulesOwnerPublicKey())
                .contains(key);
        assertThat(loader.load(null, Map.of("POS_DEMO", "true"), Map.of("pos.rules.ownerPublicKey", pub.toString()), home)
                .rulesOwnerPublicKey()).contains(pub.toString());
        assertThat(loader.load(null, Map.of("POS_DEMO", "true"), Map.of("pos.rules.ownerPublicKey", "unsigned-demo"), home)
                .rulesOwnerPublicKey()).contains(TillConfig.UNSIGNED_RULES_DEMO);
        assertThatThrownBy(() -> loader.load(null, Map.of("POS_DEMO", "true"), Map.of("pos.rules.ownerPublicKey", "not-a-key"), home))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pos.rules.ownerPublicKey")
                .hasMessageContaining("Ed25519 public key");
        assertThatThrownBy(() -> loader.load(null, Map.of("POS_DEMO", "true"), Map.of("pos.rules.ownerPublicKey", dir.resolve("missing.pub")
                .toString()), home)).isInstanceOf(ConfigException.class).hasMessageContaining("there is no file");
    }

    @org.junit.jupiter.api.DisplayName("SEC-210 outside demo mode the sandbox's built-in PIN key is refused with a sentence naming"
            + " pos.gateway.pinKey")
    @Test
    void sandboxPinKeyOutsideDemoModeIsRefused() {
        assertThatThrownBy(() -> loader.load(null, Map.of("POS_REDIS_URL", "redis://hub:6379",
                "POS_VOUCHER_KEYS", "k1=a-store-voucher-secret"), Map.of(), home))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sandbox's built-in PIN key")
                .hasMessageContaining("pos.gateway.pinKey").hasMessageContaining("pos.demo=true")
                .hasMessageNotContaining(ConfigLoader.SANDBOX_PIN_KEY);
        assertThatThrownBy(() -> loader.load(null, Map.of("POS_DEMO", "false"), Map.of(), home))
                .as("pos.demo=false with nothing else configured").isInstanceOf(ConfigException.class)
                .hasMessageContaining("pos.gateway.pinKey");
    }

    @org.junit.jupiter.api.DisplayName("A till of WeChat Pay or Alipay (no bank cards there) needs no card PIN key, but still the"
            + " store's own voucher keys")
    @Test
    void aRealProviderNeedsNoPinKeyButItsOwnVoucherKeys() {
        for (String provider : new String[] {"wechatpay", "alipay"}) {
            TillConfig config = loader.load(null, Map.of("POS_REDIS_URL", "redis://hub:6379",
                    "POS_VOUCHER_KEYS", "k1=a-store-voucher-secret"), Map.of("pos.gateway.provider", provider), home);
            assertThat(config.demo()).isFalse();
            assertThat(config.realProvider()).isTrue();
            assertThatThrownBy(() -> loader.load(null, Map.of("POS_REDIS_URL", "redis://hub:6379"),
                    Map.of("pos.gateway.provider", provider), home)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("pos.voucher.keys");
        }
        assertThatThrownBy(() -> loader.load(null, Map.of("POS_REDIS_URL", "redis://hub:6379",
                "POS_VOUCHER_KEYS", "k1=a-store-voucher-secret"), Map.of("pos.gateway.provider", "sandbox"), home))
                .as("the sandbox takes cards: its PIN key is still refused outside demo mode")
                .isInstanceOf(ConfigException.class).hasMessageContaining("pos.gateway.pinKey");
    }

    @org.junit.jupiter.api.DisplayName("SEC-210 outside demo mode the sandbox's voucher key, under any key id, is refused naming"
            + " pos.voucher.keys")
    @Test
    void sandboxVoucherKeyOutsideDemoModeIsRefused() {
        String sandboxSecret = pos.core.voucher.VoucherKeys.SANDBOX_SECRET;
        for (String keys : new String[] {pos.core.voucher.VoucherKeys.SANDBOX_KEY_ID + "=" + sandboxSecret,
                "k2026=a-store-voucher-secret,old=" + sandboxSecret}) {
            assertThatThrownBy(() -> loader.load(null, Map.of("POS_GATEWAY_PIN_KEY", "the-stores-pin-key"),
                    Map.of("pos.voucher.keys", keys, "pos.till.id", "front-1"), home))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("sandbox's built-in voucher key")
                    .hasMessageContaining("pos.voucher.keys").hasMessageNotContaining(sandboxSecret);
        }
        TillConfig ownKeys = loader.load(null, Map.of("POS_GATEWAY_PIN_KEY", "the-stores-pin-key",
                "POS_VOUCHER_KEYS", "k2026=a-store-voucher-secret"), Map.of("pos.till.id", "front-1"), home);
        assertThat(ownKeys.demo()).isFalse();
        assertThat(ownKeys.usesSandboxKeys()).isFalse();
    }

    @org.junit.jupiter.api.DisplayName("SEC-210 in demo mode the till starts with the sandbox's keys and says so; with nothing"
            + " configured (./pos till) it is demo mode")
    @Test
    void demoModeStartsWithTheSandboxKeys() {
        TillConfig demo = loader.load(null, Map.of("POS_DEMO", "true", "POS_REDIS_URL", "redis://hub:6379"), Map.of(), home);
        assertThat(demo.demo()).isTrue();
        assertThat(demo.usesSandboxKeys()).isTrue();
        assertThat(demo.toString()).contains("demo=true");

        TillConfig bare = loader.load(null, Map.of(), Map.of("pos.data.dir", "/tmp/till"), home);
        assertThat(bare.demo()).as("./pos till with nothing configured").isTrue();
        assertThat(bare.usesSandboxKeys()).isTrue();
    }

    @org.junit.jupiter.api.DisplayName("SEC-211 pos.hub.publicKey takes hub.pub's text or its file; anything else is named")
    @Test
    void hubPublicKeyFromTextOrFile(@TempDir Path dir) throws Exception {
        java.security.PublicKey key = pos.contract.auth.Ed25519.generate().getPublic();
        String text = pos.contract.auth.Ed25519.publicKeyText(key);
        Path file = dir.resolve("hub.pub");
        Files.writeString(file, text + "\n");
        assertThat(loader.load(null, Map.of("POS_DEMO", "true", "POS_HUB_PUBLIC_KEY", text), Map.of(), home).hubPublicKey())
                .contains(key);
        assertThat(loader.load(null, Map.of("POS_DEMO", "true"), Map.of("pos.hub.publicKey", file.toString()), home)
                .hubPublicKey()).contains(key);
        assertThat(loader.load(null, Map.of("POS_DEMO", "true"), Map.of(), home).hubPublicKey()).isEmpty();
        assertThatThrownBy(() -> loader.load(null, Map.of("POS_DEMO", "true", "POS_HUB_PUBLIC_KEY", "not-a-key"), Map.of(),
                home)).isInstanceOf(ConfigException.class).hasMessageContaining("pos.hub.publicKey");
    }

    @org.junit.jupiter.api.DisplayName("SEC-600 pos.redis.user, pos.redis.passwordFile (0600) and pos.redis.caFile make the till's Redis"
            + " login; a password file others may read, a user without a password or a file without a user is refused"
            + " naming the setting, and the password is never in the configuration's text")
    @Test
    void theRedisLoginComesFromSettingsWithThePasswordInA0600File(@TempDir Path dir) throws Exception {
        String password = "till-redis-" + Long.toHexString(System.nanoTime());
        Path file = dir.resolve("redis.password");
        pos.contract.auth.SecretFiles.write(file, password, "the test's Redis password");
        Path ca = dir.resolve("redis-ca.pem");
        Files.writeString(ca, "-----BEGIN CERTIFICATE-----\n");
        Map<String, String> demo = Map.of("POS_DEMO", "true");

        TillConfig config = loader.load(null, demo, Map.of("pos.redis.url", "rediss://127.0.0.1:6380/0",
                "pos.redis.user", "pos-till", "pos.redis.passwordFile", file.toString(), "pos.redis.caFile", ca.toString()), home);
        pos.contract.redis.RedisSettings settings = TillRedisSettings.of(config, Map.of());
        assertThat(settings.credentials()).hasValueSatisfying(c -> assertThat(c.username()).isEqualTo("pos-till"));
        assertThat(settings.toString()).doesNotContain(password);
        assertThat(settings.caCertificate()).contains(ca);
        assertThat(config.toString()).contains("redisUser=pos-till").doesNotContain(password);
        // the same three from the environment, as RedisSettings.fromEnvironment() reads them
        TillConfig fromEnvironment = loader.load(null, Map.of("POS_DEMO", "true", "POS_REDIS_USER", "pos-till",
                "POS_REDIS_PASSWORD_FILE", file.toString(), "POS_REDIS_CA_FILE", ca.toString()), Map.of(), home);
        assertThat(fromEnvironment.redisUser()).contains("pos-till");
        assertThat(fromEnvironment.redisCaFile()).contains(ca);
        // no login configured: none used
        assertThat(TillRedisSettings.of(loader.load(null, demo, Map.of(), home), Map.of()).credentials()).isEmpty();

        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> loader.load(null, demo, Map.of("pos.redis.user", "pos-till", "pos.redis.passwordFile",
                file.toString()), home)).isInstanceOf(ConfigException.class).hasMessageContaining("pos.redis.user pos-till")
                .hasMessageContaining("chmod 600 " + file).hasMessageNotContaining(password);
        assertThatThrownBy(() -> loader.load(null, demo, Map.of("pos.redis.user", "pos-till"), home))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pos.redis.passwordFile")
                .hasMessageContaining("POS_REDIS_PASSWORD");
        assertThat(loader.load(null, Map.of("POS_DEMO", "true", "POS_REDIS_PASSWORD", password), Map.of("pos.redis.user",
                "pos-till"), home).redisUser()).as("the password itself from the environment").contains("pos-till");
        assertThatThrownBy(() -> loader.load(null, demo, Map.of("pos.redis.passwordFile", file.toString()), home))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pos.redis.user is not");
        assertThatThrownBy(() -> loader.load(null, demo, Map.of("pos.redis.caFile", dir.resolve("missing.pem").toString()), home))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pos.redis.caFile");
    }
}
