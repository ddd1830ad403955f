package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.meta.Annotations;
import io.fabric8.kubernetes.api.model.Condition;
import io.tributary.api.meta.Conditions;
import io.tributary.api.source.HelmChart;
import io.tributary.testsupport.HelmClient;
import io.tributary.testsupport.HelmRepoServer;
import io.tributary.testsupport.OciRegistry;
import io.tributary.testsupport.SharedServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Charts from an OCI registry end to end: Helm's own client pushes a chart to the registry (docker-registry, HTTPS
 * with htpasswd), a HelmRelease names it through a HelmRepository of {@code type: oci}, the release is installed, and a
 * newer version pushed is upgraded to; a chart the registry does not hold is named in the HelmChart's condition.
 */
@ExtendWith(SharedStack.class)
class OciChartsIT {

    private static final String NS = "oci-charts-it";
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static LocalStack stack;
    private static OciRegistry registry;
    private static String charts;
    private static Path packages;

    @BeforeAll
    static void start() throws Exception {
        stack = SharedStack.get();
        stack.createNamespace(NS);
        registry = SharedServers.ociRegistry();
        charts = "it-" + UUID.randomUUID().toString().substring(0, 8);
        packages = Files.createTempDirectory("oci-charts-it");
        push("1.0.0");
        stack.client().secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("registry-auth").endMetadata()
                .withType("kubernetes.io/dockerconfigjson")
                .withStringData(Map.of(".dockerconfigjson", registry.dockerConfigJson(OciRegistry.USER, registry.password()))).build())
                .create();
        stack.client().secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("registry-ca").endMetadata()
                .withStringData(Map.of("ca.crt", registry.pki().caPem())).build()).create();
        stack.client().resource("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmRepository
                metadata:
                  name: registry
                  namespace: %s
                spec:
                  type: oci
                  url: %s
                  interval: 1h
                  secretRef:
                    name: registry-auth
                  certSecretRef:
                    name: registry-ca
                """.formatted(NS, registry.url(charts))).create();
    }

    /** {@code helm push} of a chart 'greeter' whose ConfigMap says its version. */
    private static void push(String version) throws Exception {
        Path tgz = packages.resolve("greeter-" + version + ".tgz");
        Files.write(tgz, HelmRepoServer.chart("greeter", version, Map.of("templates/cm.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-greeting
                data:
                  version: {{ .Chart.Version | quote }}
                """)));
        HelmClient.push(tgz, registry, charts);
    }

    private static void helmRelease(String name, String chart, String version) {
        stack.client().resource("""
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  interval: 1h
                  chart:
                    spec:
                      chart: %s
                      version: "%s"
                      interval: 1h
                      sourceRef:
                        kind: HelmRepository
                        name: registry
                """.formatted(name, NS, chart, version)).create();
    }

    private static Optional<Condition> ready(HelmRelease release) {
        return release == null || release.getStatus() == null ? Optional.empty() : Conditions.find(release.getStatus().conditions, "Ready");
    }

    private static String greeting(String release) {
        ConfigMap cm = stack.client().configMaps().inNamespace(NS).withName(release + "-greeting").get();
        return cm == null ? null : cm.getData().get("version");
    }

    private static HelmChart chartOf(String release) {
        return stack.client().resources(HelmChart.class).inNamespace(NS).withName(NS + "-" + release).get();
    }

    @Test
    void aChartPushedByHelmIsReleasedAndANewerVersionUpgradesIt() throws Exception {
        helmRelease("greeter", "greeter", "1.x");
        stack.await("greeter installed from the registry", PATIENCE, () -> "1.0.0".equals(greeting("greeter")));
        HelmRelease installed = stack.client().resources(HelmRelease.class).inNamespace(NS).withName("greeter").get();
        stack.await("greeter Ready", PATIENCE, () -> ready(stack.client().resources(HelmRelease.class).inNamespace(NS).withName("greeter")
                .get()).map(c -> "True".equals(c.getStatus())).orElse(false));
        assertThat(chartOf("greeter").getStatus().artifact.revision).isEqualTo("1.0.0");
        assertThat(installed.getStatus()).isNotNull();

        push("1.1.0");
        stack.edit(HelmChart.class, NS, NS + "-greeter", c -> {
            c.getMetadata().getAnnotations().put(Annotations.REQUESTED_AT, "after-push");
            return c;
        });
        stack.await("greeter upgraded to 1.1.0", PATIENCE, () -> "1.1.0".equals(greeting("greeter")));
        stack.await("HelmChart at 1.1.0", PATIENCE, () -> "1.1.0".equals(chartOf("greeter").getStatus().artifact.revision));
    }

    @Test
    void aChartTheRegistryDoesNotHoldIsNamedOnTheHelmChart() {
        helmRelease("missing", "nosuchchart", "*");
        stack.await("the HelmChart names the missing chart", PATIENCE, () -> {
            HelmChart chart = chartOf("missing");
            return chart != null && chart.getStatus() != null && Conditions.find(chart.getStatus().conditions, "Ready")
                    .map(c -> "False".equals(c.getStatus()) && c.getMessage().contains("nosuchchart")).orElse(false);
        });
        Condition ready = Conditions.find(chartOf("missing").getStatus().conditions, "Ready").orElseThrow();
        assertThat(ready.getReason()).isEqualTo("ChartPullError");
        assertThat(ready.getMessage()).doesNotContain(registry.password());
    }
}
