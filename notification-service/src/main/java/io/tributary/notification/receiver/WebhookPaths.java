package io.tributary.notification.receiver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Flux's receiver path: {@code /hook/} + hex(sha256(token + name + namespace)). */
public final class WebhookPaths {

    private WebhookPaths() {
    }

    public static String of(String token, String name, String namespace) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((token + name + namespace).getBytes(StandardCharsets.UTF_8));
            return "/hook/" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
