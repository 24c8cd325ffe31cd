package pos.sync.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import pos.contract.auth.TillCredential;
import pos.contract.hub.ErrorAnswer;
import pos.contract.hub.PaymentStatusAnswer;
import pos.contract.hub.PeopleChangesAnswer;
import pos.contract.json.Json;
import pos.contract.json.MalformedJsonException;
import pos.contract.people.InvalidPeopleCursorException;
import pos.contract.people.PeopleChanges;
import pos.core.pay.PaymentStatus;
import pos.sync.pay.UnableToReachHubException;
import pos.sync.people.UnableToPullPeopleException;

/**
 * The till's one client of the store hub's HTTP API (issue 10): sends this till's credential as
 * {@code Authorization: Bearer <credential>}, trusts the hub's certificate from the configured trust
 * store (PEM or PKCS12) with the JDK's hostname verification, times out, and reads at most
 * {@value #STATUS_MAX_BYTES} bytes of a payment status and {@value #PEOPLE_MAX_BYTES} of the people, with a
 * clear error beyond. The credential never appears in a message. Thread-safe.
 */
public final class HubClient {

    /** The most a payment status answer may hold. */
    public static final int STATUS_MAX_BYTES = 64 * 1024;
    /** The most a people answer may hold. */
    public static final int PEOPLE_MAX_BYTES = 8 * 1024 * 1024;

    private static final TypeReference<PeopleChangesAnswer<JsonNode>> PEOPLE_ANSWER = new TypeReference<>() {
    };

    /** What the hub said of a payment. */
    public record PaymentAnswer(PaymentStatus status, String reasonCode, Long amountMinor, String currency) {
    }

    private final URI baseUri;
    private final String authorization; // null: no credential
    private final Duration timeout;
    private final HttpClient http;

    /**
     * A client of the hub at {@code baseUri}.
     *
     * @param credential this till's credential, or null (the hub then answers it as a customer)
     * @param tls        the trust for an {@code https://} hub ({@link #trusting(Path, char[])}), or null for the JDK's
     */
    public HubClient(URI baseUri, TillCredential credential, SSLContext tls, Duration timeout) {
        String text = Objects.requireNonNull(baseUri, "baseUri").toString();
        this.baseUri = URI.create(text.endsWith("/") ? text : text + "/");
        this.authorization = credential == null ? null : "Bearer " + credential.text();
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    /**
     * The client a till configures: its credential from {@code credentialFile} (0600) or the environment variable
     * POS_HUB_CREDENTIAL (none: the hub answers it as a customer and refuses it the people), the hub's certificate
     * from {@code trustStore} (a PKCS12 one opened with POS_HUB_TRUSTSTORE_PASSWORD).
     *
     * @throws pos.contract.auth.UnableToReadSecretException if the credential file is unsafe or holds no credential
     * @throws IllegalArgumentException                      if the trust store cannot be read
     */
    public static HubClient forTill(URI baseUri, Optional<Path> credentialFile, Optional<Path> trustStore,
            java.util.Map<String, String> environment, Duration timeout) {
        TillCredential credential = pos.contract.auth.SecretFiles.fromFileOrEnvironment(credentialFile.orElse(null),
                "POS_HUB_CREDENTIAL", environment, "this till's hub credential (pos.hub.credentialFile)")
                .map(TillCredential::parse).orElse(null);
        String password = environment.get("POS_HUB_TRUSTSTORE_PASSWORD");
        SSLContext tls = trustStore.map(file -> trusting(file, password == null ? null : password.toCharArray())).orElse(null);
        return new HubClient(baseUri, credential, tls, timeout);
    }

    /** The hub's base URL. */
    public URI baseUri() {
        return baseUri;
    }

    /**
     * The trust of the hub's certificate (or its CA) from {@code file}: PEM certificates, or a PKCS12 trust store
     * opened with {@code password}.
     *
     * @throws IllegalArgumentException naming the file when it is missing or holds no certificate
     */
    public static SSLContext trusting(Path file, char[] password) {
        return pos.contract.auth.TrustStores.trusting(file, password, "pos.hub.trustStore");
    }

    /**
     * The hub's word on a payment, or empty when it knows nothing of it (404).
     *
     * @throws UnableToReachHubException if the hub cannot be reached, times out, refuses this till, or answers something
     *                                   else than a status (or more than {@value #STATUS_MAX_BYTES} bytes)
     */
    public Optional<PaymentAnswer> paymentStatus(String transactionId) {
        String what = "payment " + transactionId;
        Answer response;
        try {
            response = get("payments/" + URLEncoder.encode(transactionId, StandardCharsets.UTF_8), STATUS_MAX_BYTES);
        } catch (HubCallException e) {
            throw new UnableToReachHubException("hub " + baseUri + ": cannot ask for " + what + ": " + e.getMessage(), e);
        }
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (response.status() != 200) {
            throw new UnableToReachHubException("hub " + baseUri + ": " + what + " answered HTTP " + response.status()
                    + response.message(), null);
        }
        try {
            PaymentStatusAnswer body = Json.read(Json.TOLERANT, response.body(), PaymentStatusAnswer.class);
            return Optional.of(new PaymentAnswer(body.status(), body.reasonCode(), body.amountMinor(), body.currency()));
        } catch (MalformedJsonException e) {
            throw new UnableToReachHubException("hub " + baseUri + ": " + what + " answered something that is not a payment"
                    + " status (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The people changed after {@code cursor}, or every one when it is null.
     *
     * @throws InvalidPeopleCursorException if the hub refused the cursor (400 bad_cursor), with the hub's sentence
     * @throws UnableToPullPeopleException  if the hub cannot be reached, times out, refuses this till (401: no or a
     *                                      revoked credential) or answers something else (or more than
     *                                      {@value #PEOPLE_MAX_BYTES} bytes)
     */
    public PeopleChanges peopleSince(String cursor) {
        Answer response;
        try {
            response = get(cursor == null ? "people" : "people?since=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8),
                    PEOPLE_MAX_BYTES);
        } catch (HubCallException e) {
            throw new UnableToPullPeopleException("hub " + baseUri + ": cannot pull the store's people: " + e.getMessage(), e);
        }
        if (response.status() != 200) {
            Optional<ErrorAnswer> refusal = ErrorAnswer.in(response.body());
            if (response.status() == 400 && refusal.isPresent() && "bad_cursor".equals(refusal.get().error())) {
                throw new InvalidPeopleCursorException("hub " + baseUri + " refused the cursor: " + refusal.get().message());
            }
            throw new UnableToPullPeopleException("hub " + baseUri + ": GET /people answered HTTP " + response.status()
                    + response.message() + (response.status() == 401
                    ? (authorization == null ? " (this till has no credential: set pos.hub.credentialFile)" : "") : ""), null);
        }
        PeopleChangesAnswer<JsonNode> body;
        try {
            body = Json.read(Json.TOLERANT, response.body(), PEOPLE_ANSWER);
        } catch (MalformedJsonException e) {
            throw new UnableToPullPeopleException("hub " + baseUri + ": GET /people answered something that is not the"
                    + " store's people (" + e.getMessage() + ")", e);
        }
        // Each record goes on as the text the hub stored; PeopleJson reads it.
        return new PeopleChanges(body.cursor(), body.full(), texts(body.clerks()), texts(body.members()), texts(body.prints()));
    }

    /** The largest answer to {@code GET /sales/{tx}} read: a sale and its returns. */
    public static final int SALE_MAX_BYTES = 1024 * 1024;

    /**
     * A sale as the store archived it with every return already made against it on any till (issue 12), or
     * empty when the store does not know it (404: another store's, or not yet handed on by its till).
     *
     * @throws UnableToReachHubException if the hub cannot be reached, times out, refuses this till (401/403), cannot
     *                                   read its database (503) or answers something else than a sale
     */
    public Optional<pos.contract.hub.SaleReturnsAnswer> saleWithReturns(String transactionId) {
        String what = "sale " + transactionId;
        Answer response;
        try {
            response = get("sales/" + URLEncoder.encode(transactionId, StandardCharsets.UTF_8), SALE_MAX_BYTES);
        } catch (HubCallException e) {
            throw new UnableToReachHubException("hub " + baseUri + ": cannot ask for " + what + ": " + e.getMessage(), e);
        }
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (response.status() != 200) {
            throw new UnableToReachHubException("hub " + baseUri + ": " + what + " answered HTTP " + response.status()
                    + response.message() + (response.status() == 401 && authorization == null
                    ? " (this till has no credential: set pos.hub.credentialFile)" : ""), null);
        }
        try {
            return Optional.of(pos.contract.hub.SaleReturnsAnswer.read(response.body()));
        } catch (IllegalArgumentException e) {
            throw new UnableToReachHubException("hub " + baseUri + ": " + what + " answered something that is not a sale"
                    + " with its returns (" + e.getMessage() + ")", e);
        }
    }

    // ---------------------------------------------------------------- parked sales (issue 12.7)

    /** The most a parked sale or the list of them may hold. */
    public static final int PARKED_MAX_BYTES = 1024 * 1024;

    /** What a recall through the hub found. */
    public sealed interface Recall {
        /** The sale, now this till's. */
        record Recalled(pos.core.sale.SaleSnapshot sale) implements Recall {
        }

        /** Another till was first (or the sale is gone): the hub's sentence. */
        record Refused(String code, String sentence) implements Recall {
        }
    }

    /**
     * Parks {@code sale} in the store through the hub (PUT /parked/{tx}), for any till to recall.
     *
     * @throws UnableToReachHubException if the hub cannot be reached, refuses this till or does not store it
     */
    public void parkSale(pos.core.sale.SaleSnapshot sale) {
        String path = "parked/" + URLEncoder.encode(sale.transactionId(), StandardCharsets.UTF_8);
        Answer response = call("PUT", path, pos.contract.sale.SaleSnapshotJson.write(sale), "park sale " + sale.transactionId());
        if (response.status() != 201) {
            throw new UnableToReachHubException("hub " + baseUri + ": parking sale " + sale.transactionId() + " answered HTTP "
                    + response.status() + response.message(), null);
        }
    }

    /**
     * The sales parked in the store and not recalled yet, oldest first (GET /parked).
     *
     * @throws UnableToReachHubException if the hub cannot be reached, refuses this till or answers something else
     */
    public List<pos.contract.hub.ParkedSaleEntry> parkedSales() {
        Answer response = call("GET", "parked", null, "list the parked sales");
        if (response.status() != 200) {
            throw new UnableToReachHubException("hub " + baseUri + ": GET /parked answered HTTP " + response.status()
                    + response.message(), null);
        }
        try {
            return Json.read(Json.TOLERANT, response.body(), pos.contract.hub.ParkedSalesAnswer.class).parked();
        } catch (MalformedJsonException e) {
            throw new UnableToReachHubException("hub " + baseUri + ": GET /parked answered something that is not the parked"
                    + " sales (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Claims the parked sale {@code transactionId} for this till (POST /parked/{tx}/recall): of two tills recalling the
     * same sale the hub gives it to one; the other gets {@link Recall.Refused} with the hub's sentence.
     *
     * @throws UnableToReachHubException if the hub cannot be reached or answers something else
     */
    public Recall recallParked(String transactionId) {
        Answer response = call("POST", "parked/" + URLEncoder.encode(transactionId, StandardCharsets.UTF_8) + "/recall", "{}",
                "recall sale " + transactionId);
        if (response.status() == 409 || response.status() == 404) {
            Optional<ErrorAnswer> refusal = ErrorAnswer.in(response.body());
            return new Recall.Refused(refusal.map(ErrorAnswer::error).orElse("http_" + response.status()),
                    refusal.map(ErrorAnswer::message).orElse("sale " + transactionId + " cannot be recalled"));
        }
        if (response.status() != 200) {
            throw new UnableToReachHubException("hub " + baseUri + ": recalling sale " + transactionId + " answered HTTP "
                    + response.status() + response.message(), null);
        }
        try {
            return new Recall.Recalled(pos.contract.sale.SaleSnapshotJson.read(response.body()));
        } catch (pos.contract.sale.MalformedSaleRecordException e) {
            throw new UnableToReachHubException("hub " + baseUri + ": recalling sale " + transactionId
                    + " answered something that is not a sale (" + e.getMessage() + ")", e);
        }
    }

    // ---------------------------------------------------------------- credit vouchers (issue 12.3)

    /**
     * The credit voucher of refund {@code refundNo} (POST /credit-vouchers/{refundNo}): issued by the hub the first time,
     * the same voucher every time after, so a retry never issues two.
     *
     * @throws UnableToReachHubException if the hub cannot be reached, times out, refuses this till or does not issue it
     *                                   (its sentence in the message); nothing was issued that a retry would not return
     */
    public pos.contract.hub.CreditVoucherAnswer creditVoucher(String refundNo, long amountMinor, String currency) {
        String what = "issue the credit voucher of refund " + refundNo;
        Answer response = call("POST", "credit-vouchers/" + URLEncoder.encode(refundNo, StandardCharsets.UTF_8),
                Json.write(new pos.contract.hub.CreditVoucherRequest(amountMinor, currency)), what);
        if (response.status() != 200) {
            throw new UnableToReachHubException("hub " + baseUri + ": cannot " + what + ": HTTP " + response.status()
                    + response.message() + (response.status() == 401 && authorization == null
                    ? " (this till has no credential: set pos.hub.credentialFile)" : ""), null);
        }
        try {
            return Json.read(Json.TOLERANT, response.body(), pos.contract.hub.CreditVoucherAnswer.class);
        } catch (MalformedJsonException | IllegalArgumentException | NullPointerException e) {
            throw new UnableToReachHubException("hub " + baseUri + ": cannot " + what + ": the answer is not a credit voucher ("
                    + e.getMessage() + ")", e);
        }
    }

    private Answer call(String method, String path, String json, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path)).timeout(timeout)
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes(PARKED_MAX_BYTES + 1);
                if (bytes.length > PARKED_MAX_BYTES) {
                    throw new UnableToReachHubException("hub " + baseUri + ": cannot " + what + ": the answer is more than "
                            + PARKED_MAX_BYTES + " bytes", null);
                }
                return new Answer(response.statusCode(), new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UnableToReachHubException("hub " + baseUri + ": cannot " + what + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnableToReachHubException("hub " + baseUri + ": cannot " + what + ": interrupted", e);
        }
    }

    private static List<String> texts(List<JsonNode> records) {
        return records.stream().map(JsonNode::toString).toList();
    }

    /** An answer: status and body (read up to a limit). */
    record Answer(int status, String body) {
        /** ": <the hub's sentence>" when the body is the hub's JSON error, else "". */
        String message() {
            // Not the hub's error JSON (a proxy's page): the status says enough.
            return ErrorAnswer.in(body).map(error -> ": " + error.message()).orElse("");
        }
    }

    /** GET {@code path}, reading at most {@code maxBytes} of the answer. */
    Answer get(String path, int maxBytes) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path)).timeout(timeout)
                .header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new HubCallException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubCallException("interrupted", e);
        }
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new HubCallException("GET /" + path.replaceAll("\\?.*", "") + " answered more than " + maxBytes
                        + " bytes, more than any good answer holds; the answer was dropped", null);
            }
            return new Answer(response.statusCode(), new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HubCallException("the answer could not be read: " + e.getMessage(), e);
        }
    }

    /** One HTTP call failed; the callers turn it into their own exception. */
    static final class HubCallException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HubCallException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
