package io.tributary.api.meta;

/** Well-known annotations, labels and finalizers shared with Flux. */
public final class Annotations {
    public static final String REQUESTED_AT = "reconcile.fluxcd.io/requestedAt";
    public static final String FINALIZER = "finalizers.fluxcd.io";
    public static final String REVISION = "source.toolkit.fluxcd.io/revision";
    public static final String DIGEST = "source.toolkit.fluxcd.io/digest";

    private Annotations() {
    }
}
