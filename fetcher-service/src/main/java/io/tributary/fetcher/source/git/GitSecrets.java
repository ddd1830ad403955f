package io.tributary.fetcher.source.git;

import io.fabric8.kubernetes.api.model.Secret;
import io.tributary.api.meta.Reasons;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.operator.tls.PemTls;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Turns the secrets a GitRepository references into {@link GitAuth}, checking every key the way Flux does. Errors
 * name the secret and the key; they never contain a secret value.
 */
public final class GitSecrets {

    private GitSecrets() {
    }

    /**
     * @param url the repository URL (decides between HTTPS and SSH keys)
     * @param secretName {@code spec.secretRef.name} or null; {@code secret} is null when it does not exist
     */
    public static GitAuth resolve(String url, String namespace, String secretName, Secret secret) throws FetchFailure {
        boolean ssh = url.startsWith("ssh://");
        if (secretName == null) {
            if (ssh) {
                throw failure("spec.secretRef: an ssh:// URL needs a secret with keys 'identity' and 'known_hosts'");
            }
            return GitAuth.NONE;
        }
        String where = "secret '" + namespace + "/" + secretName + "'";
        if (secret == null) {
            throw failure(where + " not found");
        }
        Map<String, String> data = data(secret);
        if (ssh) {
            return new GitAuth(null, null, null, null, identities(where, data), required(where, data, "known_hosts"), null);
        }
        String username = data.get("username");
        String password = data.get("password");
        String token = data.get("bearerToken");
        if (token != null && (username != null || password != null)) {
            throw failure(where + ": set either keys 'username'/'password' or key 'bearerToken', not both");
        }
        if (password != null && username == null) {
            throw failure(where + ": key 'password' requires key 'username'");
        }
        if (username != null && password == null) {
            throw failure(where + ": key 'username' requires key 'password'");
        }
        PemTls tls = null;
        if (data.containsKey("ca.crt") || data.containsKey("tls.crt") || data.containsKey("tls.key")) {
            if (url.startsWith("http://")) {
                throw failure(where + ": TLS keys 'ca.crt'/'tls.crt'/'tls.key' need an https:// URL");
            }
            try {
                tls = PemTls.of(data.get("ca.crt"), data.get("tls.crt"), data.get("tls.key"));
            } catch (IllegalArgumentException invalid) {
                throw failure(where + ": " + invalid.getMessage());
            }
        }
        return new GitAuth(username, password, token, tls, List.of(), null, null);
    }

    /** The proxy from {@code spec.proxySecretRef}: key {@code address} (required), {@code username}, {@code password}. */
    public static GitAuth.GitProxy proxy(String namespace, String secretName, Secret secret) throws FetchFailure {
        String where = "proxy secret '" + namespace + "/" + secretName + "'";
        if (secret == null) {
            throw failure(where + " not found");
        }
        Map<String, String> data = data(secret);
        String address = required(where, data, "address");
        URI uri;
        try {
            uri = URI.create(address);
        } catch (IllegalArgumentException e) {
            throw failure(where + ": key 'address' is not a URL");
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw failure(where + ": key 'address' must be an http:// URL with a host");
        }
        if ((data.get("username") == null) != (data.get("password") == null)) {
            throw failure(where + ": keys 'username' and 'password' go together");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
        return new GitAuth.GitProxy(uri.getHost(), port, data.get("username"), data.get("password"));
    }

    private static List<KeyPair> identities(String where, Map<String, String> data) throws FetchFailure {
        String identity = required(where, data, "identity");
        String password = data.get("password");
        try {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("identity"),
                    new ByteArrayInputStream(identity.getBytes(StandardCharsets.UTF_8)),
                    password == null ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(password));
            List<KeyPair> keys = new ArrayList<>();
            if (loaded != null) {
                loaded.forEach(keys::add);
            }
            if (keys.isEmpty()) {
                throw failure(where + ": key 'identity' holds no private key"
                        + (password == null ? " (an encrypted key needs key 'password')" : ""));
            }
            return List.copyOf(keys);
        } catch (FetchFailure f) {
            throw f;
        } catch (Exception e) {
            throw failure(where + ": key 'identity' cannot be read"
                    + (password == null ? " (an encrypted key needs key 'password')" : " with the given 'password'")
                    + ": " + e.getClass().getSimpleName());
        }
    }

    private static String required(String where, Map<String, String> data, String key) throws FetchFailure {
        String value = data.get(key);
        if (value == null || value.isBlank()) {
            throw failure(where + ": key '" + key + "' is missing");
        }
        return value;
    }

    /** The secret's data and stringData, decoded; empty values dropped. */
    static Map<String, String> data(Secret secret) {
        return io.tributary.fetcher.source.SecretData.of(secret);
    }

    private static FetchFailure failure(String message) {
        return new FetchFailure(Reasons.AUTHENTICATION_FAILED, message, false);
    }
}
