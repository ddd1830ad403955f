package io.tributary.events;

/**
 * Asks the fetch workers to reconcile a source now.
 *
 * @param source the source object
 * @param reason why: {@code Created}, {@code SpecChanged}, {@code RequestedAt}, {@code IntervalElapsed},
 *               {@code Retry}, {@code Webhook}, {@code SourceArtifactChanged}
 * @param requestedAt the value of {@code reconcile.fluxcd.io/requestedAt} being handled, if any
 * @param generation the object's generation when the request was made
 * @param sourceArtifact for {@code SourceArtifactChanged}: the new artifact of the source a HelmChart is built from, as
 *                       announced by artifact-service (its status may not show it yet); null otherwise
 */
public record FetchRequested(ObjectRef source, String reason, String requestedAt, long generation, SourceArtifact sourceArtifact) {

    public static final String TYPE = "io.tributary.source.fetch-requested.v1";

    public FetchRequested(ObjectRef source, String reason, String requestedAt, long generation) {
        this(source, reason, requestedAt, generation, null);
    }

    /** The announced artifact of the object {@code owner}. */
    public record SourceArtifact(ObjectRef owner, ArtifactInfo artifact) {
    }
}
