package io.tributary.notification.webhook;

import io.tributary.notification.receiver.ReceiverRegistry;

/**
 * What the webhook front decides from the request line and headers alone, before it reads a byte of the body.
 * Pure.
 */
final class RequestScreen {

    /** {@code Content-Length} absent (no body, or a chunked one). */
    static final long NO_LENGTH = -1;
    /** {@code Content-Length} present but not a non-negative number. */
    static final long INVALID_LENGTH = -2;

    private RequestScreen() {
    }

    /**
     * @param receiver the Receiver registered for the exact request URI, or null
     * @return the refusal, or null when the request may go on to admission and its body
     */
    static WebhookAnswer screen(String method, ReceiverRegistry.Entry receiver, WebhookRequest headers, long contentLength,
            long maxBodyBytes) {
        if (!"POST".equals(method)) {
            return WebhookAnswer.of(405, "webhooks are POST requests");
        }
        if (receiver == null) {
            return WebhookAnswer.of(404, "no receiver for this path");
        }
        if (contentLength == INVALID_LENGTH) {
            return WebhookAnswer.of(400, "invalid Content-Length header");
        }
        if (contentLength > maxBodyBytes) {
            return WebhookAnswer.of(413, "the body is larger than " + maxBodyBytes + " bytes");
        }
        if (receiver.suspended()) {
            return WebhookAnswer.of(503, "the receiver is suspended");
        }
        Verdict verdict = ReceiverValidators.screen(receiver.type(), receiver.events(), headers);
        return verdict.accepted() ? null : WebhookAnswer.of(400, verdict.message());
    }

    /** Parses a {@code Content-Length} value: {@link #NO_LENGTH} when null, {@link #INVALID_LENGTH} when malformed. */
    static long contentLength(String header) {
        if (header == null) {
            return NO_LENGTH;
        }
        String value = header.trim();
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return INVALID_LENGTH;
        }
        return Long.parseLong(value);
    }
}
