package io.tributary.release.reconcile;

import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.meta.Reasons;
import io.tributary.release.plan.Plan;
import java.time.Duration;

/** How a reconcile ends, in conditions and in when to come back, for each way the planner can end it. Pure. */
public final class Outcome {

    static final Duration REQUEUE = Duration.ofSeconds(1);
    static final Duration BACKOFF = Duration.ofSeconds(10);

    private Outcome() {
    }

    public static Duration apply(Plan plan, HelmReleaseStatus status, long generation, Duration interval) {
        status.observedGeneration = generation;
        if (plan instanceof Plan.Done) {
            status.conditions = Conditions.remove(status.conditions, ConditionTypes.RECONCILING);
            if (Conditions.isTrue(status.conditions, ConditionTypes.READY)) {
                status.conditions = Conditions.remove(status.conditions, ConditionTypes.STALLED);
            }
            return interval;
        }
        if (plan instanceof Plan.Stopped) {
            status.conditions = Conditions.remove(status.conditions, ConditionTypes.RECONCILING);
            return interval;
        }
        if (plan instanceof Plan.Requeue) {
            status.conditions = Conditions.set(status.conditions, ConditionTypes.RECONCILING, true, Reasons.PROGRESSING_WITH_RETRY,
                    "Reconciliation in progress", generation);
            return REQUEUE;
        }
        if (plan instanceof Plan.RetryAfter retry) {
            status.conditions = Conditions.set(status.conditions, ConditionTypes.RECONCILING, true, Reasons.PROGRESSING_WITH_RETRY,
                    retry.message(), generation);
            return retry.interval();
        }
        if (plan instanceof Plan.Stalled stalled) {
            stall(status, generation, stalled.reason(), stalled.message());
            return interval;
        }
        Plan.Failed failed = (Plan.Failed) plan;
        status.conditions = Conditions.remove(status.conditions, ConditionTypes.RECONCILING);
        status.conditions = Conditions.set(status.conditions, ConditionTypes.READY, false, failed.reason(), failed.message(), generation);
        return BACKOFF;
    }

    /** Stalled=True and Ready=False: nothing changes until the spec, chart or values do. */
    public static void stall(HelmReleaseStatus status, long generation, String reason, String message) {
        status.observedGeneration = generation;
        status.conditions = Conditions.remove(status.conditions, ConditionTypes.RECONCILING);
        status.conditions = Conditions.set(status.conditions, ConditionTypes.STALLED, true, reason, message, generation);
        status.conditions = Conditions.set(status.conditions, ConditionTypes.READY, false, reason, message, generation);
    }

    /** Ready=False for a prerequisite that is retried (chart not ready, values, download). */
    public static void notReady(HelmReleaseStatus status, long generation, String reason, String message) {
        status.conditions = Conditions.set(status.conditions, ConditionTypes.READY, false, reason, message, generation);
    }
}
