package io.tributary.release.action;

import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Reasons;
import io.tributary.release.apply.CrdPolicy;
import io.tributary.release.plan.FailureCounters;
import io.tributary.release.plan.ReleaseAction;
import io.tributary.release.plan.ReleaseHistory;
import io.tributary.release.plan.Snapshot;

/** helm-controller's {@code Upgrade}: a new revision of the release from the desired chart and values. */
public final class Upgrade implements ActionReconciler {

    private final ReleaseToolkit kit;

    public Upgrade(ReleaseToolkit kit) {
        this.kit = kit;
    }

    @Override
    public ReleaseAction action() {
        return ReleaseAction.UPGRADE;
    }

    @Override
    public void reconcile(ReleaseRequest req) throws ActionError, InterruptedException {
        var status = req.status();
        status.lastAttemptedReleaseAction = "upgrade";
        StatusEdits.delete(req, ConditionTypes.TEST_SUCCESS);
        StatusEdits.delete(req, ConditionTypes.REMEDIATED);
        HelmReleaseSpec.Upgrade spec = req.spec().upgrade == null ? new HelmReleaseSpec.Upgrade() : req.spec().upgrade;
        var options = new HelmDeploy.Options(req.timeout("spec.upgrade.timeout", spec.timeout), Boolean.TRUE.equals(spec.disableHooks),
                Boolean.TRUE.equals(spec.disableWait), !Boolean.TRUE.equals(spec.disableWaitForJobs),
                HelmDeploy.Options.mode(spec.serverSideApply), Boolean.TRUE.equals(spec.force), CrdPolicy.forUpgrade(spec.crds));
        ObservedReleases observed = new ObservedReleases();
        long started = System.nanoTime();
        HelmDeploy.Result result;
        try {
            result = new HelmDeploy(kit).upgrade(req, observed, options);
        } finally {
            status.lastAttemptedReleaseActionDuration = Outcomes.duration(started);
            observed.recordNewestOnObject(status, req.releaseNamespace(), "upgrade");
        }
        FailureCounters counters = FailureCounters.of(status);
        if (result.failed()) {
            String message = "Helm upgrade failed for release " + req.releaseNamespace() + "/" + req.releaseName() + " with chart "
                    + req.chart().name() + "@" + req.chart().version() + ": " + result.error().trim();
            StatusEdits.mark(req, ConditionTypes.RELEASED, false, Reasons.UPGRADE_FAILED, message);
            StatusEdits.counters(status, counters.afterReleaseFailure(ReleaseAction.UPGRADE, !observed.isEmpty()));
            kit.events.warning(req.object(), Reasons.UPGRADE_FAILED, message, req.chart().version());
            return;
        }
        Snapshot cur = ReleaseHistory.of(status.history).latest().orElseThrow();
        String message = "Helm upgrade succeeded for release " + cur.fullReleaseName() + " with chart " + cur.versionedChartName();
        StatusEdits.mark(req, ConditionTypes.RELEASED, true, Reasons.UPGRADE_SUCCEEDED, message);
        Outcomes.awaitTests(req, cur);
        StatusEdits.counters(status, counters.afterReleaseSuccess(req.options().upgrade().retry().isPresent()));
        kit.events.normal(req.object(), Reasons.UPGRADE_SUCCEEDED, message, cur.chartVersion());
    }
}
