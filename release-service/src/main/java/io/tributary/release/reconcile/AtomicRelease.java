package io.tributary.release.reconcile;

import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.meta.Reasons;
import io.tributary.release.action.ActionReconciler;
import io.tributary.release.action.CorrectDrift;
import io.tributary.release.action.Install;
import io.tributary.release.action.ReleaseRequest;
import io.tributary.release.action.ReleaseToolkit;
import io.tributary.release.action.RollbackRemediation;
import io.tributary.release.action.Test;
import io.tributary.release.action.UninstallRemediation;
import io.tributary.release.action.Unlock;
import io.tributary.release.action.Upgrade;
import io.tributary.release.plan.DesiredRelease;
import io.tributary.release.plan.GoDuration;
import io.tributary.release.plan.Plan;
import io.tributary.release.plan.ReleaseAction;
import io.tributary.release.plan.ReleasePlanner;
import io.tributary.release.plan.ReleaseState;
import io.tributary.release.plan.ReleaseStates;
import io.tributary.release.plan.ReleaseStatusView;
import io.tributary.release.plan.ReleaseStorageView;
import io.tributary.release.plan.StatusChanges;
import io.tributary.release.storage.StoredReleases;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * helm-controller's {@code AtomicRelease}: state from storage and status, the planner's next action, run it, and again,
 * until the planner ends the reconcile; returns how it ended. Status is changed in place; the caller writes it once.
 */
public final class AtomicRelease {

    private static final Logger LOG = Logger.getLogger(AtomicRelease.class);
    private static final int MAX_TURNS = 10;

    private final ReleaseToolkit kit;
    private final Map<ReleaseAction, ActionReconciler> actions = new EnumMap<>(ReleaseAction.class);

    public AtomicRelease(ReleaseToolkit kit) {
        this.kit = kit;
        for (ActionReconciler a : List.of(new Install(kit), new Upgrade(kit), new Test(kit), new RollbackRemediation(kit),
                new UninstallRemediation(kit), new Unlock(kit), new CorrectDrift(kit))) {
            actions.put(a.action(), a);
        }
    }

    /** Where the loop shows that an action is about to run (helm-controller patches the object there). */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = status -> {
        };

        void report(HelmReleaseStatus status);
    }

    /** Runs the loop; the plan it ended with (never {@link Plan.Run}). */
    public Plan run(ReleaseRequest req, DesiredRelease desired, boolean forceRequested) throws InterruptedException {
        return run(req, desired, forceRequested, Progress.NONE);
    }

    /** As {@link #run(ReleaseRequest, DesiredRelease, boolean)}, reporting the status before each action runs. */
    public Plan run(ReleaseRequest req, DesiredRelease desired, boolean forceRequested, Progress progress) throws InterruptedException {
        HelmReleaseStatus status = req.status();
        List<ReleaseAction> previous = new ArrayList<>();
        for (int turn = 0; turn < MAX_TURNS; turn++) {
            ReleaseStorageView storage;
            try {
                storage = StoredReleases.view(kit.storage().history(req.storageNamespace(), req.releaseName()));
            } catch (IOException | RuntimeException e) {
                return new Plan.Failed(io.tributary.api.meta.Reasons.STATE_ERROR, "cannot read Helm storage: " + e.getMessage(),
                        StatusChanges.NONE);
            }
            ReleaseStatusView view = ReleaseStatusView.of(status);
            ReleaseState state = ReleaseStates.of(storage, view, desired, req.options(), req.generation(),
                    CorrectDrift.detection(kit, req));
            Plan plan = ReleasePlanner.next(state, req.options(), view, storage, previous, forceRequested);
            StatusChangesApplier.apply(plan.changes(), status, req.generation());
            if (!(plan instanceof Plan.Run run)) {
                return plan;
            }
            ActionReconciler action = actions.get(run.action());
            if (action == null) {
                return new Plan.Failed(io.tributary.api.meta.Reasons.RECONCILIATION_FAILED, "action '" + run.action().actionName()
                        + "' is not supported", StatusChanges.NONE);
            }
            markRunning(req, run.action());
            progress.report(status);
            LOG.debugf("HelmRelease %s/%s: running %s: %s", req.object().getMetadata().getNamespace(),
                    req.object().getMetadata().getName(), run.action().actionName(), run.reason());
            try {
                action.reconcile(req);
            } catch (ActionReconciler.ActionError e) {
                summarize(req, desired);
                Plan failed = ReleasePlanner.afterError(run.action(), req.options(), ReleaseStatusView.of(status), e.getMessage());
                StatusChangesApplier.apply(failed.changes(), status, req.generation());
                return failed;
            }
            summarize(req, desired);
            Optional<Plan> after = ReleasePlanner.afterRun(run.action(), req.options(), ReleaseStatusView.of(status));
            if (after.isPresent()) {
                StatusChangesApplier.apply(after.get().changes(), status, req.generation());
                return after.get();
            }
            previous.add(run.action());
        }
        return new Plan.Requeue(StatusChanges.NONE);
    }

    /**
     * Reconciling, and for a release action Ready Unknown, "Running 'upgrade' action with timeout of 5m0s": what a user
     * sees while a long action runs. Ready is recomputed from the other conditions once it is done.
     */
    static void markRunning(ReleaseRequest req, ReleaseAction action) {
        HelmReleaseStatus status = req.status();
        String message = "Running '" + action.actionName() + "' action with timeout of " + GoDuration.format(timeoutFor(req, action));
        status.conditions = Conditions.set(status.conditions, ConditionTypes.RECONCILING, true, Reasons.PROGRESSING, message,
                req.generation());
        if (action.type() == ReleaseAction.Type.RELEASE) {
            status.conditions = Conditions.setUnknown(status.conditions, ConditionTypes.READY, Reasons.PROGRESSING, message,
                    req.generation());
        }
    }

    /** helm-controller's {@code timeoutForAction}: the action's own timeout, else {@code spec.timeout}, else 5m. */
    static Duration timeoutFor(ReleaseRequest req, ReleaseAction action) {
        HelmReleaseSpec spec = req.spec();
        String own = switch (action) {
            case INSTALL -> spec.install == null ? null : spec.install.timeout;
            case UPGRADE -> spec.upgrade == null ? null : spec.upgrade.timeout;
            case TEST -> spec.test == null ? null : spec.test.timeout;
            case ROLLBACK_REMEDIATION -> spec.rollback == null ? null : spec.rollback.timeout;
            case UNINSTALL_REMEDIATION, UNINSTALL -> spec.uninstall == null ? null : spec.uninstall.timeout;
            default -> null;
        };
        try {
            return req.timeout("spec.timeout", own);
        } catch (IllegalArgumentException e) {
            return ReleaseRequest.DEFAULT_TIMEOUT;
        }
    }

    /** Ready from the other conditions, and the digests of the spec fields the release was rendered with. */
    static void summarize(ReleaseRequest req, DesiredRelease desired) {
        ReadySummary.apply(req.status(), req.options().testEnabled(), req.options().testIgnoreFailures(), req.generation());
        req.status().observedPostRenderersDigest = desired.postRenderersDigest().isEmpty() ? null : desired.postRenderersDigest();
        req.status().observedCommonMetadataDigest = desired.commonMetadataDigest().isEmpty() ? null : desired.commonMetadataDigest();
    }
}
