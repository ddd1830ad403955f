package io.tributary.notification.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What webhooks may hold and how long they wait; documented in {@code application.properties}. */
@ConfigMapping(prefix = "tributary.webhook")
public interface WebhookSettings {

    /** Largest body one webhook may send (Flux: 3 MiB); larger ones get 413. */
    @WithDefault("3145728")
    long maxBodyBytes();

    /** Body bytes all webhooks together may hold in memory; beyond it new webhooks get 503 + Retry-After. */
    @WithDefault("33554432")
    long maxInFlightBodyBytes();

    /** Webhooks admitted at once (reading their body, validating, publishing); beyond it 503 + Retry-After. */
    @WithDefault("32")
    int maxConcurrentRequests();

    /** Time an admitted webhook has to send its whole body; after it 408 and the connection is closed. */
    @WithDefault("10s")
    Duration bodyReadTimeout();

    /** Sent as {@code Retry-After} with every 503 that a retry can cure. */
    @WithDefault("5s")
    Duration retryAfter();

    /** How long a webhook waits for Kafka to acknowledge its FetchRequested before it answers 503. */
    @WithDefault("4s")
    Duration publishTimeout();
}
