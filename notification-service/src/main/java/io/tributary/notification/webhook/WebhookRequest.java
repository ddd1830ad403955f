package io.tributary.notification.webhook;

import java.util.Locale;
import java.util.Map;

/** What a validator sees of an incoming webhook: lower-cased header names and the raw body. */
public record WebhookRequest(Map<String, String> headers, byte[] body) {

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
