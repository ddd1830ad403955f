package io.tributary.release.action;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Reasons;
import io.tributary.release.plan.FailureCounters;
import io.tributary.release.plan.ReleaseAction;
import io.tributary.release.storage.HelmReleaseRecord;

/**
 * helm-controller's {@code Uninstall}: on deletion of the HelmRelease, or before a release moves to a new name or
 * namespace. Acts on the release {@code storageNamespace}/{@code releaseName} of the request, which the caller sets
 * to where the old release lives.
 */
public final class Uninstall implements ActionReconciler {

    private final ReleaseToolkit kit;

    public Uninstall(ReleaseToolkit kit) {
        this.kit = kit;
    }

    @Override
    public ReleaseAction action() {
        return ReleaseAction.UNINSTALL;
    }

    static HelmUninstall.Options options(ReleaseRequest req) {
        HelmReleaseSpec.Uninstall spec = req.spec().uninstall == null ? new HelmReleaseSpec.Uninstall() : req.spec().uninstall;
        DeletionPropagation propagation = spec.deletionPropagation == null ? DeletionPropagation.BACKGROUND
                : switch (spec.deletionPropagation) {
                    case "foreground" -> DeletionPropagation.FOREGROUND;
                    case "orphan" -> DeletionPropagation.ORPHAN;
                    case "background" -> DeletionPropagation.BACKGROUND;
                    default -> throw new IllegalArgumentException("spec.uninstall.deletionPropagation: must be background, foreground or "
                            + "orphan, got '" + spec.deletionPropagation + "'");
                };
        return new HelmUninstall.Options(req.timeout("spec.uninstall.timeout", spec.timeout), Boolean.TRUE.equals(spec.disableHooks),
                Boolean.TRUE.equals(spec.keepHistory), propagation, req.persistentClient());
    }

    @Override
    public void reconcile(ReleaseRequest req) throws ActionError, InterruptedException {
        var status = req.status();
        ObservedReleases observed = new ObservedReleases();
        HelmUninstall.Result result;
        try {
            result = new HelmUninstall(kit).uninstall(req.storageNamespace(), req.releaseName(), observed, options(req));
        } finally {
            observed.recordOnObject(status, req.releaseNamespace(), null, true);
        }
        if (result.release().isEmpty()) {
            return;
        }
        HelmReleaseRecord last = result.release().get();
        String release = last.namespace() + "/" + last.name() + ".v" + last.version();
        String chart = last.chart().name() + "@" + last.chart().version();
        if (result.error() != null) {
            String message = "Helm uninstall failed for release " + release + " with chart " + chart + ": " + result.error();
            StatusEdits.mark(req, ConditionTypes.RELEASED, false, Reasons.UNINSTALL_FAILED, message);
            StatusEdits.counters(status, FailureCounters.of(status).withFailure());
            kit.events.warning(req.object(), Reasons.UNINSTALL_FAILED, message, last.chart().version());
            throw new ActionError(message);
        }
        String message = "Helm uninstall succeeded for release " + release + " with chart " + chart;
        StatusEdits.mark(req, ConditionTypes.RELEASED, false, Reasons.UNINSTALL_SUCCEEDED, message);
        kit.events.normal(req.object(), Reasons.UNINSTALL_SUCCEEDED, message, last.chart().version());
    }
}
