package io.tributary.release.plan;

import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.meta.Durations;
import java.time.Duration;
import java.util.Optional;

/** The parts of a HelmRelease spec that decide the release lifecycle, with helm-controller's defaults. */
public record ReleaseOptions(ActionPolicy install, ActionPolicy upgrade, boolean testEnabled, boolean testIgnoreFailures,
        DriftMode driftMode) {

    public static final String REMEDIATE_ON_FAILURE = "RemediateOnFailure";
    public static final String RETRY_ON_FAILURE = "RetryOnFailure";
    public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofMinutes(5);

    /**
     * How failures of one release action are handled.
     *
     * @param retryInterval set under the RetryOnFailure strategy: failures are retried after it, never remediated;
     *                      null under RemediateOnFailure
     */
    public record ActionPolicy(Remediation remediation, Duration retryInterval) {

        public Optional<Duration> retry() {
            return Optional.ofNullable(retryInterval);
        }
    }

    /** {@code spec.driftDetection.mode}. */
    public enum DriftMode {
        DISABLED("disabled"),
        ENABLED("enabled"),
        WARN("warn");

        private final String value;

        DriftMode(String value) {
            this.value = value;
        }

        /** Whether the cluster is compared against the release manifest at all. */
        public boolean detectsChanges() {
            return this != DISABLED;
        }

        static DriftMode of(String value) {
            if (value == null || value.isEmpty()) {
                return DISABLED;
            }
            for (DriftMode mode : values()) {
                if (mode.value.equals(value)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("spec.driftDetection.mode: must be enabled, warn or disabled, got '" + value + "'");
        }
    }

    public static ReleaseOptions defaults() {
        return new ReleaseOptions(new ActionPolicy(Remediation.install(0), null), new ActionPolicy(Remediation.upgrade(0), null),
                false, false, DriftMode.DISABLED);
    }

    /**
     * Reads the spec; throws IllegalArgumentException naming the field for a value the API does not allow.
     *
     * @param defaultToRetryOnFailure helm-controller's DefaultToRetryOnFailure feature gate: an action without a
     *                                strategy retries instead of remediating
     */
    public static ReleaseOptions of(HelmReleaseSpec spec, boolean defaultToRetryOnFailure) {
        HelmReleaseSpec.Install install = spec.install == null ? new HelmReleaseSpec.Install() : spec.install;
        HelmReleaseSpec.Upgrade upgrade = spec.upgrade == null ? new HelmReleaseSpec.Upgrade() : spec.upgrade;
        HelmReleaseSpec.Test test = spec.test;
        return new ReleaseOptions(
                new ActionPolicy(remediation(Remediation.Kind.INSTALL, install.remediation),
                        retryInterval("spec.install.strategy", install.strategy, defaultToRetryOnFailure)),
                new ActionPolicy(remediation(Remediation.Kind.UPGRADE, upgrade.remediation),
                        retryInterval("spec.upgrade.strategy", upgrade.strategy, defaultToRetryOnFailure)),
                test != null && Boolean.TRUE.equals(test.enable),
                test != null && Boolean.TRUE.equals(test.ignoreFailures),
                DriftMode.of(spec.driftDetection == null ? null : spec.driftDetection.mode));
    }

    private static Remediation remediation(Remediation.Kind kind, HelmReleaseSpec.Remediation spec) {
        if (spec == null) {
            return new Remediation(kind, 0, null, null, null);
        }
        String strategy = null;
        // install remediation has no strategy in Flux's API; the API server prunes the field, so it is ignored here
        if (kind == Remediation.Kind.UPGRADE && spec.strategy != null) {
            if (!Remediation.ROLLBACK.equals(spec.strategy) && !Remediation.UNINSTALL.equals(spec.strategy)) {
                throw new IllegalArgumentException("spec.upgrade.remediation.strategy: must be rollback or uninstall, got '"
                        + spec.strategy + "'");
            }
            strategy = spec.strategy;
        }
        return new Remediation(kind, spec.retries == null ? 0 : spec.retries, spec.ignoreTestFailures, spec.remediateLastFailure,
                strategy);
    }

    private static Duration retryInterval(String field, HelmReleaseSpec.ActionStrategy strategy, boolean defaultToRetryOnFailure) {
        if (strategy == null) {
            return defaultToRetryOnFailure ? DEFAULT_RETRY_INTERVAL : null;
        }
        if (RETRY_ON_FAILURE.equals(strategy.name)) {
            return Durations.parseOr(field + ".retryInterval", strategy.retryInterval, DEFAULT_RETRY_INTERVAL);
        }
        if (!REMEDIATE_ON_FAILURE.equals(strategy.name)) {
            throw new IllegalArgumentException(field + ".name: must be RemediateOnFailure or RetryOnFailure, got '"
                    + strategy.name + "'");
        }
        if (strategy.retryInterval != null) {
            throw new IllegalArgumentException(field + ".retryInterval: can only be set when .name is 'RetryOnFailure'");
        }
        return null;
    }

    public ReleaseOptions withInstall(Remediation remediation, Duration retryInterval) {
        return new ReleaseOptions(new ActionPolicy(remediation, retryInterval), upgrade, testEnabled, testIgnoreFailures, driftMode);
    }

    public ReleaseOptions withUpgrade(Remediation remediation, Duration retryInterval) {
        return new ReleaseOptions(install, new ActionPolicy(remediation, retryInterval), testEnabled, testIgnoreFailures, driftMode);
    }

    public ReleaseOptions withTest(boolean enabled, boolean ignoreFailures) {
        return new ReleaseOptions(install, upgrade, enabled, ignoreFailures, driftMode);
    }

    public ReleaseOptions withDriftMode(DriftMode mode) {
        return new ReleaseOptions(install, upgrade, testEnabled, testIgnoreFailures, mode);
    }

    /** The remediation of the action {@code status.lastAttemptedReleaseAction} names, or null when it names none. */
    public Remediation activeRemediation(String lastAttemptedReleaseAction) {
        Remediation.Kind kind = Remediation.Kind.ofAttempted(lastAttemptedReleaseAction);
        return kind == null ? null : policy(kind).remediation();
    }

    /** The retry interval when the last attempted action runs under RetryOnFailure. */
    public Optional<Duration> activeRetry(String lastAttemptedReleaseAction) {
        Remediation.Kind kind = Remediation.Kind.ofAttempted(lastAttemptedReleaseAction);
        return kind == null ? Optional.empty() : policy(kind).retry();
    }

    /** Whether tests failures are ignored, by the active remediation or else by {@code spec.test.ignoreFailures}. */
    public boolean ignoresTestFailures(String lastAttemptedReleaseAction) {
        Remediation active = activeRemediation(lastAttemptedReleaseAction);
        return active == null ? testIgnoreFailures : active.mustIgnoreTestFailures(testIgnoreFailures);
    }

    public ActionPolicy policy(Remediation.Kind kind) {
        return kind == Remediation.Kind.INSTALL ? install : upgrade;
    }
}
