package io.tributary.fetcher.source.git;

import io.tributary.operator.tls.PemTls;
import java.security.KeyPair;
import java.util.List;

/**
 * How to reach a git server, resolved from a GitRepository's {@code secretRef} and {@code proxySecretRef}.
 * Holds secrets: {@link #toString()} names only the methods in use.
 *
 * @param username HTTPS basic user, or null
 * @param password HTTPS basic password, or null
 * @param bearerToken HTTPS bearer token, or null
 * @param tls custom CA and/or client certificate, or null
 * @param sshIdentities the decrypted SSH key pairs, empty for HTTP(S)
 * @param knownHosts known_hosts lines the SSH server key must match
 * @param proxy the HTTP proxy, or null
 */
public record GitAuth(String username, String password, String bearerToken, PemTls tls, List<KeyPair> sshIdentities,
        String knownHosts, GitProxy proxy) {

    public static final GitAuth NONE = new GitAuth(null, null, null, null, List.of(), null, null);

    /** An HTTP CONNECT proxy from {@code proxySecretRef}. */
    public record GitProxy(String host, int port, String username, String password) {
        @Override
        public String toString() {
            return "GitProxy[" + host + ":" + port + (username == null ? "" : ", basic") + "]";
        }
    }

    public GitAuth withProxy(GitProxy proxy) {
        return new GitAuth(username, password, bearerToken, tls, sshIdentities, knownHosts, proxy);
    }

    @Override
    public String toString() {
        StringBuilder methods = new StringBuilder();
        if (username != null) {
            methods.append(" basic");
        }
        if (bearerToken != null) {
            methods.append(" bearer");
        }
        if (tls != null) {
            methods.append(" tls");
        }
        if (!sshIdentities.isEmpty()) {
            methods.append(" ssh");
        }
        if (proxy != null) {
            methods.append(" ").append(proxy);
        }
        return "GitAuth[" + (methods.length() == 0 ? "anonymous" : methods.toString().trim()) + "]";
    }
}
