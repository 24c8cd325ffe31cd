package pos.gateway.sandbox.face.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandbox.api.NotificationSignature;
import pos.gateway.sandbox.face.Faces;
import pos.gateway.sandbox.notify.RetrySchedule;

/** The wechatpay-v3 face on its own: its keys and credential files, its request checks, its signed answers. */
class WechatPayFaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    private SandboxGateway gateway;
    private WechatPayKeys keys;

    @BeforeEach
    void start() {
        gateway = SandboxGateway.builder().protocol("wechatpay-v3").dataDir(dataDir).build().start();
        keys = ((WechatPayFace) gateway.face()).keys();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    @DisplayName("the merchant's credentials are written under the names the till reads, files 0600 in a 0700 directory")
    void credentialFilesAreOwnerOnly() throws Exception {
        Path dir = gateway.credentialsDir();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                names.add(file.getFileName().toString());
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .as(file.toString()).isEqualTo("rw-------");
            }
        }
        assertThat(names).containsExactlyInAnyOrder("merchant-id", "app-id", "merchant-serial", "merchant-key.pem",
                "api-v3-key", "wechatpay-public-key.pem", "wechatpay-public-key-id");
        assertThat(Files.readString(dir.resolve("merchant-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("wechatpay-public-key.pem"))).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(Files.readString(dir.resolve("wechatpay-public-key-id"))).matches("PUB_KEY_ID_[0-9]+");
        assertThat(Files.readString(dir.resolve("api-v3-key"))).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("wechatpay-v3"))))
                .isEqualTo("rwx------");
    }

    @Test
    @DisplayName("the keys and ids are made once and read again after a restart")
    void keysSurviveARestart() {
        String merchantId = keys.merchantId();
        String publicKeyId = keys.publicKeyId();
        gateway.close();
        gateway = SandboxGateway.builder().protocol("wechatpay-v3").dataDir(dataDir).build().start();
        WechatPayKeys again = ((WechatPayFace) gateway.face()).keys();
        assertThat(again.merchantId()).isEqualTo(merchantId);
        assertThat(again.publicKeyId()).isEqualTo(publicKeyId);
        assertThat(again.platformPublicKey()).isEqualTo(keys.platformPublicKey());
    }

    @Test
    @DisplayName("a signed request is answered in WeChat Pay's shape and the answer is signed with the platform key")
    void aSignedRequestGetsASignedAnswer() throws Exception {
        HttpResponse<String> answer = send("GET", "/v3/pay/transactions/out-trade-no/NOSUCHORDER0001?mchid="
                + keys.merchantId(), "", keys.merchantId(), keys.merchantPrivateKey(), Instant.now());

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(answer.body()).get("code").asText()).isEqualTo("ORDER_NOT_EXIST");
        String timestamp = header(answer, "Wechatpay-Timestamp");
        String nonce = header(answer, "Wechatpay-Nonce");
        assertThat(header(answer, "Wechatpay-Serial")).isEqualTo(keys.publicKeyId());
        assertThat(header(answer, "Request-ID")).isNotBlank();
        assertThat(WechatPaySignatures.verify(keys.platformPublicKey(), timestamp + "\n" + nonce + "\n" + answer.body()
                + "\n", header(answer, "Wechatpay-Signature"))).isTrue();
    }

    @Test
    @DisplayName("unsigned, forged and stale requests are 401 SIGN_ERROR; another merchant's is 400 MCH_NOT_EXISTS")
    void badRequestsAreRefusedAsWechatPayDoes() throws Exception {
        String path = "/v3/pay/transactions/out-trade-no/NOSUCHORDER0001?mchid=" + keys.merchantId();
        HttpResponse<String> unsigned = HTTP.send(HttpRequest.newBuilder(gateway.baseUri().resolve(path.substring(1)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        PrivateKey stranger = WechatPayKeys.generate(new SecureRandom()).merchantPrivateKey();

        assertThat(code(unsigned)).isEqualTo("401 SIGN_ERROR");
        assertThat(code(send("GET", path, "", keys.merchantId(), stranger, Instant.now()))).isEqualTo("401 SIGN_ERROR");
        assertThat(code(send("GET", path, "", keys.merchantId(), keys.merchantPrivateKey(),
                Instant.now().minus(Duration.ofMinutes(10))))).isEqualTo("401 SIGN_ERROR");
        assertThat(code(send("GET", path, "", "1900000001", keys.merchantPrivateKey(), Instant.now())))
                .isEqualTo("400 MCH_NOT_EXISTS");
    }

    @Test
    @DisplayName("the protocol is known by its word and retries on WeChat Pay's documented schedule, about 24 hours")
    void theProtocolIsKnownAndRetriesAsDocumented() {
        assertThat(Faces.PROTOCOLS).contains("wechatpay-v3");
        assertThat(Faces.named("wechatpay-v3", new NotificationSignature("k", new byte[] {1}, Duration.ofMinutes(5),
                java.time.Clock.systemUTC()))).isInstanceOf(WechatPayFace.class);
        RetrySchedule schedule = gateway.face().documentedSchedule();
        Instant event = Instant.parse("2026-12-06T00:00:00Z");
        Instant at = event.plus(schedule.delayBefore(0));
        List<Duration> gaps = new ArrayList<>();
        for (int attempts = 1; ; attempts++) {
            Optional<Instant> next = schedule.nextAttemptAt(attempts, event, at);
            if (next.isEmpty()) {
                break;
            }
            gaps.add(Duration.between(at, next.get()));
            at = next.get();
        }
        assertThat(gaps).extracting(Duration::toSeconds).containsExactly(15L, 15L, 30L, 180L, 600L, 1200L, 1800L,
                1800L, 1800L, 3600L, 10800L, 10800L, 10800L, 21600L, 21600L);
        assertThat(Duration.between(event, at)).isBetween(Duration.ofHours(24), Duration.ofHours(25));
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body, String mchid, PrivateKey key,
            Instant when) throws Exception {
        String timestamp = Long.toString(when.getEpochSecond());
        String nonce = "TESTNONCE" + System.nanoTime();
        String signature = WechatPaySignatures.sign(key, method + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce
                + "\n" + body + "\n");
        String authorization = WechatPaySignatures.SCHEMA + " mchid=\"" + mchid + "\",nonce_str=\"" + nonce
                + "\",signature=\"" + signature + "\",timestamp=\"" + timestamp + "\",serial_no=\""
                + keys.merchantSerial() + "\"";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUri().toString()
                + pathAndQuery.substring(1))).header("Authorization", authorization).header("Accept",
                "application/json");
        request = method.equals("GET") ? request.GET()
                : request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> answer) throws Exception {
        JsonNode body = JSON.readTree(answer.body());
        return answer.statusCode() + " " + body.get("code").asText();
    }

    private static String header(HttpResponse<?> answer, String name) {
        return answer.headers().firstValue(name).orElse(null);
    }
}
