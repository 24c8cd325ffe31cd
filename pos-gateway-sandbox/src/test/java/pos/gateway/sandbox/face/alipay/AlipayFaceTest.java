package pos.gateway.sandbox.face.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandbox.face.Faces;

@DisplayName("The sandbox's Alipay face on the wire, without the SDK: keys, credentials, signatures, Alipay's error answers")
class AlipayFaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("the credentials are written 0600 in a 0700 directory, and a restart keeps the same ids and keys")
    void credentialsAreOwnerOnlyAndSurviveARestart() throws Exception {
        String appId;
        String publicKey;
        try (SandboxGateway gateway = SandboxGateway.builder().protocol("alipay").dataDir(dataDir).build().start()) {
            Path dir = gateway.credentialsDir();
            for (String name : List.of("app-id", "app-private-key.pem", "alipay-public-key.pem", "seller-id")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))))
                        .as(name).isEqualTo("rw-------");
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            appId = Files.readString(dir.resolve("app-id")).strip();
            publicKey = Files.readString(dir.resolve("alipay-public-key.pem"));
            assertThat(appId).matches("[0-9]{16}");
            assertThat(Files.readString(dir.resolve("seller-id")).strip()).matches("2088[0-9]{12}");
            assertThat(Files.readString(dir.resolve("app-private-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(publicKey).startsWith("-----BEGIN PUBLIC KEY-----");
        }
        try (SandboxGateway again = SandboxGateway.builder().protocol("alipay").dataDir(dataDir).build().start()) {
            assertThat(Files.readString(again.credentialsDir().resolve("app-id")).strip()).isEqualTo(appId);
            assertThat(Files.readString(again.credentialsDir().resolve("alipay-public-key.pem"))).isEqualTo(publicKey);
        }
        assertThat(Faces.PROTOCOLS).contains("alipay");
    }

    @Test
    @DisplayName("a signed query of an unknown order is ACQ.TRADE_NOT_EXIST, and the answer verifies with Alipay's key")
    void answersAreSignedOverTheResponseObject() throws Exception {
        try (SandboxGateway gateway = SandboxGateway.builder().protocol("alipay").dataDir(dataDir).build().start()) {
            AlipayFace face = (AlipayFace) gateway.face();
            Map<String, String> params = request(face.keys().appId(), "alipay.trade.query",
                    "{\"out_trade_no\":\"01ABCDEFGHJKMNPQRSTVWXYZ12\"}");
            params.put("sign", AlipaySignatures.sign(AlipaySignatures.content(params, AlipaySignatures.REQUEST_UNSIGNED),
                    appKey(gateway)));

            String body = post(gateway, params);

            JsonNode node = JSON.readTree(body).get("alipay_trade_query_response");
            assertThat(node.get("code").asText()).isEqualTo("40004");
            assertThat(node.get("sub_code").asText()).isEqualTo("ACQ.TRADE_NOT_EXIST");
            String signed = body.substring(body.indexOf(':') + 1, body.lastIndexOf(",\"sign\":"));
            assertThat(AlipaySignatures.verify(signed, JSON.readTree(body).get("sign").asText(),
                    face.keys().alipayPublic())).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            bad signature,   40002, isv.invalid-signature
            unknown app,     40002, isv.invalid-app-id
            unknown method,  40002, isv.invalid-method
            missing sign,    40001, isv.missing-sign
            """)
    @DisplayName("protocol faults are answered as Alipay answers them, and nothing is made")
    void protocolFaults(String fault, String code, String subCode) throws Exception {
        try (SandboxGateway gateway = SandboxGateway.builder().protocol("alipay").dataDir(dataDir).build().start()) {
            AlipayFace face = (AlipayFace) gateway.face();
            String appId = fault.equals("unknown app") ? "2021000000000001" : face.keys().appId();
            String method = fault.equals("unknown method") ? "alipay.trade.order.settle" : "alipay.trade.precreate";
            Map<String, String> params = request(appId, method, "{\"out_trade_no\":\"01ABCDEFGHJKMNPQRSTVWXYZ12\","
                    + "\"total_amount\":\"1.00\",\"subject\":\"x\"}");
            params.put("sign", AlipaySignatures.sign(AlipaySignatures.content(params, AlipaySignatures.REQUEST_UNSIGNED),
                    appKey(gateway)));
            if (fault.equals("bad signature")) {
                params.put("biz_content", params.get("biz_content").replace("1.00", "0.01"));
            } else if (fault.equals("missing sign")) {
                params.remove("sign");
            }

            JsonNode answer = JSON.readTree(post(gateway, params));

            JsonNode node = answer.get(method.replace('.', '_') + "_response");
            assertThat(node.get("code").asText()).isEqualTo(code);
            assertThat(node.get("sub_code").asText()).isEqualTo(subCode);
            assertThat(answer.has("sign")).isEqualTo(!fault.equals("unknown app"));
            assertThat(gateway.ledger().order("01ABCDEFGHJKMNPQRSTVWXYZ12")).isEmpty();
        }
    }

    @Test
    @DisplayName("R22 notifications follow Alipay's documented schedule (4m, 10m, 10m, 1h, 2h, 6h, 15h; about 25 h) and"
            + " only the literal body 'success' acknowledges one")
    void documentedScheduleAndAcknowledgement() {
        AlipayFace face = new AlipayFace();
        face.open(dataDir, java.time.Clock.systemUTC());

        assertThat(face.documentedSchedule().steps()).containsExactly(Duration.ZERO, Duration.ofMinutes(4),
                Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(2),
                Duration.ofHours(6), Duration.ofHours(15));
        assertThat(face.documentedSchedule().giveUpAfter()).isEqualTo(Duration.ofHours(25));
        assertThat(face.notifications().acknowledged(200, "success")).isTrue();
        assertThat(face.notifications().acknowledged(500, "success")).isTrue();
        assertThat(face.notifications().acknowledged(200, "OK")).isFalse();
        assertThat(face.notifications().acknowledged(200, "success\n")).isFalse();
    }

    @ParameterizedTest(name = "{0} yuan = {1} fen")
    @CsvSource({"0.01, 1", "12.3, 1230", "12.30, 1230", "99999.99, 9999999", "7, 700"})
    @DisplayName("yuan on the wire convert exactly to the ledger's fen")
    void yuanToFen(String yuan, long fen) {
        assertThat(Yuan.toFen(yuan)).isEqualTo(fen);
        assertThat(Yuan.toFen(Yuan.of(fen))).isEqualTo(fen);
    }

    @ParameterizedTest
    @CsvSource({"1.001", "-1.00", "1e3", "abc", "''"})
    @DisplayName("anything but yuan with at most two decimals is refused")
    void badYuanIsRefused(String yuan) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Yuan.toFen(yuan))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, String> request(String appId, String method, String bizContent) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("app_id", appId);
        params.put("method", method);
        params.put("format", "json");
        params.put("charset", "utf-8");
        params.put("sign_type", "RSA2");
        params.put("timestamp", "2026-12-07 09:00:00");
        params.put("version", "1.0");
        params.put("biz_content", bizContent);
        return params;
    }

    private static PrivateKey appKey(SandboxGateway gateway) throws Exception {
        String pem = Files.readString(gateway.credentialsDir().resolve("app-private-key.pem"));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(AlipayKeys.der(pem)));
    }

    private String post(SandboxGateway gateway, Map<String, String> params) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUri() + "gateway.do"))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(AlipayForms.encode(params))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
