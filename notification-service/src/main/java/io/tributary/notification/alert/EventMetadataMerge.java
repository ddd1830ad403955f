package io.tributary.notification.alert;

import io.tributary.api.notification.AlertSpec;
import io.tributary.events.FluxEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metadata a notification carries, in Flux's precedence (RFC 0008), each later source overriding earlier ones:
 * the involved object's {@code event.toolkit.fluxcd.io/*} annotations, the Alert's {@code spec.eventMetadata}, its
 * {@code spec.summary}, then the controller's {@code <object group>/*} metadata; prefixes are dropped. A key set by
 * more than one source is reported as a conflict. The {@code <object group>/token} key never leaves the service.
 */
public final class EventMetadataMerge {

    static final String OBJECT_ANNOTATIONS = "involved object annotations";
    static final String ALERT_EVENT_METADATA = "Alert object .spec.eventMetadata";
    static final String ALERT_SUMMARY = "Alert object .spec.summary";
    static final String CONTROLLER_METADATA = "involved object controller metadata";
    public static final String CONFLICT_MESSAGE =
            "metadata key conflicts detected (please refer to the Alert API docs and Flux RFC 0008 for more information)";

    /** The merged metadata (empty if none) and, per conflicting key, the sources that set it, in order. */
    public record Merged(Map<String, String> metadata, Map<String, List<String>> conflicts) {
    }

    private EventMetadataMerge() {
    }

    /**
     * Flux's event-server intake ({@code cleanupMetadata}): only keys of the object's group or
     * {@code event.toolkit.fluxcd.io/} are kept, less the controller's {@code checksum} and {@code digest}.
     */
    public static FluxEvent cleanedUp(FluxEvent event) {
        String group = event.involvedObject().group() + "/";
        Map<String, String> kept = new HashMap<>();
        event.metadata().forEach((key, value) -> {
            boolean prefixed = key.startsWith(group) || key.startsWith(FluxEvent.ANNOTATION_PREFIX);
            if (prefixed && !key.equals(group + "checksum") && !key.equals(group + "digest")) {
                kept.put(key, value);
            }
        });
        return new FluxEvent(event.involvedObject(), event.severity(), event.timestamp(), event.message(), event.reason(), kept,
                event.reportingController(), event.reportingInstance());
    }

    /** Flux's {@code excludeInternalMetadata}: the event without its {@code <group>/token} key. */
    public static Map<String, String> withoutInternal(FluxEvent.InvolvedObject object, Map<String, String> metadata) {
        Map<String, String> copy = new HashMap<>(metadata == null ? Map.of() : metadata);
        copy.remove(object.group() + "/token");
        return copy;
    }

    public static Merged merge(FluxEvent.InvolvedObject object, Map<String, String> eventMetadata, AlertSpec alert) {
        Map<String, String> metadata = new HashMap<>();
        Map<String, List<String>> sources = new TreeMap<>();
        Map<String, String> event = eventMetadata == null ? Map.of() : eventMetadata;
        putPrefixed(metadata, sources, event, FluxEvent.ANNOTATION_PREFIX, OBJECT_ANNOTATIONS);
        if (alert != null && alert.eventMetadata != null) {
            alert.eventMetadata.forEach((key, value) -> put(metadata, sources, key, value, ALERT_EVENT_METADATA));
        }
        if (alert != null && alert.summary != null && !alert.summary.isEmpty()) {
            put(metadata, sources, "summary", alert.summary, ALERT_SUMMARY);
        }
        putPrefixed(metadata, sources, event, object.group() + "/", CONTROLLER_METADATA);
        Map<String, List<String>> conflicts = new LinkedHashMap<>();
        sources.forEach((key, from) -> {
            if (from.size() > 1) {
                conflicts.put(key, from);
            }
        });
        return new Merged(metadata, conflicts);
    }

    private static void putPrefixed(Map<String, String> metadata, Map<String, List<String>> sources, Map<String, String> event,
            String prefix, String source) {
        event.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                put(metadata, sources, key.substring(prefix.length()), value, source);
            }
        });
    }

    private static void put(Map<String, String> metadata, Map<String, List<String>> sources, String key, String value, String source) {
        metadata.put(key, value);
        sources.computeIfAbsent(key, k -> new ArrayList<>()).add(source);
    }
}
