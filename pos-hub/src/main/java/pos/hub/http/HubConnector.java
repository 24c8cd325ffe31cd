package pos.hub.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import pos.hub.UnableToStartHubException;

/**
 * The hub's Jetty listener (Jetty 11 under Javalin 6): HTTPS when a PKCS12 key store is configured,
 * and the limits that keep slow or hostile clients from tying the hub up: an idle timeout (also
 * bounding a blocked body read), a minimum request body data rate, a bounded accept queue, a
 * bounded number of open connections, a bounded thread pool with a bounded job queue, a
 * maximum header size, and a deadline for the request headers ({@link HeaderDeadline}). Stateless.
 */
public final class HubConnector {

    private HubConnector() {
    }

    /** The worker threads: at most {@link HttpSecurity#maxThreads()}, with a bounded queue of jobs. */
    public static QueuedThreadPool threads(HttpSecurity security) {
        QueuedThreadPool threads = new QueuedThreadPool(security.maxThreads(), 4, 60_000,
                new BlockingArrayQueue<>(256, 256, security.maxThreads() * 16));
        threads.setName("pos-hub-http");
        return threads;
    }

    /** Applies the header size, the body data rate and the blocking timeout to Javalin's HTTP configuration. */
    public static void configure(HttpConfiguration http, HttpSecurity security) {
        http.setRequestHeaderSize(security.maxHeaderBytes());
        http.setMinRequestDataRate(security.minRequestDataRate());
        http.setIdleTimeout(security.idleTimeout().toMillis()); // blocking reads and writes of a request
        http.setDelayDispatchUntilContent(true); // no thread for a request whose body has not started
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
    }

    /**
     * The listener on {@code host:port}, HTTPS when {@code security} names a key store.
     *
     * @throws UnableToStartHubException if the key store cannot be opened (missing, wrong password, not PKCS12)
     */
    public static ServerConnector create(Server server, HttpConfiguration http, String host, int port, HttpSecurity security) {
        ServerConnector connector;
        if (security.tls()) {
            requireKeyStore(security.tlsKeystore(), security.tlsKeystorePassword());
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(security.tlsKeystore().toAbsolutePath().toString());
            tls.setKeyStoreType("PKCS12");
            tls.setKeyStorePassword(security.tlsKeystorePassword());
            tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
            HttpConfiguration https = new HttpConfiguration(http);
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false); // the Host check (BrowserDefences) decides which names the hub answers
            https.addCustomizer(secure);
            connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(https));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(security.idleTimeout().toMillis());
        connector.setAcceptQueueSize(security.acceptQueue());
        server.addBean(new ConnectionLimit(security.maxConnections(), connector));
        server.addBean(new HeaderDeadline(connector, security.requestDeadline()));
        return connector;
    }

    /** Opens the key store once, so a wrong password or file is a sentence at start, not a Jetty stack trace. */
    public static void requireKeyStore(Path file, String password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            boolean hasKey = false;
            for (var aliases = store.aliases(); aliases.hasMoreElements(); ) {
                hasKey |= store.isKeyEntry(aliases.nextElement());
            }
            if (!hasKey) {
                throw new UnableToStartHubException("the TLS key store " + file + " holds no private key with its"
                        + " certificate; make one with keytool -genkeypair (docs/hub-http.md)", null);
            }
        } catch (NoSuchFileException e) {
            throw new UnableToStartHubException("the TLS key store " + file + " does not exist", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new UnableToStartHubException("the TLS key store " + file + " cannot be opened: wrong password, or not a"
                    + " PKCS12 file (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
