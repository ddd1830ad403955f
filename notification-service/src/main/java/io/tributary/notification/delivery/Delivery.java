package io.tributary.notification.delivery;

import io.tributary.notification.provider.ProviderConfig;
import io.tributary.notification.provider.ProviderRequest;

/**
 * One notification to send: the Alert that matched, its Provider, the request built for it.
 *
 * @param key {@code alertNamespace/alertName}, recorded once delivered so a redelivered record skips it
 */
public record Delivery(String key, String alertNamespace, String alertName, ProviderConfig provider, ProviderRequest request) {
}
