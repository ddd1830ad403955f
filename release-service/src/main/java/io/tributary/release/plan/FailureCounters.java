package io.tributary.release.plan;

import io.tributary.api.helm.HelmReleaseStatus;
import java.util.Objects;

/**
 * {@code status.failures}, {@code installFailures} and {@code upgradeFailures}, and how each action moves them.
 * {@code failures} counts every failed action; the other two count failed install/upgrade attempts that changed Helm
 * storage, and decide whether retries remain.
 */
public record FailureCounters(long failures, long installFailures, long upgradeFailures) {

    public static final FailureCounters NONE = new FailureCounters(0, 0, 0);

    public static FailureCounters of(HelmReleaseStatus status) {
        return new FailureCounters(Objects.requireNonNullElse(status.failures, 0L),
                Objects.requireNonNullElse(status.installFailures, 0L), Objects.requireNonNullElse(status.upgradeFailures, 0L));
    }

    public FailureCounters cleared() {
        return NONE;
    }

    /** Any failed action (test, rollback, uninstall, unlock, or a release that left storage unchanged). */
    public FailureCounters withFailure() {
        return new FailureCounters(failures + 1, installFailures, upgradeFailures);
    }

    /**
     * A failed install or upgrade. Only an attempt that wrote a release to storage counts against the retries: one
     * that did not leaves nothing to remediate and may simply run again.
     */
    public FailureCounters afterReleaseFailure(ReleaseAction action, boolean storageChanged) {
        FailureCounters counted = withFailure();
        return storageChanged ? counted.incremented(Remediation.Kind.of(action)) : counted;
    }

    /** A successful install or upgrade clears the counters only under RetryOnFailure; remediation keeps counting. */
    public FailureCounters afterReleaseSuccess(boolean retryOnFailure) {
        return retryOnFailure ? cleared() : this;
    }

    /**
     * A failed test. Once the run finished ({@code tested}), it counts against the active remediation's retries unless
     * that remediation ignores test failures.
     */
    public FailureCounters afterTestFailure(Remediation active, boolean testIgnoreFailures, boolean tested) {
        FailureCounters counted = withFailure();
        if (tested && active != null && !active.mustIgnoreTestFailures(testIgnoreFailures)) {
            return counted.incremented(active.kind());
        }
        return counted;
    }

    long count(Remediation.Kind kind) {
        return kind == Remediation.Kind.INSTALL ? installFailures : upgradeFailures;
    }

    private FailureCounters incremented(Remediation.Kind kind) {
        return kind == Remediation.Kind.INSTALL
                ? new FailureCounters(failures, installFailures + 1, upgradeFailures)
                : new FailureCounters(failures, installFailures, upgradeFailures + 1);
    }
}
