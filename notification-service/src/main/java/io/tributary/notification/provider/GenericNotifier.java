package io.tributary.notification.provider;

import io.tributary.events.FluxEvent;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Flux's forwarder ({@code generic}, {@code generic-hmac}): posts the event as Flux's Event JSON with header
 * {@code gotk-component: <reportingController>} and the Secret's headers; {@code generic-hmac} adds
 * {@code X-Signature: sha256=<hex HMAC-SHA256 of the body, keyed by the token>}.
 */
final class GenericNotifier implements Notifier {

    static final String COMPONENT_HEADER = "gotk-component";

    private final ProviderConfig config;
    private final byte[] hmacKey;

    GenericNotifier(ProviderConfig config, byte[] hmacKey) {
        this.config = config;
        this.hmacKey = hmacKey;
    }

    @Override
    public Optional<ProviderRequest> request(FluxEvent notification) {
        byte[] body = Payloads.json(eventJson(notification));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(COMPONENT_HEADER, notification.reportingController() == null ? "" : notification.reportingController());
        headers.putAll(config.headers());
        if (hmacKey != null) {
            headers.put("X-Signature", "sha256=" + sign(body, hmacKey));
        }
        return Optional.of(new ProviderRequest(config.address(), headers, body));
    }

    /** Flux's {@code eventv1.Event} field names and omissions ({@code metadata}, {@code reportingInstance} omitempty). */
    static Map<String, Object> eventJson(FluxEvent event) {
        Map<String, Object> object = new LinkedHashMap<>();
        FluxEvent.InvolvedObject o = event.involvedObject();
        object.put("kind", o.kind());
        object.put("namespace", o.namespace());
        object.put("name", o.name());
        if (o.uid() != null) {
            object.put("uid", o.uid());
        }
        if (o.apiVersion() != null) {
            object.put("apiVersion", o.apiVersion());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("involvedObject", object);
        json.put("severity", event.severity());
        json.put("timestamp", event.timestamp() == null ? null : event.timestamp().toString());
        json.put("message", event.message());
        json.put("reason", event.reason());
        if (!event.metadata().isEmpty()) {
            json.put("metadata", Payloads.sortedMetadata(event));
        }
        json.put("reportingController", event.reportingController());
        if (event.reportingInstance() != null) {
            json.put("reportingInstance", event.reportingInstance());
        }
        return json;
    }

    static String sign(byte[] payload, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] key(String token) {
        return token.getBytes(StandardCharsets.UTF_8);
    }
}
