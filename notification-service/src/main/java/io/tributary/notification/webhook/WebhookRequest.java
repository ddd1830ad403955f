package io.tributary.notification.webhook;

import java.util.Locale;
import java.util.Map;

/**
 * What a validator sees of an incoming webhook: lower-cased header names, each with its first value (as Go's
 * {@code Header.Get} reads it), and the raw body, empty while the body has not been read.
 */
public record WebhookRequest(Map<String, String> headers, byte[] body) {

    public static WebhookRequest headersOnly(Map<String, String> headers) {
        return new WebhookRequest(headers, new byte[0]);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
