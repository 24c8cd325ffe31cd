package pos.gateway.alipay;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import pos.gateway.provider.MissingCredentialsException;
import pos.gateway.provider.Secrets;

/**
 * The merchant's Alipay credentials, read from {@link Secrets} (files of mode 0600 or {@code POS_ALIPAY_*}
 * variables): {@code app-id} (the open-platform app), {@code app-private-key.pem} (the app's RSA private key, PKCS#8,
 * as PEM or as the bare base64 Alipay's key tool prints), {@code alipay-public-key.pem} (Alipay's RSA public key,
 * X.509, PEM or bare base64) and {@code seller-id} (the partner id, {@code 2088...}, that notifications must name).
 * The keys are checked to be RSA keys when read; a message names the file or the variable, never the key. The keys
 * are held as the SDK wants them: bare base64. Immutable; {@link #toString()} shows no key.
 *
 * @param appId            the app id
 * @param appPrivateKey    the app's private key, base64 of PKCS#8
 * @param alipayPublicKey  Alipay's public key, base64 of X.509
 * @param sellerId         the seller (partner) id
 */
public record AlipayCredentials(String appId, String appPrivateKey, String alipayPublicKey, String sellerId) {

    public static final String APP_ID = "app-id";
    public static final String APP_PRIVATE_KEY = "app-private-key.pem";
    public static final String ALIPAY_PUBLIC_KEY = "alipay-public-key.pem";
    public static final String SELLER_ID = "seller-id";

    public AlipayCredentials {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(appPrivateKey, "appPrivateKey");
        Objects.requireNonNull(alipayPublicKey, "alipayPublicKey");
        Objects.requireNonNull(sellerId, "sellerId");
    }

    /**
     * Reads and checks the four credentials.
     *
     * @throws MissingCredentialsException naming the file and variable of a missing, unsafe or malformed credential
     */
    public static AlipayCredentials read(Secrets secrets) {
        String appId = secrets.require(APP_ID);
        if (!appId.matches("[0-9]{8,32}")) {
            throw new MissingCredentialsException("alipay credential '" + APP_ID + "' is not an app id (digits): "
                    + secrets.where(APP_ID));
        }
        String sellerId = secrets.require(SELLER_ID);
        if (!sellerId.matches("2088[0-9]{12}")) {
            throw new MissingCredentialsException("alipay credential '" + SELLER_ID + "' is not a partner id (2088 and"
                    + " 12 digits): " + secrets.where(SELLER_ID));
        }
        String privateKey = base64Body(secrets.require(APP_PRIVATE_KEY));
        String publicKey = base64Body(secrets.require(ALIPAY_PUBLIC_KEY));
        try {
            KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new MissingCredentialsException("alipay credential '" + APP_PRIVATE_KEY + "' is not an RSA private key"
                    + " in PKCS#8 (PEM \"BEGIN PRIVATE KEY\" or bare base64; convert a PKCS#1 key with openssl pkcs8"
                    + " -topk8 -nocrypt): " + secrets.where(APP_PRIVATE_KEY));
        }
        try {
            KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new MissingCredentialsException("alipay credential '" + ALIPAY_PUBLIC_KEY + "' is not an RSA public"
                    + " key (PEM \"BEGIN PUBLIC KEY\" or bare base64, as the open platform shows it): "
                    + secrets.where(ALIPAY_PUBLIC_KEY));
        }
        return new AlipayCredentials(appId, privateKey, publicKey, sellerId);
    }

    /** The base64 inside a PEM text, or the text itself when it is bare base64; white space removed. */
    static String base64Body(String text) {
        return text.replaceAll("-----(BEGIN|END) [A-Z0-9 ]+-----", "").replaceAll("\\s", "");
    }

    @Override
    public String toString() {
        return "AlipayCredentials[appId=" + appId + ", sellerId=" + sellerId + ", keys not shown]";
    }
}
