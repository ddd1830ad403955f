package io.tributary.release.plan;

import io.tributary.api.meta.Annotations;
import java.util.Map;
import java.util.Objects;

/**
 * Flux's {@code HandleAnnotationRequest}, for {@code reconcile.fluxcd.io/forceAt} and {@code resetAt}: a request is
 * acted on once, when its token equals {@code reconcile.fluxcd.io/requestedAt} and neither token was handled before.
 *
 * @param handle      whether to act on the request now
 * @param lastHandled the new {@code status.lastHandledForceAt}/{@code lastHandledResetAt}: the request's token is
 *                    recorded even when it is not acted on
 */
public record AnnotationRequest(boolean handle, String lastHandled) {

    public static AnnotationRequest force(Map<String, String> annotations, String lastHandledForceAt, String lastHandledReconcileAt) {
        return of(annotations, Annotations.FORCE_REQUESTED_AT, lastHandledForceAt, lastHandledReconcileAt);
    }

    public static AnnotationRequest reset(Map<String, String> annotations, String lastHandledResetAt, String lastHandledReconcileAt) {
        return of(annotations, Annotations.RESET_REQUESTED_AT, lastHandledResetAt, lastHandledReconcileAt);
    }

    static AnnotationRequest of(Map<String, String> annotations, String annotation, String lastHandledRequest,
            String lastHandledReconcileAt) {
        Map<String, String> all = annotations == null ? Map.of() : annotations;
        String requestAt = all.get(annotation);
        if (requestAt == null) {
            return new AnnotationRequest(false, lastHandledRequest);
        }
        String reconcileAt = all.get(Annotations.REQUESTED_AT);
        boolean handle = requestAt.equals(reconcileAt)
                && !Objects.equals(lastHandledReconcileAt, reconcileAt)
                && !Objects.equals(lastHandledRequest, requestAt);
        return new AnnotationRequest(handle, requestAt);
    }
}
