package io.tributary.fetcher.source.oci;

import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;

/**
 * A {@code proxySecretRef} as Flux reads it: {@code address} (an {@code http://} URL), optional {@code username} and
 * {@code password}. Registries are reached through the proxy with CONNECT; its credentials are answered to the
 * proxy's 407 only, never sent to the registry.
 */
public record HttpProxy(String host, int port, String username, String password) {

    static {
        // the JDK refuses Basic credentials for CONNECT tunnels unless told otherwise; proxies in front of registries use it
        if (System.getProperty("jdk.http.auth.tunneling.disabledSchemes") == null) {
            System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
        }
    }

    /** @throws IllegalArgumentException naming the key that is missing or wrong */
    public static HttpProxy of(Map<String, String> secret) {
        String address = secret.get("address");
        URI uri;
        try {
            uri = address == null ? null : URI.create(address.trim());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("key 'address' must be an http:// URL with a host");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("key 'address' must not hold credentials; use keys 'username' and 'password'");
        }
        String username = secret.get("username");
        String password = secret.get("password");
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("keys 'username' and 'password' go together");
        }
        return new HttpProxy(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80, username, password);
    }

    /**
     * Routes the client through the proxy. With proxy credentials the client gets an authenticator, which the JDK also
     * asks when a registry sends a Basic challenge; it answers those with the registry's own {@code credentials} (null:
     * none), so the registry never sees the proxy's and the proxy never sees the registry's.
     */
    void configure(HttpClient.Builder builder, DockerConfig.Credentials credentials) {
        builder.proxy(ProxySelector.of(new InetSocketAddress(host, port)));
        if (username != null) {
            java.util.Set<String> registryAsked = java.util.concurrent.ConcurrentHashMap.newKeySet();
            builder.authenticator(new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    if (getRequestorType() == RequestorType.PROXY) {
                        return new PasswordAuthentication(username, password.toCharArray());
                    }
                    // once per URL: asked again for it, the registry refused them, and the JDK would retry them until it gives up
                    return credentials == null || !registryAsked.add(String.valueOf(getRequestingURL())) ? null
                            : new PasswordAuthentication(credentials.username(), credentials.password().toCharArray());
                }
            });
        }
    }

    @Override
    public String toString() {
        return "HttpProxy[" + host + ":" + port + (username == null ? "" : ", user " + username) + "]";
    }
}
