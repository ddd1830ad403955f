package io.tributary.notification.receiver;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.notification.Receiver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reads a Receiver's token from the {@code token} key of its {@code secretRef}. */
@ApplicationScoped
public class ReceiverTokens {

    @Inject
    KubernetesClient client;

    /** The secret or key is missing; the message names which. */
    public static class TokenException extends Exception {
        private final String reason;

        public TokenException(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    public String token(Receiver receiver) throws TokenException {
        String namespace = receiver.getMetadata().getNamespace();
        if (receiver.getSpec().secretRef == null || receiver.getSpec().secretRef.name == null) {
            throw new TokenException("SecretNotFound", "spec.secretRef: required to compute the webhook path");
        }
        String name = receiver.getSpec().secretRef.name;
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            throw new TokenException("SecretNotFound", "secret '" + namespace + "/" + name + "' not found");
        }
        String encoded = secret.getData() == null ? null : secret.getData().get("token");
        if (encoded == null) {
            String plain = secret.getStringData() == null ? null : secret.getStringData().get("token");
            if (plain != null) {
                return plain;
            }
            throw new TokenException("TokenNotFound", "secret '" + namespace + "/" + name + "' has no key 'token'");
        }
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).trim();
    }
}
