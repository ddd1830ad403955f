package io.tributary.release.reconcile;

import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.api.meta.Annotations;
import io.tributary.api.meta.Reasons;
import io.tributary.release.action.ActionReconciler;
import io.tributary.release.action.ReleaseRequest;
import io.tributary.release.action.ReleaseToolkit;
import io.tributary.release.action.Uninstall;
import io.tributary.release.plan.AnnotationRequest;
import io.tributary.release.plan.DesiredRelease;
import io.tributary.release.plan.FailureReset;
import io.tributary.release.plan.Plan;
import io.tributary.release.plan.ReleaseHistory;
import io.tributary.release.plan.ReleaseTarget;
import io.tributary.release.plan.Snapshot;
import io.tributary.release.postrender.PostRenderDigest;
import io.tributary.release.values.PreservedValues;
import io.tributary.release.values.ValuesDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The release step of a reconcile, once the chart is loaded and the values composed: a release that moved is
 * uninstalled first; force and reset requests are read, the failure counters reset when the attempt differs; then the
 * {@link AtomicRelease} loop runs and its end becomes conditions and a requeue. Changes the request's status in place.
 */
public final class ReleaseRun {

    private final ReleaseToolkit kit;
    private final AtomicRelease atomic;

    public ReleaseRun(ReleaseToolkit kit) {
        this.kit = kit;
        this.atomic = new AtomicRelease(kit);
    }

    /** The toolkit the actions use: its client is the release's cluster and identity. */
    public ReleaseToolkit toolkit() {
        return kit;
    }

    public Duration release(ReleaseRequest req, String revisionDigest, Duration interval) throws InterruptedException {
        return release(req, revisionDigest, interval, AtomicRelease.Progress.NONE);
    }

    /**
     * @param revisionDigest the digest of the chart source's revision ({@code ChartRevision}), reported as
     *                       {@code status.lastAttemptedRevisionDigest} and on the snapshots install and upgrade add;
     *                       null for a HelmChart, whose revisions carry none
     */
    public Duration release(ReleaseRequest req, String revisionDigest, Duration interval, AtomicRelease.Progress progress)
            throws InterruptedException {
        HelmReleaseStatus status = req.status();
        HelmRelease release = req.object();
        String valuesDigest = ValuesDigest.of(req.values());
        if (req.preserveValues()) {
            req = preserved(req);
        }
        DesiredRelease desired = new DesiredRelease(req.releaseName(), req.releaseNamespace(), req.storageNamespace(),
                req.chart().name(), req.chart().version(), ValuesDigest.of(req.values()), PostRenderDigest.postRenderers(release.getSpec().postRenderers),
                PostRenderDigest.commonMetadata(release.getSpec().commonMetadata));
        Optional<ReleaseTarget.Change> moved = ReleaseTarget.changed(status.storageNamespace, ReleaseHistory.of(status.history), desired,
                req.chart().name());
        if (moved.isPresent() && ReleaseTarget.mustUninstall(moved.get(), release.getSpec().upgrade == null ? null
                : release.getSpec().upgrade.chartNameChangeStrategy)) {
            return uninstallMoved(req);
        }
        Map<String, String> annotations = release.getMetadata().getAnnotations();
        AnnotationRequest force = AnnotationRequest.force(annotations, status.lastHandledForceAt, status.lastHandledReconcileAt);
        AnnotationRequest reset = AnnotationRequest.reset(annotations, status.lastHandledResetAt, status.lastHandledReconcileAt);
        status.lastHandledForceAt = force.lastHandled();
        status.lastHandledResetAt = reset.lastHandled();
        if (FailureReset.reason(FailureReset.LastAttempt.of(status), req.generation(), req.chart().version(), valuesDigest,
                reset.handle()).isPresent()) {
            status.failures = null;
            status.installFailures = null;
            status.upgradeFailures = null;
        }
        if (annotations != null && annotations.get(Annotations.REQUESTED_AT) != null) {
            status.lastHandledReconcileAt = annotations.get(Annotations.REQUESTED_AT);
        }
        status.lastAttemptedRevision = req.chart().version();
        status.lastAttemptedRevisionDigest = revisionDigest;
        status.lastAttemptedConfigDigest = valuesDigest;
        status.lastAttemptedValuesChecksum = null;
        status.lastAttemptedGeneration = req.generation();
        status.storageNamespace = req.storageNamespace();
        Plan plan = atomic.run(req, desired, force.handle(), progress);
        status.lastReleaseRevision = ReleaseHistory.of(status.history).latest().map(Snapshot::version).orElse(null);
        return Outcome.apply(plan, status, req.generation(), interval);
    }

    /**
     * With {@code upgrade.preserveValues}, the values an upgrade would store: the composed ones folded over the stored
     * release's. Storage that cannot be read leaves the composed values; the release loop reports the storage error.
     */
    private ReleaseRequest preserved(ReleaseRequest req) {
        try {
            return req.withValues(PreservedValues.desiredConfig(req.values(), kit.storage().history(req.storageNamespace(),
                    req.releaseName())));
        } catch (java.io.IOException | RuntimeException e) {
            return req;
        }
    }

    /** The release moved (name, namespace, storage, chart): the old one is uninstalled, history and counters start again. */
    private Duration uninstallMoved(ReleaseRequest req) throws InterruptedException {
        HelmReleaseStatus status = req.status();
        Snapshot cur = ReleaseHistory.of(status.history).latest().orElseThrow();
        ReleaseRequest old = new ReleaseRequest(req.object(), status, req.chart(), req.values(), req.options(), cur.name(),
                cur.namespace(), status.storageNamespace, req.workDir());
        try {
            new Uninstall(kit).reconcile(old);
        } catch (ActionReconciler.ActionError e) {
            Outcome.notReady(status, req.generation(), Reasons.UNINSTALL_FAILED, e.getMessage());
            return Outcome.BACKOFF;
        }
        status.history = null;
        status.storageNamespace = null;
        status.failures = null;
        status.installFailures = null;
        status.upgradeFailures = null;
        return Duration.ofMillis(1);
    }

}
