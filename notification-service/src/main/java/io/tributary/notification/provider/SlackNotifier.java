package io.tributary.notification.provider;

import io.tributary.events.FluxEvent;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Flux's Slack payload (also Discord's, through its Slack-compatible {@code /slack} endpoint): one attachment, colour
 * {@code good} or {@code danger}, author {@code kind/name.namespace}, the message, one field per metadata entry;
 * {@code Authorization: Bearer <token>} when the Secret has a token (Slack only).
 */
final class SlackNotifier implements Notifier {

    private final ProviderConfig config;
    private final URI uri;
    private final boolean slack;

    private SlackNotifier(ProviderConfig config, URI uri, boolean slack) {
        this.config = config;
        this.uri = uri;
        this.slack = slack;
    }

    static SlackNotifier slack(ProviderConfig config) {
        return new SlackNotifier(config, config.address(), true);
    }

    /** Discord: the address gains {@code /slack} unless it ends with it. */
    static SlackNotifier discord(ProviderConfig config) {
        String address = config.address().toString();
        URI uri = address.endsWith("/slack") ? config.address() : URI.create(address.replaceAll("/+$", "") + "/slack");
        return new SlackNotifier(config, uri, false);
    }

    @Override
    public Optional<ProviderRequest> request(FluxEvent event) {
        Map<String, Object> payload = new LinkedHashMap<>();
        if (slack && config.channel() != null && !config.channel().isEmpty()) {
            payload.put("channel", config.channel());
        } else {
            payload.put("channel", "");
        }
        String username = config.username() == null || config.username().isEmpty() ? event.reportingController() : config.username();
        payload.put("username", username);
        payload.put("icon_url", "");
        payload.put("icon_emoji", "");
        List<Map<String, Object>> fields = new ArrayList<>();
        Payloads.sortedMetadata(event).forEach((k, v) -> {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("title", k);
            field.put("value", v);
            field.put("short", false);
            fields.add(field);
        });
        String author = Payloads.objectName(event);
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("fallback", slack ? author + ": " + event.message().split("\n", -1)[0] : "");
        attachment.put("color", Payloads.isError(event) ? "danger" : "good");
        attachment.put("author_name", author);
        attachment.put("text", event.message());
        attachment.put("mrkdwn_in", List.of("text"));
        attachment.put("fields", fields);
        payload.put("attachments", List.of(attachment));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (slack && config.token() != null && !config.token().isEmpty()) {
            headers.put("Authorization", "Bearer " + config.token());
        }
        return Optional.of(new ProviderRequest(uri, headers, Payloads.json(payload)));
    }
}
