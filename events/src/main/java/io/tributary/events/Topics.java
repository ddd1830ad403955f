package io.tributary.events;

/** Kafka topic names. {@code artifact-events} and {@code release-events} are a public interface. */
public final class Topics {
    /** FetchRequested records, keyed by {@link ObjectRef#key()}. */
    public static final String SOURCE_REQUESTS = "tributary.source-requests";
    /** ArtifactStored records, keyed by {@link ObjectRef#key()} of the source. */
    public static final String ARTIFACT_EVENTS = "tributary.artifact-events";
    /** Release outcome records, keyed by {@link ObjectRef#key()} of the HelmRelease. */
    public static final String RELEASE_EVENTS = "tributary.release-events";
    /**
     * Every event any service records about an object (what it also writes as a Kubernetes Event), as {@link FluxEvent},
     * keyed {@code kind/namespace/name}. A public interface.
     */
    public static final String EVENTS = "tributary.events";

    private Topics() {
    }
}
