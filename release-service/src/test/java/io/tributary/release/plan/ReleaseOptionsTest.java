package io.tributary.release.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.helm.HelmReleaseSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * How the spec reads into {@link ReleaseOptions}, following helm-controller's API defaults at tag v1.6.3
 * ({@code api/v2/helmrelease_types.go}: GetRetry, GetRetryInterval, MustRemediateLastFailure, GetStrategy,
 * RetriesExhausted) and {@code docs/spec/v2/helmreleases.md}. Not an upstream table.
 */
class ReleaseOptionsTest {

    private static HelmReleaseSpec.ActionStrategy strategy(String name, String interval) {
        var s = new HelmReleaseSpec.ActionStrategy();
        s.name = name;
        s.retryInterval = interval;
        return s;
    }

    private static HelmReleaseSpec.Remediation remediation(Integer retries, Boolean remediateLast, String strategy) {
        var r = new HelmReleaseSpec.Remediation();
        r.retries = retries;
        r.remediateLastFailure = remediateLast;
        r.strategy = strategy;
        return r;
    }

    @Test
    void anEmptySpecRemediatesWithoutRetries() {
        ReleaseOptions options = ReleaseOptions.of(new HelmReleaseSpec(), false);
        assertThat(options).isEqualTo(ReleaseOptions.defaults());
        assertThat(options.install().remediation().effectiveStrategy()).isEqualTo("uninstall");
        assertThat(options.upgrade().remediation().effectiveStrategy()).isEqualTo("rollback");
        assertThat(options.upgrade().remediation().mustRemediateLastFailure()).isFalse();
        assertThat(options.install().retry()).isEmpty();
        assertThat(options.activeRemediation(null)).isNull();
        assertThat(options.activeRemediation("upgrade")).isEqualTo(options.upgrade().remediation());
    }

    @Test
    void retryOnFailureDefaultsToFiveMinutes() {
        var spec = new HelmReleaseSpec();
        spec.install = new HelmReleaseSpec.Install();
        spec.install.strategy = strategy("RetryOnFailure", null);
        spec.upgrade = new HelmReleaseSpec.Upgrade();
        spec.upgrade.strategy = strategy("RetryOnFailure", "1m30s");
        ReleaseOptions options = ReleaseOptions.of(spec, false);
        assertThat(options.activeRetry("install")).contains(Duration.ofMinutes(5));
        assertThat(options.activeRetry("upgrade")).contains(Duration.ofSeconds(90));
        assertThat(options.activeRetry(null)).isEmpty();
    }

    @Test
    void theFeatureGateMakesRetryTheDefaultButNotAnExplicitRemediation() {
        var spec = new HelmReleaseSpec();
        spec.upgrade = new HelmReleaseSpec.Upgrade();
        spec.upgrade.strategy = strategy("RemediateOnFailure", null);
        ReleaseOptions options = ReleaseOptions.of(spec, true);
        assertThat(options.install().retry()).contains(ReleaseOptions.DEFAULT_RETRY_INTERVAL);
        assertThat(options.upgrade().retry()).isEmpty();
    }

    @Test
    void remediationDefaults() {
        var spec = new HelmReleaseSpec();
        spec.install = new HelmReleaseSpec.Install();
        spec.install.remediation = remediation(-1, null, "rollback");
        spec.upgrade = new HelmReleaseSpec.Upgrade();
        spec.upgrade.remediation = remediation(3, null, "uninstall");
        spec.test = new HelmReleaseSpec.Test();
        spec.test.enable = true;
        spec.test.ignoreFailures = true;
        ReleaseOptions options = ReleaseOptions.of(spec, false);
        Remediation install = options.install().remediation();
        Remediation upgrade = options.upgrade().remediation();
        // the install remediation has no strategy in Flux's API: the field is pruned, install always uninstalls
        assertThat(install.effectiveStrategy()).isEqualTo("uninstall");
        assertThat(install.retriesExhausted(new FailureCounters(0, 1000, 0))).isFalse();
        assertThat(install.mustRemediateLastFailure()).isFalse();
        assertThat(upgrade.isUninstallAfterUpgrade()).isTrue();
        assertThat(upgrade.mustRemediateLastFailure()).isTrue();
        assertThat(upgrade.retriesExhausted(new FailureCounters(0, 0, 3))).isFalse();
        assertThat(upgrade.retriesExhausted(new FailureCounters(0, 0, 4))).isTrue();
        assertThat(options.ignoresTestFailures("upgrade")).isTrue();
        assertThat(upgrade.withIgnoreTestFailures(false).mustIgnoreTestFailures(true)).isFalse();
        assertThat(Remediation.upgrade(3).withRemediateLastFailure(false).mustRemediateLastFailure()).isFalse();
    }

    @Test
    void badValuesNameTheField() {
        var badName = new HelmReleaseSpec();
        badName.install = new HelmReleaseSpec.Install();
        badName.install.strategy = strategy("RetryForever", null);
        assertThatThrownBy(() -> ReleaseOptions.of(badName, false))
                .hasMessage("spec.install.strategy.name: must be RemediateOnFailure or RetryOnFailure, got 'RetryForever'");

        var intervalWithoutRetry = new HelmReleaseSpec();
        intervalWithoutRetry.upgrade = new HelmReleaseSpec.Upgrade();
        intervalWithoutRetry.upgrade.strategy = strategy("RemediateOnFailure", "1m");
        assertThatThrownBy(() -> ReleaseOptions.of(intervalWithoutRetry, false))
                .hasMessage("spec.upgrade.strategy.retryInterval: can only be set when .name is 'RetryOnFailure'");

        var badInterval = new HelmReleaseSpec();
        badInterval.upgrade = new HelmReleaseSpec.Upgrade();
        badInterval.upgrade.strategy = strategy("RetryOnFailure", "soon");
        assertThatThrownBy(() -> ReleaseOptions.of(badInterval, false))
                .hasMessageStartingWith("spec.upgrade.strategy.retryInterval: invalid duration 'soon'");

        var badStrategy = new HelmReleaseSpec();
        badStrategy.upgrade = new HelmReleaseSpec.Upgrade();
        badStrategy.upgrade.remediation = remediation(1, null, "reinstall");
        assertThatThrownBy(() -> ReleaseOptions.of(badStrategy, false))
                .hasMessage("spec.upgrade.remediation.strategy: must be rollback or uninstall, got 'reinstall'");

        var badDrift = new HelmReleaseSpec();
        badDrift.driftDetection = new HelmReleaseSpec.DriftDetection();
        badDrift.driftDetection.mode = "on";
        assertThatThrownBy(() -> ReleaseOptions.of(badDrift, false))
                .hasMessage("spec.driftDetection.mode: must be enabled, warn or disabled, got 'on'");
    }

    @Test
    void driftModes() {
        var spec = new HelmReleaseSpec();
        spec.driftDetection = new HelmReleaseSpec.DriftDetection();
        spec.driftDetection.mode = "warn";
        assertThat(ReleaseOptions.of(spec, false).driftMode()).isEqualTo(ReleaseOptions.DriftMode.WARN);
        assertThat(ReleaseOptions.DriftMode.WARN.detectsChanges()).isTrue();
        assertThat(ReleaseOptions.DriftMode.DISABLED.detectsChanges()).isFalse();
    }
}
