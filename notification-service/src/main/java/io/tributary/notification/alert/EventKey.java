package io.tributary.notification.alert;

import io.tributary.events.FluxEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The key under which duplicates are suppressed, Flux's {@code eventKeyFunc}: sha256 of the involved object's name,
 * namespace and kind, the message, and the controller's {@code originRevision}, {@code revision} and {@code token}
 * metadata when present.
 */
public final class EventKey {

    private EventKey() {
    }

    public static String of(FluxEvent event) {
        FluxEvent.InvolvedObject object = event.involvedObject();
        List<String> parts = new ArrayList<>(List.of("event", "name=" + object.name(), "namespace=" + object.namespace(),
                "kind=" + object.kind(), "message=" + event.message()));
        String group = object.group() + "/";
        Map<String, String> metadata = event.metadata();
        for (String key : List.of("originRevision", "revision", "token")) {
            String value = metadata.get(group + key);
            if (value != null) {
                parts.add(key + "=" + value);
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join("/", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
