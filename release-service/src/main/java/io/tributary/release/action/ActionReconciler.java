package io.tributary.release.action;

import io.tributary.release.plan.ReleaseAction;

/** One Helm action with what it records on the object, as a helm-controller {@code ActionReconciler}. */
public interface ActionReconciler {

    ReleaseAction action();

    /**
     * Runs the action and records its outcome in {@code req.status()}. A failure that changed Helm storage is recorded
     * and returns normally, for the planner to remediate; one that changed nothing throws, for a retry.
     */
    void reconcile(ReleaseRequest req) throws ActionError, InterruptedException;

    /** The action failed without changing Helm storage. */
    final class ActionError extends Exception {
        public ActionError(String message) {
            super(message);
        }
    }
}
