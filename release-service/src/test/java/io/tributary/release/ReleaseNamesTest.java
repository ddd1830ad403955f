package io.tributary.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.release.reconcile.ReleaseNames;
import org.junit.jupiter.api.Test;

class ReleaseNamesTest {

    private static HelmRelease release(String name, String target, String releaseName) {
        HelmRelease release = new HelmRelease();
        release.getMetadata().setName(name);
        release.getMetadata().setNamespace("apps");
        release.setSpec(new HelmReleaseSpec());
        release.getSpec().targetNamespace = target;
        release.getSpec().releaseName = releaseName;
        return release;
    }

    @Test
    void derivesNamesAsFluxDoes() {
        assertThat(ReleaseNames.release(release("podinfo", null, null))).isEqualTo("podinfo");
        assertThat(ReleaseNames.release(release("podinfo", "prod", null))).isEqualTo("prod-podinfo");
        assertThat(ReleaseNames.release(release("podinfo", "prod", "custom"))).isEqualTo("custom");
        assertThat(ReleaseNames.helmChart(release("podinfo", null, null))).isEqualTo("apps-podinfo");
        assertThat(ReleaseNames.targetNamespace(release("podinfo", null, null))).isEqualTo("apps");
    }

    @Test
    void shortensNamesOverFiftyThreeCharacters() {
        String name = ReleaseNames.release(release("a-very-long-release-name-that-goes-on", "and-a-long-namespace", null));
        assertThat(name).hasSize(53).startsWith("and-a-long-namespace-a-very-long-release").matches(".{40}-[0-9a-f]{12}");
        assertThat(ReleaseNames.release(release("a-very-long-release-name-that-goes-on", "and-a-long-namespace", null))).isEqualTo(name);
    }
}
