package io.tributary.notification.provider;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tributary.api.notification.ProviderSpec;
import io.tributary.api.meta.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Resolves a Provider and the data of its Secrets into a {@link ProviderConfig}, as Flux's {@code createNotifier}:
 * the Secret's {@code address} overrides {@code spec.address}; {@code token}, {@code username}, {@code password},
 * {@code headers} (a YAML map) come from {@code spec.secretRef}; {@code ca.crt}, {@code tls.crt} and {@code tls.key} from {@code spec.certSecretRef};
 * {@code address} from {@code spec.proxySecretRef}. Every problem names the field or Secret key, never its value.
 */
public final class ProviderSettings {

    private static final int MAX_ADDRESS = 2048;
    private static final YAMLMapper YAML = new YAMLMapper();

    /** The data of the referenced Secrets (null when not referenced). */
    public record Secrets(Map<String, byte[]> secret, Map<String, byte[]> cert, Map<String, byte[]> proxy) {
    }

    private ProviderSettings() {
    }

    public static ProviderConfig resolve(String name, String uid, ProviderSpec spec, Secrets secrets) throws NotifierException {
        if (spec == null || spec.type == null) {
            throw new NotifierException("spec.type: required", false);
        }
        Map<String, byte[]> secret = secrets.secret();
        String address = spec.address;
        String token = null;
        String username = spec.username;
        String password = null;
        Map<String, String> headers = Map.of();
        String addressField = "spec.address";
        if (secret != null) {
            String fromSecret = text(secret, "address");
            if (fromSecret != null) {
                if (fromSecret.length() > MAX_ADDRESS) {
                    throw new NotifierException("invalid address in secret: address exceeds maximum length of 2048 bytes", false);
                }
                address = fromSecret;
                addressField = "key 'address' of spec.secretRef";
            }
            token = text(secret, "token");
            if (text(secret, "username") != null) {
                username = text(secret, "username");
            }
            password = text(secret, "password");
            headers = headers(secret);
        }
        if (address != null && !address.isEmpty() && Notifiers.isCommitStatus(spec.type)) {
            // a repository address may be ssh:// or scp-like; the API is reached over https on the same host
            String[] hostAndPath = CommitStatus.parseGitAddress(address);
            address = hostAndPath[0] + "/" + hostAndPath[1];
        }
        URI uri = address == null || address.isEmpty() ? null : url(address, addressField);
        Duration timeout = spec.timeout == null ? ProviderConfig.DEFAULT_TIMEOUT : duration(spec.timeout);
        String ca = null;
        String cert = null;
        String key = null;
        if (secrets.cert() != null) {
            ca = text(secrets.cert(), "ca.crt");
            cert = text(secrets.cert(), "tls.crt");
            key = text(secrets.cert(), "tls.key");
            if (ca == null && cert == null) {
                throw new NotifierException("spec.certSecretRef: the Secret has neither a 'ca.crt' nor a 'tls.crt' key", false);
            }
            if ((cert == null) != (key == null)) {
                throw new NotifierException("spec.certSecretRef: keys 'tls.crt' and 'tls.key' must be given together", false);
            }
        }
        URI proxy = null;
        if (secrets.proxy() != null) {
            String proxyAddress = text(secrets.proxy(), "address");
            if (proxyAddress == null) {
                throw new NotifierException("spec.proxySecretRef: the Secret has no 'address' key", false);
            }
            proxy = url(proxyAddress, "key 'address' of spec.proxySecretRef");
        } else if (spec.proxy != null && !spec.proxy.isEmpty()) {
            proxy = url(spec.proxy, "spec.proxy");
        }
        return new ProviderConfig(name, uid, spec.type, uri, token, username, password, headers, spec.channel, timeout, ca, proxy, cert, key);
    }

    /** An absolute http(s) URL with a host, as Go's {@code url.ParseRequestURI} would accept for a webhook. */
    static URI url(String value, String field) throws NotifierException {
        try {
            URI uri = new URI(value.trim());
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
                throw new NotifierException(field + ": not an http(s) URL with a host", false);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new NotifierException(field + ": not a URL (" + e.getReason() + ")", false);
        }
    }

    private static Duration duration(String value) throws NotifierException {
        try {
            return Durations.parse("spec.timeout", value);
        } catch (IllegalArgumentException e) {
            throw new NotifierException(e.getMessage(), false);
        }
    }

    private static Map<String, String> headers(Map<String, byte[]> secret) throws NotifierException {
        byte[] raw = secret.get("headers");
        if (raw == null) {
            return Map.of();
        }
        try {
            Map<String, String> parsed = YAML.readValue(raw, new TypeReference<Map<String, String>>() { });
            return parsed == null ? Map.of() : parsed;
        } catch (java.io.IOException e) {
            throw new NotifierException("key 'headers' of spec.secretRef: not a YAML map of strings", false);
        }
    }

    private static String text(Map<String, byte[]> data, String key) {
        byte[] value = data.get(key);
        return value == null ? null : new String(value, StandardCharsets.UTF_8).trim();
    }
}
