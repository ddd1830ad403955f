package io.tributary.release.plan;

import java.time.Duration;

/**
 * The planner's answer: run an action, or end this reconcile in one of helm-controller's ways. Every answer carries
 * the status changes the step made (history truncation, conditions), which hold however the reconcile ends.
 */
public sealed interface Plan {

    StatusChanges changes();

    /** The action to run; {@link ReleaseAction#NONE} for the answers that run nothing. */
    default ReleaseAction action() {
        return ReleaseAction.NONE;
    }

    /** Run {@code action}; {@code reason} says why, for the log. */
    record Run(ReleaseAction action, String reason, StatusChanges changes) implements Plan {
    }

    /** Nothing left to do: summarise Ready from the other conditions, requeue at the interval. */
    record Done(StatusChanges changes) implements Plan {
    }

    /** Stop without summarising and without requeueing early: retries are exhausted and the action already ran. */
    record Stopped(StatusChanges changes) implements Plan {
    }

    /** Requeue at once to continue (helm-controller's ErrMustRequeue); Reconciling=True, ProgressingWithRetry. */
    record Requeue(StatusChanges changes) implements Plan {
    }

    /** RetryOnFailure: try again after {@code interval} (ErrRetryAfterInterval); Reconciling=True, ProgressingWithRetry. */
    record RetryAfter(Duration interval, StatusChanges changes) implements Plan {

        /** helm-controller's Reconciling message, with the interval as Go prints a duration. */
        public String message() {
            return "retrying after " + GoDuration.format(interval);
        }
    }

    /** Stalled=True: nothing will change without a new spec, chart, values or a reset/force request. */
    record Stalled(String reason, String message, StatusChanges changes) implements Plan {
    }

    /** An error to retry with backoff; Ready=False with {@code reason}. */
    record Failed(String reason, String message, StatusChanges changes) implements Plan {
    }
}
