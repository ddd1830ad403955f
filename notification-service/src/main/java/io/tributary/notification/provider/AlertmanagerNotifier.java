package io.tributary.notification.provider;

import io.tributary.events.FluxEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Flux's Alertmanager payload: one firing alert, labels = the metadata (less {@code summary}, which becomes an
 * annotation) plus {@code alertname} ({@code Flux<Kind><Reason title-cased>}), severity, reason, kind, name, namespace,
 * reportingcontroller; annotation {@code message}; {@code startsAt} the event time. Bearer token or basic auth.
 */
final class AlertmanagerNotifier implements Notifier {

    private final ProviderConfig config;

    AlertmanagerNotifier(ProviderConfig config) {
        this.config = config;
    }

    @Override
    public Optional<ProviderRequest> request(FluxEvent event) {
        Map<String, String> annotations = new TreeMap<>();
        annotations.put("message", event.message());
        Map<String, String> labels = new TreeMap<>(event.metadata());
        String summary = labels.remove("summary");
        if (summary != null) {
            annotations.put("summary", summary);
        }
        FluxEvent.InvolvedObject o = event.involvedObject();
        labels.put("alertname", "Flux" + o.kind() + titleCase(event.reason()));
        labels.put("severity", event.severity());
        labels.put("reason", event.reason());
        labels.put("kind", o.kind());
        labels.put("name", o.name());
        labels.put("namespace", o.namespace());
        labels.put("reportingcontroller", event.reportingController());
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", "firing");
        alert.put("labels", labels);
        alert.put("annotations", annotations);
        alert.put("startsAt", event.timestamp() == null ? null : event.timestamp().toString());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (config.token() != null && !config.token().isEmpty()) {
            headers.put("Authorization", "Bearer " + config.token());
        }
        if (config.username() != null && !config.username().isEmpty() && config.password() != null && !config.password().isEmpty()) {
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (config.username() + ":" + config.password()).getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.of(new ProviderRequest(config.address(), headers, Payloads.json(List.of(alert))));
    }

    /** Go's {@code cases.Title(language.Und)}: each word's first letter upper-cased, the rest lower-cased. */
    static String titleCase(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean start = true;
        for (char c : text.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = !Character.isLetterOrDigit(c) && c != '\'';
        }
        return out.toString().toLowerCase(Locale.ROOT).isEmpty() ? "" : out.toString();
    }
}
