package io.tributary.notification.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What webhooks may hold and how long they wait; documented in {@code application.properties}. */
@ConfigMapping(prefix = "tributary.webhook")
public interface WebhookSettings {

    /** Sent as {@code Retry-After} with every 503 that a retry can cure. */
    @WithDefault("5s")
    Duration retryAfter();

    /** How long a webhook waits for Kafka to acknowledge its FetchRequested before it answers 503. */
    @WithDefault("4s")
    Duration publishTimeout();
}
