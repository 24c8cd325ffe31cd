package pos.contract.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Whom a client of the store hub trusts: the hub's certificate or the store's CA from a file (PEM
 * certificates, or a PKCS12 trust store), for the till's {@code HubClient} and the owner's
 * command-line tools alike; the JDK verifies host names as usual. Stateless.
 */
public final class TrustStores {

    private TrustStores() {
    }

    /**
     * A TLS context trusting the certificates in {@code file}: PEM certificates, or a PKCS12 trust store
     * opened with {@code password}.
     *
     * @param setting the setting that named the file, for messages ({@code pos.hub.trustStore})
     * @throws IllegalArgumentException naming the file when it is missing or holds no certificate
     */
    public static SSLContext trusting(Path file, char[] password, String setting) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            byte[] bytes = Files.readAllBytes(file);
            if (new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.US_ASCII).contains("-----BEGIN")) {
                Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                        .generateCertificates(new java.io.ByteArrayInputStream(bytes));
                int i = 0;
                for (Certificate certificate : certificates) {
                    trusted.setCertificateEntry("hub-" + i++, certificate);
                }
            } else {
                KeyStore pkcs12 = KeyStore.getInstance("PKCS12");
                pkcs12.load(new java.io.ByteArrayInputStream(bytes), password);
                for (var aliases = pkcs12.aliases(); aliases.hasMoreElements(); ) {
                    String alias = aliases.nextElement();
                    Certificate certificate = pkcs12.getCertificate(alias);
                    if (certificate != null) {
                        trusted.setCertificateEntry(alias, certificate);
                    }
                }
            }
            if (trusted.size() == 0) {
                throw new IllegalArgumentException("the trust store " + file + " (" + setting + ") holds no certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the trust store " + file + " (" + setting + ") does not exist", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the trust store " + file + " (" + setting + ") cannot be read: not PEM"
                    + " certificates, or a PKCS12 file with another password (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
