package io.tributary.release.plan;

/** The Helm actions a reconcile can run, one per helm-controller action reconciler. */
public enum ReleaseAction {
    INSTALL("install", Type.RELEASE),
    UPGRADE("upgrade", Type.RELEASE),
    TEST("test", Type.TEST),
    ROLLBACK_REMEDIATION("rollback", Type.REMEDIATE),
    UNINSTALL_REMEDIATION("uninstall", Type.REMEDIATE),
    /** On deletion, or when the release target changed; never chosen by the planner's state loop. */
    UNINSTALL("uninstall", Type.RELEASE),
    UNLOCK("unlock", Type.UNLOCK),
    CORRECT_DRIFT("correct cluster drift", Type.DRIFT_CORRECTION),
    /** Nothing to run. */
    NONE("none", null);

    /**
     * helm-controller's {@code ReconcilerType}: a reconcile runs at most one action of each type, and stops after a
     * remediation.
     */
    public enum Type {
        RELEASE,
        REMEDIATE,
        TEST,
        UNLOCK,
        DRIFT_CORRECTION
    }

    private final String actionName;
    private final Type type;

    ReleaseAction(String actionName, Type type) {
        this.actionName = actionName;
        this.type = type;
    }

    /** The name helm-controller gives the action in messages ("Running 'upgrade' action ..."). */
    public String actionName() {
        return actionName;
    }

    public Type type() {
        return type;
    }
}
