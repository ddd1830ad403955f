package io.tributary.fetcher.source.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/** The credentials a {@code .dockerconfigjson} holds for one registry host: {@code username}/{@code password} or {@code auth}. */
public final class DockerConfig {

    /** A username and password (never logged). */
    public record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[" + username + "]";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerConfig() {
    }

    /**
     * The entry for {@code host}, keys compared without scheme and path ({@code https://host/v1/} is {@code host}); null
     * when the config names no such registry.
     *
     * @throws IllegalArgumentException when the value is not a Docker config
     */
    public static Credentials credentials(String dockerConfigJson, String host) {
        JsonNode auths;
        try {
            auths = JSON.readTree(dockerConfigJson).path("auths");
        } catch (java.io.IOException | RuntimeException invalid) {
            throw new IllegalArgumentException("'.dockerconfigjson' is not valid JSON");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!hostOf(entry.getKey()).equals(host)) {
                continue;
            }
            JsonNode auth = entry.getValue();
            String username = auth.path("username").asText("");
            String password = auth.path("password").asText("");
            if (username.isEmpty() && !auth.path("auth").asText("").isEmpty()) {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(auth.path("auth").asText()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'.dockerconfigjson': 'auth' of '" + host + "' is not base64");
                }
                int colon = decoded.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("'.dockerconfigjson': 'auth' of '" + host + "' is not username:password");
                }
                username = decoded.substring(0, colon);
                password = decoded.substring(colon + 1);
            }
            return username.isEmpty() ? null : new Credentials(username, password);
        }
        return null;
    }

    static String hostOf(String key) {
        String host = key.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        int slash = host.indexOf('/');
        return slash < 0 ? host : host.substring(0, slash);
    }
}
