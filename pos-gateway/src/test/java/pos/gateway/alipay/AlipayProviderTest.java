package pos.gateway.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.gateway.provider.MissingCredentialsException;
import pos.gateway.provider.PaymentProvider;
import pos.gateway.provider.PaymentProviders;
import pos.gateway.provider.ProviderSettings;

@DisplayName("PaymentProviders.open(\"alipay\"): the credentials first, then the SDK client")
class AlipayProviderTest {

    @TempDir
    Path dir;

    private ProviderSettings settings(Map<String, String> environment) {
        return new ProviderSettings("alipay", null, dir, environment, null, Duration.ofSeconds(5), Duration.ofMinutes(2),
                null);
    }

    @Test
    @DisplayName("without credentials the message names every missing file and variable")
    void missingCredentialsAreNamed() {
        assertThatThrownBy(() -> PaymentProviders.open(settings(Map.of())))
                .isInstanceOf(MissingCredentialsException.class)
                .hasMessageContaining("4 credentials are missing")
                .hasMessageContaining(dir.resolve("app-private-key.pem").toString())
                .hasMessageContaining("POS_ALIPAY_APP_PRIVATE_KEY")
                .hasMessageContaining("POS_ALIPAY_SELLER_ID");
    }

    @Test
    @DisplayName("a key that is not one is refused naming its file, never showing what it holds")
    void malformedKeyIsNamedNotShown() throws Exception {
        try (AlipaySandbox sandbox = new AlipaySandbox(dir.resolve("sandbox"))) {
            Path credentials = sandbox.gateway.credentialsDir();
            for (String name : PaymentProviders.REQUIRED_CREDENTIALS.get("alipay")) {
                Files.copy(credentials.resolve(name), dir.resolve(name));
            }
            String secretLooking = "-----BEGIN PRIVATE KEY-----\nTm90QUtleUF0QWxsU2VjcmV0VmFsdWU=\n-----END PRIVATE KEY-----\n";
            Files.writeString(dir.resolve("app-private-key.pem"), secretLooking);
            Files.setPosixFilePermissions(dir.resolve("app-private-key.pem"), PosixFilePermissions.fromString("rw-------"));

            assertThatThrownBy(() -> PaymentProviders.open(settings(Map.of())))
                    .isInstanceOf(MissingCredentialsException.class)
                    .hasMessageContaining(dir.resolve("app-private-key.pem").toString())
                    .hasMessageNotContaining("Tm90QUtleUF0QWxsU2VjcmV0VmFsdWU");
        }
    }

    @Test
    @DisplayName("with the sandbox's credentials it is the alipay provider, aimed at Alipay's production gateway by default")
    void opensWithCredentials() throws Exception {
        try (AlipaySandbox sandbox = new AlipaySandbox(dir.resolve("sandbox"));
             PaymentProvider provider = PaymentProviders.open(new ProviderSettings("alipay", null,
                     sandbox.gateway.credentialsDir(), Map.of(), null, Duration.ofSeconds(5), Duration.ofMinutes(2),
                     null))) {
            assertThat(provider.name()).isEqualTo("alipay");
            assertThat(provider.notifications().provider()).isEqualTo("alipay");
            assertThat(((AlipayGateway) provider.gateway()).serverUrl()).isEqualTo("https://openapi.alipay.com/gateway.do");
            assertThat(((AlipayGateway) sandbox.provider(null, Duration.ofSeconds(1)).gateway()).serverUrl())
                    .isEqualTo(sandbox.gateway.baseUri() + "gateway.do");
        }
    }
}
