package io.tributary.notification.delivery;

/** Replaces a credential wherever it occurs in a message, as Flux's {@code masktoken}. */
public final class Masking {

    private Masking() {
    }

    public static String mask(String message, String... secrets) {
        String out = message == null ? "" : message;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                out = out.replace(secret, "*****");
            }
        }
        return out;
    }
}
