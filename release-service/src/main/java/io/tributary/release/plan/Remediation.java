package io.tributary.release.plan;

/**
 * {@code spec.install.remediation} or {@code spec.upgrade.remediation}, with helm-controller's defaults.
 *
 * @param retries              attempts after the first; negative means unlimited
 * @param ignoreTestFailures   null: follow {@code spec.test.ignoreFailures}
 * @param remediateLastFailure null: false for install, {@code retries > 0} for upgrade
 * @param strategy             {@code rollback} or {@code uninstall}; install always uninstalls; null: rollback
 */
public record Remediation(Kind kind, int retries, Boolean ignoreTestFailures, Boolean remediateLastFailure, String strategy) {

    public static final String ROLLBACK = "rollback";
    public static final String UNINSTALL = "uninstall";

    /** Which action the remediation belongs to, and so which counter it reads. */
    public enum Kind {
        INSTALL("install"),
        UPGRADE("upgrade");

        private final String action;

        Kind(String action) {
            this.action = action;
        }

        /** The value of {@code status.lastAttemptedReleaseAction} for this kind. */
        public String action() {
            return action;
        }

        static Kind of(ReleaseAction action) {
            return switch (action) {
                case INSTALL -> INSTALL;
                case UPGRADE -> UPGRADE;
                default -> throw new IllegalArgumentException("not a release action with a remediation: " + action);
            };
        }

        /** The kind {@code status.lastAttemptedReleaseAction} names, or null for none. */
        static Kind ofAttempted(String lastAttemptedReleaseAction) {
            for (Kind kind : values()) {
                if (kind.action.equals(lastAttemptedReleaseAction)) {
                    return kind;
                }
            }
            return null;
        }
    }

    public static Remediation install(int retries) {
        return new Remediation(Kind.INSTALL, retries, null, null, null);
    }

    public static Remediation upgrade(int retries) {
        return new Remediation(Kind.UPGRADE, retries, null, null, null);
    }

    public Remediation withIgnoreTestFailures(Boolean ignore) {
        return new Remediation(kind, retries, ignore, remediateLastFailure, strategy);
    }

    public Remediation withRemediateLastFailure(Boolean remediate) {
        return new Remediation(kind, retries, ignoreTestFailures, remediate, strategy);
    }

    public Remediation withStrategy(String newStrategy) {
        return new Remediation(kind, retries, ignoreTestFailures, remediateLastFailure, newStrategy);
    }

    public boolean mustIgnoreTestFailures(boolean testIgnoreFailures) {
        return ignoreTestFailures == null ? testIgnoreFailures : ignoreTestFailures;
    }

    public boolean mustRemediateLastFailure() {
        if (remediateLastFailure != null) {
            return remediateLastFailure;
        }
        return kind == Kind.UPGRADE && retries > 0;
    }

    public String effectiveStrategy() {
        if (kind == Kind.INSTALL) {
            return UNINSTALL;
        }
        return strategy == null ? ROLLBACK : strategy;
    }

    public long failureCount(FailureCounters counters) {
        return counters.count(kind);
    }

    /** More failures than retries; never with negative (unlimited) retries. */
    public boolean retriesExhausted(FailureCounters counters) {
        return retries >= 0 && failureCount(counters) > retries;
    }

    /** An upgrade remediated by uninstalling is followed by a fresh install, so it never stalls there. */
    public boolean isUninstallAfterUpgrade() {
        return kind == Kind.UPGRADE && UNINSTALL.equals(effectiveStrategy());
    }
}
