package io.tributary.fetcher.source;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.meta.Reasons;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** The values of a Secret a source references: {@code data} decoded, then {@code stringData}; empty values dropped. */
public final class SecretData {

    private SecretData() {
    }

    /** Decoded values; all but key material ({@code identity}, {@code known_hosts}, {@code *.crt}, {@code *.key}) trimmed. */
    public static Map<String, String> of(Secret secret) {
        Map<String, String> values = new HashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((key, base64) -> {
                if (base64 != null) {
                    values.put(key, new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8));
                }
            });
        }
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        values.replaceAll((key, value) -> key.equals("identity") || key.endsWith(".crt") || key.endsWith(".key")
                || key.equals("known_hosts") ? value : value.trim());
        values.values().removeIf(String::isBlank);
        return values;
    }

    /** The values of {@code namespace/name}; a missing secret fails with AuthenticationFailed naming it ({@code what}: "secret", "proxy secret"). */
    public static Map<String, String> load(KubernetesClient client, String namespace, String name, String what) throws FetchFailure {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, what + " '" + namespace + "/" + name + "' not found", false);
        }
        return of(secret);
    }
}
