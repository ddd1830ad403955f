package io.tributary.notification.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.notification.ProviderSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** A Provider and its Secrets resolved, and each bad input named by its field or key without its value. */
class ProviderSettingsTest {

    private static Map<String, byte[]> data(String... keyValues) {
        Map<String, byte[]> data = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            data.put(keyValues[i], keyValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return data;
    }

    private static ProviderSpec spec(ProviderSpec.Type type, String address) {
        ProviderSpec spec = new ProviderSpec();
        spec.type = type;
        spec.address = address;
        return spec;
    }

    @Test
    void theSecretsAddressTokenHeadersAndCaAreUsed() throws Exception {
        ProviderSpec spec = spec(ProviderSpec.Type.GENERIC, "https://ignored.example");
        spec.timeout = "2s";
        spec.channel = "ops";
        ProviderConfig config = ProviderSettings.resolve("ns/p", "u", spec, new ProviderSettings.Secrets(
                data("address", "https://hooks.example/x\n", "token", "t0k", "username", "u", "password", "p",
                        "headers", "X-A: one\nX-B: two\n"),
                data("ca.crt", "PEM"), data("address", "http://proxy.example:3128")));
        assertThat(config.address()).hasToString("https://hooks.example/x");
        assertThat(config.token()).isEqualTo("t0k");
        assertThat(config.username()).isEqualTo("u");
        assertThat(config.password()).isEqualTo("p");
        assertThat(config.headers()).containsOnly(Map.entry("X-A", "one"), Map.entry("X-B", "two"));
        assertThat(config.caPem()).isEqualTo("PEM");
        assertThat(config.proxy()).hasToString("http://proxy.example:3128");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.channel()).isEqualTo("ops");
    }

    @Test
    void aGitProviderMayUseAnScpLikeAddress() throws Exception {
        ProviderConfig config = ProviderSettings.resolve("ns/p", "u", spec(ProviderSpec.Type.GITHUB, "git@github.com:foo/bar.git"),
                new ProviderSettings.Secrets(null, null, null));
        assertThat(config.address()).hasToString("https://github.com/foo/bar");
        assertThat(config.timeout()).isEqualTo(ProviderConfig.DEFAULT_TIMEOUT);
    }

    static Stream<Arguments> badInput() {
        String secretUrl = "not a url https://hooks.slack.com/services/T/B/SECRET";
        return Stream.of(
                Arguments.of("spec.address not a URL", spec(ProviderSpec.Type.SLACK, "hooks.example/x"), null, null, null, "spec.address: not an"),
                Arguments.of("secret address not a URL", spec(ProviderSpec.Type.SLACK, null), data("address", secretUrl), null, null,
                        "key 'address' of spec.secretRef: not a URL"),
                Arguments.of("secret address too long", spec(ProviderSpec.Type.SLACK, null), data("address", "https://a/" + "x".repeat(2048)),
                        null, null, "address exceeds maximum length of 2048 bytes"),
                Arguments.of("headers not a map", spec(ProviderSpec.Type.GENERIC, "https://a"), data("headers", "- a\n- b"), null, null,
                        "key 'headers' of spec.secretRef: not a YAML map of strings"),
                Arguments.of("cert secret without ca.crt or tls.crt", spec(ProviderSpec.Type.GENERIC, "https://a"), null, data("other", "x"),
                        null, "spec.certSecretRef: the Secret has neither a 'ca.crt' nor a 'tls.crt' key"),
                Arguments.of("cert secret with tls.crt but no tls.key", spec(ProviderSpec.Type.GENERIC, "https://a"), null,
                        data("tls.crt", "x"), null, "spec.certSecretRef: keys 'tls.crt' and 'tls.key' must be given together"),
                Arguments.of("proxy secret without address", spec(ProviderSpec.Type.GENERIC, "https://a"), null, null, data("username", "u"),
                        "spec.proxySecretRef: the Secret has no 'address' key"),
                Arguments.of("proxy address not a URL", spec(ProviderSpec.Type.GENERIC, "https://a"), null, null, data("address", "::"),
                        "key 'address' of spec.proxySecretRef: not a"),
                Arguments.of("bad timeout", withTimeout(spec(ProviderSpec.Type.GENERIC, "https://a"), "soon"), null, null, null,
                        "spec.timeout: invalid duration"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void badInput(String name, ProviderSpec spec, Map<String, byte[]> secret, Map<String, byte[]> cert, Map<String, byte[]> proxy,
            String message) {
        assertThatThrownBy(() -> ProviderSettings.resolve("ns/p", "u", spec, new ProviderSettings.Secrets(secret, cert, proxy)))
                .isInstanceOf(NotifierException.class).hasMessageContaining(message).hasMessageNotContaining("SECRET");
    }

    @Test
    void aCaThatIsNotPemIsNamed() {
        ProviderConfig config = new ProviderConfig("ns/p", "u", ProviderSpec.Type.GENERIC, java.net.URI.create("https://a"), null, null,
                null, Map.of(), null, null, "garbage", null);
        assertThatThrownBy(() -> ProviderClient.tls(config)).hasMessageStartingWith("spec.certSecretRef: key 'ca.crt'");
        ProviderConfig badKey = new ProviderConfig("ns/p", "u", ProviderSpec.Type.GENERIC, java.net.URI.create("https://a"), null, null,
                null, Map.of(), null, null, null, null, io.tributary.testsupport.TestPki.create("x").clientCertPem(), "not a key");
        assertThatThrownBy(() -> ProviderClient.tls(badKey)).hasMessageStartingWith("spec.certSecretRef: key 'tls.key'");
    }

    private static ProviderSpec withTimeout(ProviderSpec spec, String timeout) {
        spec.timeout = timeout;
        return spec;
    }
}
