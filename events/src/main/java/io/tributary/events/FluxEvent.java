package io.tributary.events;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * An event a controller records about an object, with the fields of Flux's {@code fluxcd/pkg/apis/event} Event, as
 * Flux controllers post them to notification-controller. Published on {@link Topics#EVENTS}, keyed by
 * {@link InvolvedObject#key()}.
 *
 * @param involvedObject the object the event is about
 * @param severity {@code info} or {@code error}
 * @param timestamp when the event was recorded
 * @param message human-readable text
 * @param reason Flux reason, e.g. {@code NewArtifact}, {@code GitOperationFailed}
 * @param metadata controller metadata keyed {@code <object API group>/<key>} ({@code revision}, {@code digest}, ...)
 *                 plus the object's {@code event.toolkit.fluxcd.io/*} annotations, unchanged
 * @param reportingController the controller name, e.g. {@code source-controller}
 * @param reportingInstance the reporting process, e.g. the pod name
 */
public record FluxEvent(
        InvolvedObject involvedObject,
        String severity,
        Instant timestamp,
        String message,
        String reason,
        Map<String, String> metadata,
        String reportingController,
        String reportingInstance) {

    public static final String TYPE = "io.tributary.flux.event.v1";
    public static final String INFO = "info";
    public static final String ERROR = "error";
    /** Annotations with this prefix on the involved object are copied into every event about it. */
    public static final String ANNOTATION_PREFIX = "event.toolkit.fluxcd.io/";

    public FluxEvent {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** The Kubernetes object reference, as {@code corev1.ObjectReference} (the fields Flux sets). */
    public record InvolvedObject(String apiVersion, String kind, String namespace, String name, String uid) {

        /** The Kafka record key {@code kind/namespace/name}. */
        public String key() {
            return kind + "/" + namespace + "/" + name;
        }

        /** The API group of {@link #apiVersion()}, empty for the core group. */
        public String group() {
            if (apiVersion == null) {
                return "";
            }
            int slash = apiVersion.indexOf('/');
            return slash < 0 ? "" : apiVersion.substring(0, slash);
        }
    }

    /**
     * The event a controller records about {@code object}, as Flux's event recorder builds it: the time now (seconds),
     * {@code controllerMetadata} keys prefixed with the object's group, the object's {@code event.toolkit.fluxcd.io/*}
     * annotations.
     */
    public static FluxEvent of(InvolvedObject object, Map<String, String> objectAnnotations, String severity, String reason,
            String message, Map<String, String> controllerMetadata, String reportingController, String reportingInstance) {
        return new FluxEvent(object, severity, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), message, reason,
                metadata(object, controllerMetadata, objectAnnotations), reportingController, reportingInstance);
    }

    /**
     * The metadata Flux's event recorder sends: each controller key prefixed with the object's API group, then every
     * {@code event.toolkit.fluxcd.io/*} annotation of the object.
     */
    public static Map<String, String> metadata(InvolvedObject object, Map<String, String> controllerMetadata,
            Map<String, String> objectAnnotations) {
        Map<String, String> metadata = new TreeMap<>();
        String prefix = object.group() + "/";
        if (controllerMetadata != null) {
            controllerMetadata.forEach((key, value) -> {
                if (value != null) {
                    metadata.put(prefix + key, value);
                }
            });
        }
        if (objectAnnotations != null) {
            objectAnnotations.forEach((key, value) -> {
                if (key.startsWith(ANNOTATION_PREFIX) && value != null) {
                    metadata.put(key, value);
                }
            });
        }
        return metadata;
    }
}
