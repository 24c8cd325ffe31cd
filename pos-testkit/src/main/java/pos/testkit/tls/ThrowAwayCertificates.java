package pos.testkit.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import pos.testkit.TestkitException;
import pos.testkit.internal.Binaries;

/**
 * A throw-away certificate authority and one server certificate signed by it, made with
 * {@code openssl} (child processes) in a directory the caller owns, plus a PKCS12 trust store
 * holding the CA for Java clients. Keys are unencrypted files of mode 0600 in that directory, so
 * no secret ever appears on a command line; the trust store password is random and only kept in
 * memory and in {@code truststore.password} (mode 0600). Immutable and thread-safe once made.
 *
 * <p>Files: {@code ca.crt}/{@code ca.key}, {@code server.crt}/{@code server.key},
 * {@code truststore.p12}. The server certificate is valid for two days, for the given subject
 * alternative names (default {@code IP:127.0.0.1, DNS:localhost}), for server and client use.
 */
public final class ThrowAwayCertificates {

    /** The names the server certificate is issued for unless told otherwise. */
    public static final List<String> LOOPBACK_NAMES = List.of("IP:127.0.0.1", "DNS:localhost");

    private static final long OPENSSL_TIMEOUT_SECONDS = 30;

    private final Path dir;
    private final char[] trustStorePassword;
    private final List<String> subjectAltNames;

    private ThrowAwayCertificates(Path dir, char[] trustStorePassword, List<String> subjectAltNames) {
        this.dir = dir;
        this.trustStorePassword = trustStorePassword;
        this.subjectAltNames = subjectAltNames;
    }

    /**
     * Makes a new CA and a server certificate for 127.0.0.1 and localhost in {@code dir}.
     *
     * @throws TestkitException when openssl is missing or fails (the message carries its output)
     */
    public static ThrowAwayCertificates generate(Path dir) {
        return generate(dir, LOOPBACK_NAMES);
    }

    /**
     * Makes a new CA and a server certificate for {@code subjectAltNames} in {@code dir}.
     *
     * @param subjectAltNames openssl notation, e.g. {@code IP:127.0.0.1}, {@code DNS:redis.store.lan}
     * @throws TestkitException when openssl is missing or fails (the message carries its output)
     */
    public static ThrowAwayCertificates generate(Path dir, List<String> subjectAltNames) {
        Objects.requireNonNull(dir, "dir");
        List<String> names = List.copyOf(subjectAltNames);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one subject alternative name");
        }
        Path openssl = Binaries.find("openssl", "openssl");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("server.ext"), String.join("\n",
                    "basicConstraints=critical,CA:FALSE",
                    "keyUsage=critical,digitalSignature,keyEncipherment",
                    "extendedKeyUsage=serverAuth,clientAuth",
                    "subjectAltName=" + String.join(",", names), ""), StandardCharsets.US_ASCII);
            run(dir, openssl.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-noenc", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
                    "-subj", "/CN=pos-testkit throw-away CA", "-extensions", "v3_ca", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
            run(dir, openssl.toString(), "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-noenc", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=pos-testkit redis");
            run(dir, openssl.toString(), "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                    "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "server.ext");
            ownerOnly(dir.resolve("ca.key"));
            ownerOnly(dir.resolve("server.key"));
            char[] password = randomPassword();
            writeTrustStore(dir.resolve("ca.crt"), dir.resolve("truststore.p12"), password);
            Path passwordFile = dir.resolve("truststore.password");
            Files.writeString(passwordFile, new String(password), StandardCharsets.US_ASCII);
            ownerOnly(passwordFile);
            return new ThrowAwayCertificates(dir, password, names);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write throw-away certificates in " + dir, e);
        }
    }

    /** @return the CA certificate (PEM) that signed the server certificate */
    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    /** @return the server certificate (PEM) */
    public Path serverCertificate() {
        return dir.resolve("server.crt");
    }

    /** @return the server's private key (PEM, unencrypted, mode 0600) */
    public Path serverKey() {
        return dir.resolve("server.key");
    }

    /** @return a PKCS12 trust store holding only the CA certificate */
    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    /** @return a copy of the trust store's password */
    public char[] trustStorePassword() {
        return trustStorePassword.clone();
    }

    /** @return a file (mode 0600) holding the trust store's password, no newline */
    public Path trustStorePasswordFile() {
        return dir.resolve("truststore.password");
    }

    /** @return the names the server certificate is issued for, openssl notation */
    public List<String> subjectAltNames() {
        return subjectAltNames;
    }

    /**
     * Opens a TLS socket to {@code host:port} that trusts only this CA and checks that the server
     * certificate is for {@code host} (HTTPS-style endpoint identification). Not yet handshaken.
     */
    public SSLSocket openSocket(String host, int port, int timeoutMillis) throws IOException {
        return openSocket(host, port, timeoutMillis, true);
    }

    /**
     * Like {@link #openSocket(String, int, int)}, optionally without the host name check, for a
     * harness that dials 127.0.0.1 a server whose certificate is deliberately for another name.
     */
    public SSLSocket openSocket(String host, int port, int timeoutMillis, boolean verifyHostname) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(trustStore())) {
                store.load(in, trustStorePassword);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
            SSLParameters parameters = socket.getSSLParameters();
            if (verifyHostname) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            socket.setSSLParameters(parameters);
            socket.connect(new java.net.InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            return socket;
        } catch (GeneralSecurityException e) {
            throw new TestkitException("cannot set up TLS with the trust store " + trustStore(), e);
        }
    }

    @Override
    public String toString() {
        return "throw-away CA and server certificate for " + String.join(",", subjectAltNames) + " in " + dir;
    }

    private static void writeTrustStore(Path caPem, Path storeFile, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(caPem); OutputStream out = Files.newOutputStream(storeFile)) {
            Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("pos-testkit-ca", ca);
            store.store(out, password);
        } catch (GeneralSecurityException e) {
            throw new TestkitException("cannot write the trust store " + storeFile, e);
        }
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    private static void ownerOnly(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static void run(Path dir, String... command) {
        List<String> line = new ArrayList<>(List.of(command));
        Path output = dir.resolve("openssl.log");
        try {
            Process process = new ProcessBuilder(line)
                    .directory(dir.toFile())
                    .redirectInput(Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(output.toFile()))
                    .start();
            if (!process.waitFor(OPENSSL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new TestkitException("openssl did not finish within " + OPENSSL_TIMEOUT_SECONDS + " s: "
                        + String.join(" ", line));
            }
            if (process.exitValue() != 0) {
                throw new TestkitException("openssl failed with exit code " + process.exitValue() + ": "
                        + String.join(" ", line) + "\n" + Files.readString(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run openssl in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestkitException("interrupted while openssl made certificates in " + dir, e);
        }
    }
}
