package io.tributary.release.action;

import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Reasons;
import io.tributary.release.plan.FailureCounters;
import io.tributary.release.plan.HelmStatus;
import io.tributary.release.plan.ReleaseAction;
import io.tributary.release.storage.HelmReleaseRecord;
import io.tributary.release.storage.StoredReleases;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * helm-controller's {@code Unlock}: a revision left {@code pending-*} (the process stopped mid-action) is marked
 * failed, so that the planner can remediate or retry it.
 */
public final class Unlock implements ActionReconciler {

    private final ReleaseToolkit kit;

    public Unlock(ReleaseToolkit kit) {
        this.kit = kit;
    }

    @Override
    public ReleaseAction action() {
        return ReleaseAction.UNLOCK;
    }

    @Override
    public void reconcile(ReleaseRequest req) throws ActionError {
        List<HelmReleaseRecord> history;
        try {
            history = kit.storage.history(req.storageNamespace(), req.releaseName());
        } catch (IOException | RuntimeException e) {
            throw new ActionError("cannot read Helm storage: " + e.getMessage());
        }
        if (history.isEmpty() || !HelmStatus.of(history.get(0).status()).isPending()) {
            return;
        }
        HelmReleaseRecord last = history.get(0);
        String pending = last.status();
        String release = last.namespace() + "/" + last.name() + ".v" + last.version();
        String chart = last.chart().name() + "@" + last.chart().version();
        HelmReleaseRecord failed = last.withStatus(HelmStatus.FAILED.value(), "Release unlocked from stale '" + pending + "' state");
        try {
            kit.storage.save(req.storageNamespace(), failed);
        } catch (RuntimeException e) {
            String message = "Unlock of Helm release " + release + " with chart " + chart + " in " + pending + " state failed: "
                    + e.getMessage();
            StatusEdits.mark(req, ConditionTypes.RELEASED, false, Reasons.PENDING_RELEASE, message);
            StatusEdits.counters(req.status(), FailureCounters.of(req.status()).withFailure());
            throw new ActionError(message);
        }
        // observeUnlock: only a snapshot already in history is updated
        if (req.status().history != null) {
            for (int i = 0; i < req.status().history.size(); i++) {
                HelmReleaseStatus.Snapshot s = req.status().history.get(i);
                if (Objects.equals(s.version, (long) failed.version())) {
                    HelmReleaseStatus.Snapshot updated = StoredReleases.snapshot(failed, req.releaseNamespace(), s.action);
                    updated.testHooks = s.testHooks;
                    updated.ociDigest = s.ociDigest;
                    req.status().history.set(i, updated);
                }
            }
        }
        String message = "Unlocked Helm release " + release + " with chart " + chart + " in " + pending + " state";
        StatusEdits.mark(req, ConditionTypes.RELEASED, false, Reasons.PENDING_RELEASE, message);
        kit.events.warning(req.object(), Reasons.PENDING_RELEASE, message, last.chart().version());
    }
}
