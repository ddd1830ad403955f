package io.tributary.release.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.release.reconcile.ReleaseNames;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * helm-controller {@code internal/action/verify_test.go} TestReleaseTargetChanged at tag v1.6.3 (commit
 * 372c34e2b4a455d24ef6cbb8321c82c4533dbbd8): all 9 rows. The desired target comes from the spec through
 * {@link ReleaseNames}, which shortens long release names as Flux does.
 */
class ReleaseTargetTest {

    private static final String NAMESPACE = "default-ns";
    private static final String NAME = "default-name";
    private static final String CHART = "default-chart";
    private static final String RELEASE = "default-release";

    private static Snapshot current(String name, String namespace) {
        return new Snapshot(null, null, name, namespace, 0, null, CHART, null, null, null);
    }

    static Stream<Arguments> releaseTargetChanged() {
        Consumer<HelmReleaseSpec> none = spec -> { };
        String longNamespace = "target-namespace-exceeding-max-characters";
        return Stream.of(
                Arguments.of("no change", CHART, none, ReleaseHistory.of(current(NAME, NAMESPACE)), NAMESPACE, null),
                Arguments.of("no storage namespace", CHART, (Consumer<HelmReleaseSpec>) spec -> spec.releaseName = RELEASE,
                        ReleaseHistory.of(current(RELEASE, NAMESPACE)), "", null),
                Arguments.of("no current", null, none, ReleaseHistory.EMPTY, NAMESPACE, null),
                Arguments.of("different storage namespace", CHART, (Consumer<HelmReleaseSpec>) spec -> spec.storageNamespace = "default-storage-ns",
                        ReleaseHistory.of(current(NAME, NAMESPACE)), NAMESPACE, ReleaseTarget.Change.STORAGE_NAMESPACE),
                Arguments.of("different release namespace", CHART, (Consumer<HelmReleaseSpec>) spec -> spec.targetNamespace = "default-target-ns",
                        ReleaseHistory.of(current(NAME, NAMESPACE)), NAMESPACE, ReleaseTarget.Change.RELEASE_NAMESPACE),
                Arguments.of("different release name", CHART, (Consumer<HelmReleaseSpec>) spec -> spec.releaseName = RELEASE,
                        ReleaseHistory.of(current(NAME, NAMESPACE)), NAMESPACE, ReleaseTarget.Change.RELEASE_NAME),
                Arguments.of("different chart name", "other-chart", none, ReleaseHistory.of(current(NAME, NAMESPACE)), NAMESPACE,
                        ReleaseTarget.Change.CHART_NAME),
                Arguments.of("matching shortened release name", CHART, (Consumer<HelmReleaseSpec>) spec -> spec.targetNamespace = longNamespace,
                        ReleaseHistory.of(current("target-namespace-exceeding-max-character-eceb26601388", longNamespace)), NAMESPACE, null),
                Arguments.of("different shortened release name", CHART, (Consumer<HelmReleaseSpec>) spec -> spec.targetNamespace = longNamespace,
                        ReleaseHistory.of(current(NAME, longNamespace)), NAMESPACE, ReleaseTarget.Change.RELEASE_NAME));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void releaseTargetChanged(String name, String chartName, Consumer<HelmReleaseSpec> spec, ReleaseHistory history,
            String statusStorageNamespace, ReleaseTarget.Change want) {
        HelmRelease hr = new HelmRelease();
        hr.setMetadata(new ObjectMeta());
        hr.getMetadata().setName(NAME);
        hr.getMetadata().setNamespace(NAMESPACE);
        hr.setSpec(new HelmReleaseSpec());
        spec.accept(hr.getSpec());
        DesiredRelease desired = new DesiredRelease(ReleaseNames.release(hr), ReleaseNames.targetNamespace(hr),
                ReleaseNames.storageNamespace(hr), chartName, "1.0.0", null, null, null);
        assertThat(ReleaseTarget.changed(statusStorageNamespace, history, desired, chartName).orElse(null)).isEqualTo(want);
    }

    // --- Beyond the upstream table: the controller's use of the reason (helmrelease_controller.go).

    @Test
    void aChartRenameReinstallsUnlessUpdatedInPlace() {
        assertThat(ReleaseTarget.mustUninstall(ReleaseTarget.Change.CHART_NAME, null)).isTrue();
        assertThat(ReleaseTarget.mustUninstall(ReleaseTarget.Change.CHART_NAME, "Reinstall")).isTrue();
        assertThat(ReleaseTarget.mustUninstall(ReleaseTarget.Change.CHART_NAME, "InPlaceUpdate")).isFalse();
        assertThat(ReleaseTarget.mustUninstall(ReleaseTarget.Change.RELEASE_NAME, "InPlaceUpdate")).isTrue();
        assertThatThrownBy(() -> ReleaseTarget.mustUninstall(ReleaseTarget.Change.CHART_NAME, "Sideways"))
                .hasMessage("spec.upgrade.chartNameChangeStrategy: must be Reinstall or InPlaceUpdate, got 'Sideways'");
        assertThat(ReleaseTarget.Change.STORAGE_NAMESPACE.text()).isEqualTo("storage namespace");
    }
}
