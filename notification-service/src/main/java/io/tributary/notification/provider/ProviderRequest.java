package io.tributary.notification.provider;

import java.net.URI;
import java.util.Map;

/** One HTTP request a notifier makes: always a POST of {@code body} with {@code headers}. */
public record ProviderRequest(URI uri, Map<String, String> headers, byte[] body) {

    public ProviderRequest {
        headers = Map.copyOf(headers);
    }
}
