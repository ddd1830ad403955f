package io.tributary.release.action;

import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Reasons;
import io.tributary.release.plan.FailureCounters;
import io.tributary.release.plan.ReleaseAction;
import io.tributary.release.plan.ReleaseHistory;
import io.tributary.release.plan.Snapshot;

/** helm-controller's {@code UninstallRemediation}: removes a failed release so that it can be installed afresh. */
public final class UninstallRemediation implements ActionReconciler {

    private final ReleaseToolkit kit;

    public UninstallRemediation(ReleaseToolkit kit) {
        this.kit = kit;
    }

    @Override
    public ReleaseAction action() {
        return ReleaseAction.UNINSTALL_REMEDIATION;
    }

    @Override
    public void reconcile(ReleaseRequest req) throws ActionError, InterruptedException {
        var status = req.status();
        Snapshot cur = ReleaseHistory.of(status.history).latest().orElseThrow(() -> new ActionError("no release to uninstall"));
        ObservedReleases observed = new ObservedReleases();
        HelmUninstall.Result result;
        try {
            result = new HelmUninstall(kit).uninstall(req.storageNamespace(), req.releaseName(), observed, Uninstall.options(req));
        } finally {
            observed.recordOnObject(status, req.releaseNamespace(), null, true);
        }
        if (result.error() != null) {
            String message = "Helm uninstall remediation for release " + cur.fullReleaseName() + " with chart "
                    + cur.versionedChartName() + " failed: " + result.error();
            StatusEdits.mark(req, ConditionTypes.REMEDIATED, false, Reasons.UNINSTALL_FAILED, message);
            StatusEdits.counters(status, FailureCounters.of(status).withFailure());
            kit.events.warning(req.object(), Reasons.UNINSTALL_FAILED, message, cur.chartVersion());
            return;
        }
        String message = "Helm uninstall remediation for release " + cur.fullReleaseName() + " with chart " + cur.versionedChartName()
                + " succeeded";
        StatusEdits.mark(req, ConditionTypes.REMEDIATED, true, Reasons.UNINSTALL_SUCCEEDED, message);
        kit.events.normal(req.object(), Reasons.UNINSTALL_SUCCEEDED, message, cur.chartVersion());
    }
}
