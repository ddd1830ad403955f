package io.tributary.release.plan;

import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Reasons;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the next Helm action from the release state, as helm-controller's {@code AtomicRelease}: a reconcile loops
 * "state, next action, run it" and stops when nothing is left, when an action of a type already run comes up again,
 * or after a remediation. The caller runs the loop:
 *
 * <pre>
 * previous = []
 * loop:
 *   state = ReleaseStates.of(...)                       // fresh storage and status each turn
 *   plan  = ReleasePlanner.next(state, ..., previous, forceRequested)
 *   apply plan.changes(); if plan is not Run: end the reconcile as the plan says
 *   run plan.action(); on an error without a storage change: end with afterError(...)
 *   summarise, as each helm-controller action does (Ready, observed post-renderer and common-metadata digests)
 *   afterRun(action, ...) present: end with it; else previous += action
 * </pre>
 *
 * Without the summary after each action a post-renderer change would plan the same upgrade again, and the repeated
 * action would end the reconcile with a requeue.
 */
public final class ReleasePlanner {

    static final String FORCE_REQUESTED = "force requested through annotation";

    private ReleasePlanner() {
    }

    /**
     * @param previous       the actions already run in this reconcile, in order
     * @param forceRequested whether {@code reconcile.fluxcd.io/forceAt} asks for a release ({@link AnnotationRequest});
     *                       helm-controller reads it once a reconcile, so it counts only while nothing has run yet
     */
    public static Plan next(ReleaseState state, ReleaseOptions options, ReleaseStatusView status, ReleaseStorageView storage,
            List<ReleaseAction> previous, boolean forceRequested) {
        Plan plan = forState(state, options, status, storage, forceRequested && previous.isEmpty());
        if (plan instanceof Plan.Run run && !mustContinue(run.action(), previous)) {
            return stopBefore(run, options, status);
        }
        return plan;
    }

    /**
     * What follows a completed action, given the status after it: a remediation ends the reconcile; anything else
     * continues (empty).
     */
    public static Optional<Plan> afterRun(ReleaseAction ran, ReleaseOptions options, ReleaseStatusView status) {
        if (!mustStop(ran)) {
            return Optional.empty();
        }
        String attempted = status.lastAttemptedReleaseAction();
        Optional<Duration> retry = options.activeRetry(attempted);
        if (retry.isPresent()) {
            return Optional.of(new Plan.RetryAfter(retry.get(), StatusChanges.NONE));
        }
        Remediation remediation = options.activeRemediation(attempted);
        if (remediation == null || !remediation.retriesExhausted(status.counters()) || remediation.isUninstallAfterUpgrade()) {
            return Optional.of(new Plan.Requeue(StatusChanges.NONE));
        }
        // the remediation used the last retry: stall now rather than on the next reconcile
        return Optional.of(new Plan.Stalled(Reasons.RETRIES_EXCEEDED, attempts(status, remediation), StatusChanges.NONE));
    }

    /**
     * An action failed without changing Helm storage: under RetryOnFailure try again after the interval, otherwise
     * return the error for a retry with backoff (Ready=False ReconcileError if Ready was True).
     */
    public static Plan afterError(ReleaseAction ran, ReleaseOptions options, ReleaseStatusView status, String error) {
        Optional<Duration> retry = options.activeRetry(status.lastAttemptedReleaseAction());
        if (retry.isPresent()) {
            return new Plan.RetryAfter(retry.get(), StatusChanges.NONE);
        }
        StatusChanges changes = status.conditions().ready()
                ? StatusChanges.NONE.with(ConditionChange.set(ConditionTypes.READY, false, Reasons.RECONCILE_ERROR, error))
                : StatusChanges.NONE;
        return new Plan.Failed(Reasons.RECONCILE_ERROR, ran.actionName() + ": " + error, changes);
    }

    /** helm-controller's cleanReleaseStrategy.MustContinue: each action type runs at most once a reconcile. */
    static boolean mustContinue(ReleaseAction next, List<ReleaseAction> previous) {
        return previous.stream().noneMatch(p -> p.type() == next.type());
    }

    /** helm-controller's cleanReleaseStrategy.MustStop: a remediation ends the reconcile. */
    static boolean mustStop(ReleaseAction ran) {
        return ran.type() == ReleaseAction.Type.REMEDIATE;
    }

    /** helm-controller's {@code actionForState}. */
    static Plan forState(ReleaseState state, ReleaseOptions options, ReleaseStatusView status, ReleaseStorageView storage,
            boolean force) {
        return switch (state.status()) {
            case IN_SYNC -> StateRules.inSync(options, status, force);
            case LOCKED -> run(ReleaseAction.UNLOCK, "release locked", state.reason(), StatusChanges.NONE);
            case ABSENT -> StateRules.releaseUnlessExhausted(ReleaseAction.INSTALL, options, status,
                    force, "release not installed", state.reason());
            case UNMANAGED -> run(ReleaseAction.UPGRADE, "release not managed by controller", state.reason(),
                    StatusChanges.history(ReleaseHistory.EMPTY));
            case OUT_OF_SYNC -> StateRules.releaseUnlessExhausted(ReleaseAction.UPGRADE, options, status,
                    force, "release out-of-sync with desired state", state.reason());
            case DRIFTED -> StateRules.drifted(options, status, state.reason());
            case UNTESTED -> run(ReleaseAction.TEST, "release has not been tested", state.reason(),
                    StateRules.remediatedToReleased(status.history(), status.conditions(), StatusChanges.NONE).changes());
            case FAILED -> StateRules.failed(options, status, storage, force);
            case UNKNOWN -> new Plan.Failed(Reasons.STATE_ERROR, "Could not determine release state: " + state.reason(),
                    StatusChanges.NONE);
        };
    }

    private static Plan stopBefore(Plan.Run run, ReleaseOptions options, ReleaseStatusView status) {
        String attempted = status.lastAttemptedReleaseAction();
        Optional<Duration> retry = options.activeRetry(attempted);
        if (retry.isPresent()) {
            return new Plan.RetryAfter(retry.get(), run.changes());
        }
        Remediation remediation = options.activeRemediation(attempted);
        if (remediation == null || !remediation.retriesExhausted(status.counters())) {
            return new Plan.Requeue(run.changes());
        }
        return new Plan.Stopped(run.changes());
    }

    static Plan.Run run(ReleaseAction action, String message, String reason, StatusChanges changes) {
        return new Plan.Run(action, reason == null || reason.isEmpty() ? message : message + ": " + reason, changes);
    }

    /** helm-controller's Stalled message: {@code Failed to <last attempted action> after <n> attempt(s)}. */
    static String attempts(ReleaseStatusView status, Remediation remediation) {
        String action = status.lastAttemptedReleaseAction() == null ? remediation.kind().action() : status.lastAttemptedReleaseAction();
        return "Failed to " + action + " after " + remediation.failureCount(status.counters()) + " attempt(s)";
    }
}
