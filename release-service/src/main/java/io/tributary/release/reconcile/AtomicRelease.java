package io.tributary.release.reconcile;

import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.release.action.ActionReconciler;
import io.tributary.release.action.Install;
import io.tributary.release.action.ReleaseRequest;
import io.tributary.release.action.ReleaseToolkit;
import io.tributary.release.action.RollbackRemediation;
import io.tributary.release.action.Test;
import io.tributary.release.action.UninstallRemediation;
import io.tributary.release.action.Unlock;
import io.tributary.release.action.Upgrade;
import io.tributary.release.plan.DesiredRelease;
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
                new UninstallRemediation(kit), new Unlock(kit))) {
            actions.put(a.action(), a);
        }
    }

    /** Runs the loop; the plan it ended with (never {@link Plan.Run}). */
    public Plan run(ReleaseRequest req, DesiredRelease desired, boolean forceRequested) throws InterruptedException {
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
            ReleaseState state = ReleaseStates.of(storage, view, desired, req.options(), req.generation(), false);
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

    /** Ready from the other conditions, and the digests of the spec fields the release was rendered with. */
    static void summarize(ReleaseRequest req, DesiredRelease desired) {
        ReadySummary.apply(req.status(), req.options().testEnabled(), req.options().testIgnoreFailures(), req.generation());
        req.status().observedPostRenderersDigest = desired.postRenderersDigest().isEmpty() ? null : desired.postRenderersDigest();
        req.status().observedCommonMetadataDigest = desired.commonMetadataDigest().isEmpty() ? null : desired.commonMetadataDigest();
    }
}
