package io.tributary.notification.provider;

import io.tributary.events.FluxEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Flux's Microsoft Teams payloads: the deprecated connector MessageCard for {@code *.webhook.office.com} hosts, an
 * Adaptive Card 1.4 (Power Automate workflows) otherwise; an error turns the card red / the message {@code attention}.
 */
final class MsTeamsNotifier implements Notifier {

    private final ProviderConfig config;

    MsTeamsNotifier(ProviderConfig config) {
        this.config = config;
    }

    @Override
    public Optional<ProviderRequest> request(FluxEvent event) {
        String host = config.address().getHost() == null ? "" : config.address().getHost();
        Object payload = host.endsWith(".webhook.office.com") ? connectorCard(event) : adaptiveCard(event);
        return Optional.of(new ProviderRequest(config.address(), Map.of("Content-Type", "application/json"), Payloads.json(payload)));
    }

    static Map<String, Object> connectorCard(FluxEvent event) {
        String objName = Payloads.objectName(event);
        List<Map<String, String>> facts = new ArrayList<>();
        Payloads.sortedMetadata(event).forEach((k, v) -> facts.add(Map.of("name", k, "value", v)));
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("activityTitle", event.message());
        section.put("activitySubtitle", objName);
        section.put("facts", facts);
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("@type", "MessageCard");
        card.put("@context", "http://schema.org/extensions");
        card.put("themeColor", Payloads.isError(event) ? "FF0000" : "0076D7");
        card.put("summary", objName);
        card.put("sections", List.of(section));
        return card;
    }

    static Map<String, Object> adaptiveCard(FluxEvent event) {
        List<Map<String, String>> facts = new ArrayList<>();
        String summary = event.metadata().get("summary");
        if (summary != null) {
            facts.add(fact("summary", summary));
        }
        Payloads.sortedMetadata(event).forEach((k, v) -> {
            if (!k.equals("summary")) {
                facts.add(fact(k, v));
            }
        });
        Map<String, Object> title = new LinkedHashMap<>();
        title.put("type", "TextBlock");
        title.put("text", Payloads.objectName(event));
        title.put("size", "large");
        title.put("weight", "bolder");
        title.put("wrap", true);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "TextBlock");
        message.put("text", event.message());
        if (Payloads.isError(event)) {
            message.put("color", "attention");
        }
        message.put("wrap", true);
        Map<String, Object> factSet = new LinkedHashMap<>();
        factSet.put("type", "FactSet");
        if (!facts.isEmpty()) {
            factSet.put("facts", facts);
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        content.put("type", "AdaptiveCard");
        content.put("version", "1.4");
        content.put("body", List.of(Map.of("type", "Container", "items", List.of(title, message, factSet))));
        content.put("msteams", Map.of("width", "Full"));
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.put("content", content);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "message");
        payload.put("attachments", List.of(attachment));
        return payload;
    }

    private static Map<String, String> fact(String title, String value) {
        Map<String, String> fact = new LinkedHashMap<>();
        fact.put("title", title);
        fact.put("value", value);
        return fact;
    }
}
