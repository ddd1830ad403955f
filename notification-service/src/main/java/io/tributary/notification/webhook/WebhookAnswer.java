package io.tributary.notification.webhook;

/**
 * What a webhook is answered: a status, a short plain-text reason, and whether a retry after {@code Retry-After} can
 * succeed (only for 503s that a passing condition caused: overload, Kafka unavailable, shutting down).
 */
public record WebhookAnswer(int status, String message, boolean retryLater) {

    /** The answer beyond the bounds on concurrent webhooks and in-flight body bytes. */
    public static final WebhookAnswer OVERLOADED = retryLater("too many webhooks in flight; retry later");

    public static WebhookAnswer of(int status, String message) {
        return new WebhookAnswer(status, message, false);
    }

    public static WebhookAnswer retryLater(String message) {
        return new WebhookAnswer(503, message, true);
    }
}
