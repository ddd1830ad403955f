package io.tributary.api.meta;

/** Well-known annotations, labels and finalizers shared with Flux. */
public final class Annotations {
    public static final String REQUESTED_AT = "reconcile.fluxcd.io/requestedAt";
    /** A one-off forced Helm install or upgrade; acted on when it equals {@link #REQUESTED_AT}. */
    public static final String FORCE_REQUESTED_AT = "reconcile.fluxcd.io/forceAt";
    /** Resets the failure counters; acted on when it equals {@link #REQUESTED_AT}. */
    public static final String RESET_REQUESTED_AT = "reconcile.fluxcd.io/resetAt";
    public static final String FINALIZER = "finalizers.fluxcd.io";
    public static final String REVISION = "source.toolkit.fluxcd.io/revision";
    public static final String DIGEST = "source.toolkit.fluxcd.io/digest";

    private Annotations() {
    }
}
