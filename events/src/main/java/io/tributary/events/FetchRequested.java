package io.tributary.events;

/**
 * Asks the fetch workers to reconcile a source now.
 *
 * @param source the source object
 * @param reason why: {@code Created}, {@code SpecChanged}, {@code RequestedAt}, {@code IntervalElapsed},
 *               {@code Retry}, {@code Webhook}, {@code SourceArtifactChanged}
 * @param requestedAt the value of {@code reconcile.fluxcd.io/requestedAt} being handled, if any
 * @param generation the object's generation when the request was made
 */
public record FetchRequested(ObjectRef source, String reason, String requestedAt, long generation) {

    public static final String TYPE = "io.tributary.source.fetch-requested.v1";
}
