package io.tributary.notification.provider;

import io.tributary.api.notification.ProviderSpec;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Everything a notifier needs from a Provider and its Secrets, resolved. {@code token}, {@code password} and the
 * address itself (a Slack or Teams webhook URL is a credential) are never logged nor put in an event.
 *
 * @param name the Provider's namespace/name, for messages
 * @param uid the Provider's UID (the default commit status id holds its first segment)
 * @param caPem {@code ca.crt} of {@code spec.certSecretRef}, or null for the JVM's trust store
 * @param certPem {@code tls.crt} of {@code spec.certSecretRef} (client certificate), or null
 * @param keyPem {@code tls.key} of {@code spec.certSecretRef}, or null
 * @param proxy the {@code address} of {@code spec.proxySecretRef} (or {@code spec.proxy}), or null
 */
public record ProviderConfig(
        String name,
        String uid,
        ProviderSpec.Type type,
        URI address,
        String token,
        String username,
        String password,
        Map<String, String> headers,
        String channel,
        Duration timeout,
        String caPem,
        URI proxy,
        String certPem,
        String keyPem) {

    /** Flux's default {@code spec.timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    public ProviderConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /** Without a client certificate. */
    public ProviderConfig(String name, String uid, ProviderSpec.Type type, URI address, String token, String username, String password,
            Map<String, String> headers, String channel, Duration timeout, String caPem, URI proxy) {
        this(name, uid, type, address, token, username, password, headers, channel, timeout, caPem, proxy, null, null);
    }
}
