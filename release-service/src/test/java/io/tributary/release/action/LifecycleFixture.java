package io.tributary.release.action;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.operator.archive.SafeTar;
import io.tributary.release.chart.ChartPackage;
import io.tributary.release.chart.ChartRenderer;
import io.tributary.release.chart.HelmEngine;
import io.tributary.release.chart.LoadedChart;
import io.tributary.release.plan.ReleaseOptions;
import io.tributary.release.reconcile.ReleaseNames;
import io.tributary.release.reconcile.ReleaseRun;
import io.tributary.release.storage.HelmReleaseRecord;
import io.tributary.testsupport.SharedServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the release step of a reconcile ({@link ReleaseRun}: planner loop and actions) against the shared real control
 * plane for a HelmRelease held in memory, with charts written from text. The HelmRelease object itself never goes to
 * the API: what is under test is what the actions do to Helm storage, to the cluster and to the status.
 */
final class LifecycleFixture {

    static final String NS = "lifecycle";

    final KubernetesClient client;
    final ReleaseToolkit kit;
    final ReleaseRun run;
    final Path dir;
    /** What the last {@link #reconcile} reported before each action: Reconciling's reason and message, Ready's status. */
    final List<String> progress = new java.util.ArrayList<>();

    LifecycleFixture(Path dir) {
        this(dir, SharedServers.controlPlane().client());
    }

    /** With a client of the test's own, e.g. one that records the requests the actions send. */
    LifecycleFixture(Path dir, KubernetesClient client) {
        this.client = client;
        if (client.namespaces().withName(NS).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        }
        this.kit = new ReleaseToolkit(client, new HelmEngine(), ReleaseEvents.NONE);
        this.run = new ReleaseRun(kit);
        this.dir = dir;
    }

    static HelmRelease release(String name) {
        HelmRelease release = new HelmRelease();
        release.getMetadata().setName(name);
        release.getMetadata().setNamespace(NS);
        release.getMetadata().setGeneration(1L);
        release.setSpec(new HelmReleaseSpec());
        release.getSpec().interval = "5m";
        release.getSpec().timeout = "30s";
        release.setStatus(new HelmReleaseStatus());
        return release;
    }

    /** A chart {@code name@version} with the given templates (file name to text) and extra files (path to text). */
    LoadedChart chart(String name, String version, Map<String, String> templates, Map<String, String> files) throws IOException {
        Path chart = Files.createTempDirectory(dir, name + "-" + version);
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: " + name + "\nversion: " + version + "\n");
        Files.writeString(chart.resolve("values.yaml"), "message: hello\n");
        Files.createDirectories(chart.resolve("templates"));
        for (var t : templates.entrySet()) {
            Files.writeString(chart.resolve("templates").resolve(t.getKey()), t.getValue());
        }
        for (var f : files.entrySet()) {
            Files.createDirectories(chart.resolve(f.getKey()).getParent());
            Files.writeString(chart.resolve(f.getKey()), f.getValue());
        }
        return load(chart);
    }

    /** A chart directory prepared by the test, loaded as a reconcile loads an unpacked artifact. */
    static LoadedChart load(Path chart) throws IOException {
        ChartPackage.expandSubcharts(chart, new SafeTar.Limits(1 << 20, 16 << 20, 1000, 16));
        LoadedChart loaded = LoadedChart.load(chart);
        ChartRenderer.maskHooks(chart);
        return loaded;
    }

    LoadedChart chart(String name, String version, Map<String, String> templates) throws IOException {
        return chart(name, version, templates, Map.of());
    }

    /** One release step, as a reconcile runs it after loading the chart; the status is updated on {@code release}. */
    Duration reconcile(HelmRelease release, LoadedChart chart, Map<String, Object> values) throws Exception {
        Path work = Files.createTempDirectory(dir, "work");
        ReleaseRequest req = new ReleaseRequest(release, release.getStatus(), chart, new LinkedHashMap<>(values),
                ReleaseOptions.of(release.getSpec(), false), ReleaseNames.release(release), ReleaseNames.targetNamespace(release),
                ReleaseNames.storageNamespace(release), work);
        progress.clear();
        return run.release(req, "sha256:" + "0".repeat(64), Duration.ofMinutes(5), status -> progress.add(
                io.tributary.api.meta.Conditions.find(status.conditions, "Reconciling").map(c -> c.getReason() + ": " + c.getMessage()).orElse("-")
                        + " / Ready " + io.tributary.api.meta.Conditions.find(status.conditions, "Ready").map(c -> c.getStatus()).orElse("-")));
    }

    /** A spec change: the generation moves on, as the API server would move it. */
    static void bump(HelmRelease release) {
        release.getMetadata().setGeneration(release.getMetadata().getGeneration() + 1);
    }

    List<HelmReleaseRecord> storage(String releaseName) throws IOException {
        return kit.storage.history(NS, releaseName);
    }

    /** {@code version:status:description}, newest first. */
    List<String> revisions(String releaseName) throws IOException {
        return storage(releaseName).stream().map(r -> r.version() + ":" + r.status() + ":" + r.info().description()).toList();
    }

    static List<String> history(HelmRelease release) {
        return release.getStatus().history == null ? List.of()
                : release.getStatus().history.stream().map(h -> h.version + ":" + h.status + ":" + h.action).toList();
    }

    /** {@code status.history[0].testHooks} as hook name to phase. */
    static Map<String, String> testPhases(HelmRelease release) {
        Map<String, String> phases = new LinkedHashMap<>();
        release.getStatus().history.get(0).testHooks.forEach((name, hook) -> phases.put(name, hook.phase));
        return phases;
    }

    /** A Deployment of {@code app} whose pods run the given containers (YAML flow mappings). */
    static String deployment(String name, String app, String... containers) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: %2$s}}
                  template:
                    metadata: {labels: {app: %2$s}}
                    spec:
                      containers:
                """.formatted(name, app) + String.join("", java.util.Arrays.stream(containers).map(c -> "      - " + c + "\n").toList());
    }

    /** A namespaced CRD {@code <plural>.<group>} of one served version v1 whose objects may hold any fields. */
    static String openCrd(String group, String plural, String singular, String kind) {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: %2$s.%1$s
                spec:
                  group: %1$s
                  scope: Namespaced
                  names: {plural: %2$s, singular: %3$s, kind: %4$s}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
                """.formatted(group, plural, singular, kind);
    }

    static String configMap(String name, String data) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n" + data;
    }
}
