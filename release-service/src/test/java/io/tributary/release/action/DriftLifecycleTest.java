package io.tributary.release.action;

import static io.tributary.release.action.LifecycleFixture.NS;
import static io.tributary.release.action.LifecycleFixture.configMap;
import static io.tributary.release.action.LifecycleFixture.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.meta.Conditions;
import io.tributary.release.chart.HelmEngine;
import io.tributary.release.chart.LoadedChart;
import io.tributary.release.plan.ReleaseOptions;
import io.tributary.release.reconcile.ReleaseNames;
import io.tributary.release.reconcile.ReleaseRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift detection and correction end to end on the real control plane (helm-controller 1.6): a release with a
 * Deployment (2 replicas) and a ConfigMap, installed without waiting (no kubelet is needed), then changed behind its
 * back.
 */
class DriftLifecycleTest {

    @TempDir
    static Path dir;
    static LifecycleFixture fx;
    static ReleaseRun run;
    static final List<String> EVENTS = new ArrayList<>();

    @BeforeAll
    static void start() {
        fx = new LifecycleFixture(dir);
        ReleaseEvents recording = new ReleaseEvents() {
            @Override
            public void normal(HelmRelease object, String reason, String message, String revision) {
                EVENTS.add("Normal " + reason + ": " + message);
            }

            @Override
            public void warning(HelmRelease object, String reason, String message, String revision) {
                EVENTS.add("Warning " + reason + ": " + message);
            }
        };
        run = new ReleaseRun(new ReleaseToolkit(fx.client, new HelmEngine(), recording));
    }

    @BeforeEach
    void clearEvents() {
        EVENTS.clear();
    }

    private static String deployment(String name, String annotations) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                  %s
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: %s}
                  template:
                    metadata:
                      labels: {app: %s}
                    spec:
                      containers: [{name: main, image: busybox}]
                """.formatted(name, annotations, name, name);
    }

    private LoadedChart chart(String name) throws Exception {
        return fx.chart(name, "1.0.0", Map.of("deployment.yaml", deployment(name, ""),
                "cm.yaml", configMap(name + "-settings", "  message: hello\n")));
    }

    private static HelmRelease driftRelease(String name, String mode) {
        HelmRelease hr = release(name);
        hr.getSpec().install = new HelmReleaseSpec.Install();
        hr.getSpec().install.disableWait = true;
        hr.getSpec().driftDetection = new HelmReleaseSpec.DriftDetection();
        hr.getSpec().driftDetection.mode = mode;
        return hr;
    }

    private void reconcile(HelmRelease hr, LoadedChart chart) throws Exception {
        Path work = Files.createTempDirectory(dir, "work");
        ReleaseRequest req = new ReleaseRequest(hr, hr.getStatus(), chart, new LinkedHashMap<>(), ReleaseOptions.of(hr.getSpec(), false),
                ReleaseNames.release(hr), ReleaseNames.targetNamespace(hr), ReleaseNames.storageNamespace(hr), work);
        run.release(req, "sha256:" + "0".repeat(64), Duration.ofMinutes(5));
    }

    private static String condition(HelmRelease r, String type) {
        return Conditions.find(r.getStatus().conditions, type).map(c -> c.getStatus() + "/" + c.getReason()).orElse("absent");
    }

    private static String message(HelmRelease r, String type) {
        return Conditions.find(r.getStatus().conditions, type).map(c -> c.getMessage()).orElse("");
    }

    private Deployment live(String name) {
        return fx.client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    /** A merge patch as someone else's field manager, without a resourceVersion: controllers write the object too. */
    private void patch(String name, String json) {
        fx.client.apps().deployments().inNamespace(NS).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), json.replace('\'', '"'));
    }

    private void scale(String name, int replicas) {
        patch(name, "{'spec':{'replicas':" + replicas + "}}");
    }

    private void annotate(String name, String key, String value) {
        patch(name, "{'metadata':{'annotations':{'" + key + "':'" + value + "'}}}");
    }

    private HelmRelease installed(String name, String mode) throws Exception {
        HelmRelease hr = driftRelease(name, mode);
        reconcile(hr, chart(name));
        assertThat(fx.revisions(name)).containsExactly("1:deployed:Install complete");
        assertThat(condition(hr, "Drifted")).isEqualTo("False/NoDriftDetected");
        assertThat(message(hr, "Drifted")).isEqualTo("No drift detected against the cluster state");
        EVENTS.clear();
        return hr;
    }

    @Test
    void enabledCorrectsAChangedAndADeletedObjectWithoutANewRevision() throws Exception {
        HelmRelease hr = installed("drift-on", "enabled");
        LoadedChart chart = chart("drift-on");
        scale("drift-on", 5);
        fx.client.configMaps().inNamespace(NS).withName("drift-on-settings").delete();
        annotate("drift-on", "example.com/touched-by", "someone");

        reconcile(hr, chart);
        assertThat(live("drift-on").getSpec().getReplicas()).isEqualTo(2);
        // a field the chart never set is not drift, and the correction leaves it alone
        assertThat(live("drift-on").getMetadata().getAnnotations()).containsEntry("example.com/touched-by", "someone");
        assertThat(fx.client.configMaps().inNamespace(NS).withName("drift-on-settings").get().getData())
                .containsEntry("message", "hello");
        assertThat(fx.revisions("drift-on")).containsExactly("1:deployed:Install complete");
        assertThat(LifecycleFixture.history(hr)).containsExactly("1:deployed:install");
        assertThat(EVENTS).containsExactly(
                "Warning DriftDetected: Cluster state of release lifecycle/drift-on.v1 has drifted from the desired state:\n"
                        + "ConfigMap/lifecycle/drift-on-settings removed\n"
                        + "Deployment/lifecycle/drift-on changed (0 additions, 1 changes, 0 removals)",
                "Normal DriftCorrected: Cluster state of release lifecycle/drift-on.v1 has been corrected:\n"
                        + "ConfigMap/lifecycle/drift-on-settings created\n"
                        + "Deployment/lifecycle/drift-on configured");
        // the loop looks again after the correction: in sync
        assertThat(condition(hr, "Drifted")).isEqualTo("False/NoDriftDetected");
        assertThat(condition(hr, "Ready")).isEqualTo("True/InstallSucceeded");

        EVENTS.clear();
        reconcile(hr, chart);
        assertThat(EVENTS).isEmpty();
        assertThat(condition(hr, "Drifted")).isEqualTo("False/NoDriftDetected");
    }

    @Test
    void warnReportsTheDriftButLeavesItAndTheReleaseStaysReady() throws Exception {
        HelmRelease hr = installed("drift-warn", "warn");
        LoadedChart chart = chart("drift-warn");
        scale("drift-warn", 5);
        fx.client.configMaps().inNamespace(NS).withName("drift-warn-settings").delete();

        reconcile(hr, chart);
        String drifted = "Cluster state of release lifecycle/drift-warn.v1 has drifted from the desired state:\n"
                + "ConfigMap/lifecycle/drift-warn-settings removed\n"
                + "Deployment/lifecycle/drift-warn changed (0 additions, 1 changes, 0 removals)";
        assertThat(EVENTS).containsExactly("Warning DriftDetected: " + drifted);
        assertThat(condition(hr, "Drifted")).isEqualTo("True/DriftDetected");
        assertThat(message(hr, "Drifted")).isEqualTo(drifted);
        assertThat(condition(hr, "Ready")).isEqualTo("True/InstallSucceeded");
        assertThat(live("drift-warn").getSpec().getReplicas()).isEqualTo(5);
        assertThat(fx.client.configMaps().inNamespace(NS).withName("drift-warn-settings").get()).isNull();
        assertThat(fx.revisions("drift-warn")).containsExactly("1:deployed:Install complete");
    }

    @Test
    void anIgnoreRuleForReplicasLeavesAScaleAlone() throws Exception {
        HelmRelease hr = installed("drift-ignore", "enabled");
        HelmReleaseSpec.IgnoreRule rule = new HelmReleaseSpec.IgnoreRule();
        rule.paths = List.of("/spec/replicas");
        rule.target = new HelmReleaseSpec.Selector();
        rule.target.kind = "Deployment";
        hr.getSpec().driftDetection.ignore = List.of(rule);
        LoadedChart chart = chart("drift-ignore");
        scale("drift-ignore", 5);

        reconcile(hr, chart);
        assertThat(EVENTS).isEmpty();
        assertThat(live("drift-ignore").getSpec().getReplicas()).isEqualTo(5);
        assertThat(condition(hr, "Drifted")).isEqualTo("False/NoDriftDetected");

        // the rule leaves the rest of the Deployment compared
        patch("drift-ignore", "{'spec':{'template':{'spec':{'containers':[{'name':'main','image':'nginx'}]}}}}");
        reconcile(hr, chart);
        assertThat(EVENTS).first().asString().contains("Deployment/lifecycle/drift-ignore changed (0 additions, 1 changes, 0 removals)");
        assertThat(live("drift-ignore").getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("busybox");
        assertThat(live("drift-ignore").getSpec().getReplicas()).isEqualTo(5);
    }

    @Test
    void theOptOutAnnotationInTheClusterExcludesAnObject() throws Exception {
        HelmRelease hr = installed("drift-optout", "enabled");
        LoadedChart chart = chart("drift-optout");
        annotate("drift-optout", "helm.toolkit.fluxcd.io/driftDetection", "disabled");
        scale("drift-optout", 5);

        reconcile(hr, chart);
        assertThat(EVENTS).isEmpty();
        assertThat(live("drift-optout").getSpec().getReplicas()).isEqualTo(5);

        // with drift elsewhere, the summary lists the excluded object
        fx.client.configMaps().inNamespace(NS).withName("drift-optout-settings")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"message\":\"changed\"}}");
        reconcile(hr, chart);
        assertThat(EVENTS).first().asString().endsWith("has drifted from the desired state:\n"
                + "ConfigMap/lifecycle/drift-optout-settings changed (0 additions, 1 changes, 0 removals)\n"
                + "Deployment/lifecycle/drift-optout excluded");
        assertThat(fx.client.configMaps().inNamespace(NS).withName("drift-optout-settings").get().getData())
                .containsEntry("message", "hello");
        assertThat(live("drift-optout").getSpec().getReplicas()).isEqualTo(5);
    }

    @Test
    void theOptOutLabelInTheChartExcludesAnObject() throws Exception {
        HelmRelease hr = driftRelease("drift-label", "enabled");
        LoadedChart chart = fx.chart("drift-label", "1.0.0", Map.of("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                + "  name: drift-label-settings\n  labels:\n    helm.toolkit.fluxcd.io/driftDetection: disabled\ndata:\n  message: hello\n"));
        reconcile(hr, chart);
        fx.client.configMaps().inNamespace(NS).withName("drift-label-settings").delete();
        EVENTS.clear();

        reconcile(hr, chart);
        assertThat(EVENTS).isEmpty();
        assertThat(fx.client.configMaps().inNamespace(NS).withName("drift-label-settings").get()).isNull();
        assertThat(condition(hr, "Drifted")).isEqualTo("False/NoDriftDetected");
    }

    @Test
    void disabledNeverLooks() throws Exception {
        HelmRelease hr = driftRelease("drift-off", null);
        LoadedChart chart = chart("drift-off");
        reconcile(hr, chart);
        scale("drift-off", 5);
        EVENTS.clear();
        reconcile(hr, chart);
        assertThat(EVENTS).isEmpty();
        assertThat(condition(hr, "Drifted")).isEqualTo("absent");
        assertThat(live("drift-off").getSpec().getReplicas()).isEqualTo(5);
    }

    @Test
    void aBadIgnoreRuleNamesTheFieldAndTheReleaseIsNotReady() throws Exception {
        HelmRelease hr = installed("drift-bad", "warn");
        HelmReleaseSpec.IgnoreRule rule = new HelmReleaseSpec.IgnoreRule();
        rule.paths = List.of("/spec/replicas");
        rule.target = new HelmReleaseSpec.Selector();
        rule.target.name = "drift-(";
        hr.getSpec().driftDetection.ignore = List.of(rule);
        reconcile(hr, chart("drift-bad"));
        assertThat(condition(hr, "Ready")).isEqualTo("False/StateError");
        assertThat(message(hr, "Ready")).startsWith("Could not determine release state: unable to determine cluster state: "
                + "failed to create ignore rule selector: spec.driftDetection.ignore[0].target: invalid name regex: ");
    }
}
