package io.tributary.artifact.http;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import io.tributary.artifact.ArtifactConfig;
import jakarta.inject.Inject;

/**
 * Guards the write API: when {@code tributary.artifact.upload-token} is set, uploads and deletions need
 * {@code Authorization: Bearer <token>}; serving artifacts stays open, as Flux's storage server is.
 */
@ApplicationScoped
public class UploadAuthorization {

    @Inject
    ArtifactConfig config;

    public boolean permits(String authorization) {
        Optional<String> token = config.uploadToken();
        if (token.isEmpty() || token.get().isBlank()) {
            return true;
        }
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(token.get().getBytes(StandardCharsets.UTF_8),
                authorization.substring("Bearer ".length()).getBytes(StandardCharsets.UTF_8));
    }
}
