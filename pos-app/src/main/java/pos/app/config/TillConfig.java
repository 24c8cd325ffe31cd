package pos.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import pos.contract.redis.RedisSettings;
import pos.core.pay.PinKey;
import pos.core.voucher.VoucherKeys;

/**
 * Everything the till is configured with, after defaults, the config file, environment variables
 * and the command line have been applied in that order. Immutable.
 *
 * @param dataDir          where all local state lives: the journal, logs
 * @param tillId           this till's name in the store; goes into every sale record
 * @param locale           language and number/money formats for the clerk
 * @param catalogFile      a catalog CSV, or empty for the bundled sample catalog
 * @param redisUrl         the store's Redis, or empty: sync off
 * @param scannerMaxGap    the longest pause between two keystrokes of one scanner burst
 * @param scannerPrefix    characters the scanner sends before each code (stripped), or ""
 * @param scannerSuffix    characters the scanner sends after each code (stripped), or ""
 * @param customerDisplay  open the customer-facing window (cart, total, payment QR code)
 * @param gatewayUrl       the QR payment gateway's base URL, or empty: QR and pay-code tenders off
 * @param hubUrl           the store hub's base URL (notifications, payment status), or empty
 * @param qrTimeout        how long a QR payment waits for a final state before the till gives up (R24)
 * @param merchantId       the store's merchant id at the payment gateway: the payee of every payment (R13)
 * @param gatewayPinKey    the key card PIN blocks are made with, shared with the gateway (never logged)
 * @param storeId          this store's id: vouchers issued for another store are refused
 * @param voucherKeys      the voucher signing keys, {@code keyId=secret[,keyId=secret...]} (never logged)
 * @param webcam           the webcam to scan with (pos.webcam): off, auto, simulated (a demo camera showing the
 *                         sample catalog's barcodes), or a camera's name as the settings list it
 * @param signIn           who must sign in (pos.signin)
 * @param fingerprint      the fingerprint reader (pos.fingerprint): auto, off or libfprint's virtual_image device
 * @param printKeys        the keys prints are sealed with ({@code keyId=base64[,...]}), or empty for the key file
 *                         in the data directory (never logged)
 * @param hubCredentialFile this till's credential from the hub ({@code ./pos hub tills add ID}), a file only its
 *                         owner may read; or empty
 * @param rulesOwnerPublicKey the store owner's rule-signing public key (a file such as owner.pub, or base64), or
 *                         {@value #UNSIGNED_RULES_DEMO} (demo: unsigned updates taken), or empty (updates off)
 * @param hubPublicKey     the store hub's result key: results from Redis and the hub count only with its
 *                         signature; empty: only the till's own gateway calls count
 * @param demo             demo mode: the sandbox's built-in keys are allowed, and the status bar says so
 * @param hubTrustStore    the hub's certificate or its CA (PEM, or PKCS12 with POS_HUB_TRUSTSTORE_PASSWORD) for an
 *                         {@code https://} hub; or empty for the JDK's trusted CAs
 * @param redisUser        the store Redis's ACL user this till logs in as (e.g. {@code pos-till}), or empty: no login
 * @param redisPasswordFile a file holding that user's password, mode 0600 (else {@code POS_REDIS_PASSWORD}); never logged
 * @param redisCaFile      the PEM CA file that signed Redis's certificate, for a {@code rediss://} URL; or empty for the
 *                         JDK's trusted CAs
 * @param redisRequirement whether the till may start without reaching Redis (pos.redis.requirement)
 * @param redisLogin       how every connection of this till logs in to Redis, made once from the three settings above
 *                         (the password read from its file then; never logged)
 * @param sandboxKeys      whether the PIN key or a voucher key is one of the sandbox's built-in keys (demo mode only)
 * @param cartMerge        whether the same product scanned again joins its line (a store setting; weighed items never)
 * @param tenderLimits     how much cash beyond the due is taken without the clerk confirming it (issue 11 defect 13)
 * @param cashRounding     cash payments rounded to this step ({@code pos.cash.rounding}: 0 off, 5 = 0.05, 10 = 0.10)
 * @param discountLimits   the largest discount a cashier gives without a supervisor
 *                         ({@code pos.discount.cashierMaxPercent}, {@code pos.discount.cashierMaxMinor})
 * @param refundApprovalAboveMinor a refund above this many minor units needs a supervisor's approval
 *                         ({@code pos.refund.approvalAbove}, issue 12 point 3)
 * @param receipt          the store header and the id's code printed on receipts (issue 12)
 * @param paymentProvider  who takes QR, pay-code and card payments ({@code pos.gateway.provider}): sandbox, wechatpay
 *                         or alipay, in {@link pos.gateway.provider.PaymentProviders#normalise normal form} (issue 13)
 * @param providerCredentials the directory of the provider's credential files, mode 0600
 *                         ({@code pos.gateway.credentials}; by default {@code credentials} in the data directory)
 * @param providerEnvironment the provider's credential variables ({@code POS_<PROVIDER>_<NAME>}) from the environment,
 *                         for {@link pos.gateway.provider.Secrets}; never settings, never printed
 * @param configFile       issue 14: the configuration file: {@code --config FILE}, else {@code till.properties} in the
 *                         data directory (read when it exists); the first-run set-up writes it
 * @param setup            issue 14: when the first-run set-up opens ({@code pos.setup})
 * @param face             issue 16: face authorisation by the webcam ({@code pos.face}, {@code pos.face.pinAbove})
 */
public record TillConfig(Path dataDir, String tillId, Locale locale, Optional<Path> catalogFile,
        Optional<String> redisUrl, Duration scannerMaxGap, String scannerPrefix, String scannerSuffix,
        boolean customerDisplay, Optional<String> gatewayUrl, Optional<String> hubUrl, Duration qrTimeout,
        String merchantId, PinKey gatewayPinKey, String storeId, VoucherKeys voucherKeys,
        WebcamSetting webcam, SignInMode signIn, FingerprintSetting fingerprint, Optional<String> printKeys,
        Optional<Path> hubCredentialFile, Optional<String> rulesOwnerPublicKey,
        Optional<java.security.PublicKey> hubPublicKey, boolean demo, Optional<Path> hubTrustStore,
        Optional<String> redisUser, Optional<Path> redisPasswordFile, Optional<Path> redisCaFile,
        RedisRequirement redisRequirement, RedisSettings redisLogin, boolean sandboxKeys, boolean cartMerge,
        pos.core.sale.TenderLimits tenderLimits, pos.core.sale.CashRounding cashRounding,
        pos.core.sale.DiscountLimits discountLimits, long refundApprovalAboveMinor, ReceiptSetting receipt,
        String paymentProvider, Path providerCredentials, java.util.Map<String, String> providerEnvironment,
        Path configFile, SetupMode setup, FaceSetting face) {

    /** The demo setting of {@code pos.rules.ownerPublicKey}: rule updates taken unsigned (never in a store). */
    public static final String UNSIGNED_RULES_DEMO = "unsigned-demo";

    public TillConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(tillId, "tillId");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(catalogFile, "catalogFile");
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(scannerMaxGap, "scannerMaxGap");
        Objects.requireNonNull(signIn, "signIn");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(printKeys, "printKeys");
        Objects.requireNonNull(hubCredentialFile, "hubCredentialFile");
        Objects.requireNonNull(hubTrustStore, "hubTrustStore");
        Objects.requireNonNull(rulesOwnerPublicKey, "rulesOwnerPublicKey");
        Objects.requireNonNull(hubPublicKey, "hubPublicKey");
        Objects.requireNonNull(redisUser, "redisUser");
        Objects.requireNonNull(redisPasswordFile, "redisPasswordFile");
        Objects.requireNonNull(redisCaFile, "redisCaFile");
        Objects.requireNonNull(gatewayPinKey, "gatewayPinKey");
        Objects.requireNonNull(voucherKeys, "voucherKeys");
        Objects.requireNonNull(webcam, "webcam");
        Objects.requireNonNull(redisRequirement, "redisRequirement");
        Objects.requireNonNull(redisLogin, "redisLogin");
        Objects.requireNonNull(tenderLimits, "tenderLimits");
        Objects.requireNonNull(cashRounding, "cashRounding");
        Objects.requireNonNull(discountLimits, "discountLimits");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(paymentProvider, "paymentProvider");
        Objects.requireNonNull(providerCredentials, "providerCredentials");
        providerEnvironment = java.util.Map.copyOf(providerEnvironment);
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(face, "face");
    }

    /** Whether the till runs with one of the sandbox's built-in keys (allowed only in demo mode). */
    public boolean usesSandboxKeys() {
        return sandboxKeys;
    }

    /** Whether the till may ask clerks to sign in at all ({@code pos.signin} is not off). */
    public boolean signInWanted() {
        return signIn != SignInMode.OFF;
    }

    /** Whether sign-in is asked for even before the store has a clerk (then the first supervisor is made at once). */
    public boolean signInRequired() {
        return signIn == SignInMode.REQUIRED;
    }

    /** The prefix of {@code pos.fingerprint} naming libfprint's virtual_image device's socket. */
    public static final String VIRTUAL_IMAGE = "virtual-image:";

    /**
     * QR and pay-code tenders need the gateway, the store hub and Redis (for results); a real provider (issue 13) needs
     * no gateway URL: without one its adapter talks to the provider's own production address.
     */
    public boolean paymentsConfigured() {
        return (gatewayUrl.isPresent() || realProvider()) && hubUrl.isPresent() && redisUrl.isPresent();
    }

    /** Whether payments go to a real provider (WeChat Pay, Alipay) rather than the project's sandbox gateway. */
    public boolean realProvider() {
        return !paymentProvider.equals(pos.gateway.provider.PaymentProviders.SANDBOX);
    }

    /** Whether a webcam (real or simulated) scans codes besides the wedge scanner. */
    public boolean webcamWanted() {
        return webcam.wanted();
    }

    public boolean syncConfigured() {
        return redisUrl.isPresent();
    }

    /** For the log: every setting, the password masked. */
    @Override
    public String toString() {
        return "TillConfig[dataDir=" + dataDir + ", tillId=" + tillId + ", locale=" + locale.toLanguageTag()
                + ", catalog=" + catalogFile.map(Path::toString).orElse("bundled sample")
                + ", redis=" + redisUrl.orElse("off") + ", redisUser=" + redisUser.orElse("none")
                + ", scannerMaxGap=" + scannerMaxGap.toMillis() + "ms"
                + ", gateway=" + gatewayUrl.orElse("off") + ", provider=" + paymentProvider + " (credentials in "
                + providerCredentials + ")" + ", hub=" + hubUrl.orElse("off")
                + ", qrTimeout=" + qrTimeout.toSeconds() + "s, merchantId=" + merchantId + ", gatewayPinKey=****, storeId="
                + storeId + ", voucherKeys=****, webcam=" + webcam + ", signIn=" + ConfigValues.settingText(signIn)
                + ", fingerprint=" + fingerprint + ", redisRequirement=" + ConfigValues.settingText(redisRequirement)
                + ", hubPublicKey=" + (hubPublicKey.isPresent() ? "set" : "none") + ", demo=" + demo
                + ", configFile=" + configFile + ", setup=" + ConfigValues.settingText(setup) + ", face=" + face + "]";
    }
}
