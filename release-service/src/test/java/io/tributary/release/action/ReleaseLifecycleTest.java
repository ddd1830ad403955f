package io.tributary.release.action;

import static io.tributary.release.action.LifecycleFixture.NS;
import static io.tributary.release.action.LifecycleFixture.configMap;
import static io.tributary.release.action.LifecycleFixture.history;
import static io.tributary.release.action.LifecycleFixture.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.meta.Conditions;
import io.tributary.release.chart.LoadedChart;
import io.tributary.release.storage.HelmReleaseRecord;
import io.tributary.release.storage.HookRecord;
import io.tributary.testsupport.Kubelet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The release lifecycle end to end on a real control plane: install, upgrade, failed upgrade and rollback, hooks,
 * tests, waits, bad input, unlocking a release left pending, uninstall, CRDs. {@link Kubelet} stands in for the kubelet:
 * Pods whose name contains "broken" fail, "stuck" stay Pending, "test" and Jobs' Pods succeed, the others run Ready.
 */
class ReleaseLifecycleTest {

    @TempDir
    static Path dir;
    static LifecycleFixture fx;
    static Kubelet kubelet;

    @BeforeAll
    static void start() {
        fx = new LifecycleFixture(dir);
        Function<Pod, Kubelet.Outcome> defaults = Kubelet.defaults();
        kubelet = Kubelet.start(fx.client, NS, pod -> {
            String name = pod.getMetadata().getName();
            if (name.contains("broken")) {
                return Kubelet.Outcome.FAIL;
            }
            if (name.contains("stuck")) {
                return Kubelet.Outcome.PENDING;
            }
            return name.contains("test") ? Kubelet.Outcome.SUCCEED : defaults.apply(pod);
        });
    }

    @AfterAll
    static void stop() {
        kubelet.close();
    }

    private static String job(String name, String hook, String policy) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: %s
                  annotations:
                    "helm.sh/hook": %s
                    %s
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: main, image: busybox}]
                """.formatted(name, hook, policy == null ? "" : "\"helm.sh/hook-delete-policy\": " + policy);
    }

    private static String condition(HelmRelease r, String type) {
        return Conditions.find(r.getStatus().conditions, type).map(c -> c.getStatus() + "/" + c.getReason()).orElse("absent");
    }

    private static String message(HelmRelease r, String type) {
        return Conditions.find(r.getStatus().conditions, type).map(c -> c.getMessage()).orElse("");
    }

    private String data(String configMap, String key) {
        var cm = fx.client.configMaps().inNamespace(NS).withName(configMap).get();
        return cm == null ? null : cm.getData().get(key);
    }

    @Test
    void installThenAFailedUpgradeIsRolledBackAndRetriesRunOut() throws Exception {
        HelmRelease hr = release("roll");
        hr.getSpec().upgrade = new HelmReleaseSpec.Upgrade();
        hr.getSpec().upgrade.remediation = new HelmReleaseSpec.Remediation();
        hr.getSpec().upgrade.remediation.retries = 1;
        LoadedChart chart = fx.chart("roll", "1.0.0", Map.of(
                "cm.yaml", configMap("roll-settings", "  message: {{ .Values.message }}\n"),
                "check.yaml", "{{ if .Values.breakHook }}" + job("roll-broken-check", "post-upgrade", null) + "{{ end }}"));

        fx.reconcile(hr, chart, Map.of("message", "one"));
        assertThat(fx.revisions("roll")).containsExactly("1:deployed:Install complete");
        assertThat(history(hr)).containsExactly("1:deployed:install");
        assertThat(condition(hr, "Ready")).isEqualTo("True/InstallSucceeded");
        assertThat(message(hr, "Released")).isEqualTo("Helm install succeeded for release lifecycle/roll.v1 with chart roll@1.0.0");

        LifecycleFixture.bump(hr);
        fx.reconcile(hr, chart, Map.of("message", "two", "breakHook", true));
        assertThat(fx.revisions("roll")).containsExactly("3:deployed:Rollback to 1",
                "2:failed:Upgrade \"roll\" failed: warning: Hook post-upgrade roll/templates/check.yaml failed: Job \"roll-broken-check\" "
                        + "Job Failed: BackoffLimitExceeded Job has reached the specified backoff limit",
                "1:superseded:Install complete");
        assertThat(history(hr)).containsExactly("3:deployed:rollback", "2:failed:upgrade", "1:superseded:install");
        assertThat(data("roll-settings", "message")).isEqualTo("one");
        assertThat(condition(hr, "Remediated")).isEqualTo("True/RollbackSucceeded");
        assertThat(condition(hr, "Released")).isEqualTo("False/UpgradeFailed");
        assertThat(condition(hr, "Ready")).isEqualTo("False/RollbackSucceeded");
        assertThat(hr.getStatus().upgradeFailures).isEqualTo(1L);
        assertThat(hr.getStatus().failures).isEqualTo(1L);
        HookRecord failedHook = fx.storage("roll").get(1).hooks().get(0);
        assertThat(failedHook.lastRun.phase).isEqualTo("Failed");
        assertThat(failedHook.lastRun.startedAt).isNotNull();
        assertThat(failedHook.lastRun.completedAt).isNotNull();

        // the same values fail again: the last retry is used and the release stalls, rolled back once more
        fx.reconcile(hr, chart, Map.of("message", "two", "breakHook", true));
        assertThat(fx.revisions("roll")).first().isEqualTo("5:deployed:Rollback to 3");
        assertThat(condition(hr, "Stalled")).isEqualTo("True/RetriesExceeded");
        assertThat(message(hr, "Stalled")).isEqualTo("Failed to upgrade after 2 attempt(s)");
        assertThat(hr.getStatus().upgradeFailures).isEqualTo(2L);

        // new values: the counters start again and the upgrade goes through
        LifecycleFixture.bump(hr);
        fx.reconcile(hr, chart, Map.of("message", "three"));
        assertThat(fx.revisions("roll")).first().isEqualTo("6:deployed:Upgrade complete");
        assertThat(condition(hr, "Ready")).isEqualTo("True/UpgradeSucceeded");
        assertThat(condition(hr, "Stalled")).isEqualTo("absent");
        assertThat(condition(hr, "Remediated")).isEqualTo("absent");
        assertThat(hr.getStatus().upgradeFailures).isNull();
        assertThat(data("roll-settings", "message")).isEqualTo("three");
    }

    @Test
    void hooksRunAtTheirPhaseAndTestsAreRecorded() throws Exception {
        HelmRelease hr = release("hooked");
        hr.getSpec().test = new HelmReleaseSpec.Test();
        hr.getSpec().test.enable = true;
        LoadedChart chart = fx.chart("hooked", "0.1.0", Map.of(
                "cm.yaml", configMap("hooked-settings", "  message: {{ .Values.message }}\n"),
                "migrate.yaml", job("hooked-migrate", "pre-install", "hook-succeeded"),
                "post.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: hooked-post
                          annotations:
                            "helm.sh/hook": post-install
                            "helm.sh/hook-weight": "5"
                        data: {done: "yes"}
                        """,
                "test.yaml", """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: hooked-test
                          annotations:
                            "helm.sh/hook": test
                        spec:
                          restartPolicy: Never
                          containers: [{name: t, image: busybox}]
                        """));
        fx.reconcile(hr, chart, Map.of());
        // before each action the status says what runs, as helm-controller patches it; during the test Ready stays Unknown
        // because TestSuccess is Unknown (AwaitingTests) once the install succeeded
        assertThat(fx.progress).containsExactly("Progressing: Running 'install' action with timeout of 30s / Ready Unknown",
                "Progressing: Running 'test' action with timeout of 30s / Ready Unknown");
        assertThat(condition(hr, "Reconciling")).isEqualTo("absent");
        HelmReleaseRecord stored = fx.storage("hooked").get(0);
        assertThat(stored.status()).isEqualTo("deployed");
        assertThat(stored.manifest()).contains("hooked-settings").doesNotContain("hooked-post").doesNotContain("hooked-migrate");
        Map<String, String> phases = stored.hooks().stream().collect(Collectors.toMap(h -> h.name, h -> h.lastRun.phase));
        assertThat(phases).isEqualTo(Map.of("hooked-migrate", "Succeeded", "hooked-post", "Succeeded", "hooked-test", "Succeeded"));
        assertThat(stored.hooks()).filteredOn(h -> h.name.equals("hooked-post")).singleElement()
                .satisfies(h -> assertThat(h.weight).isEqualTo(5)).satisfies(h -> assertThat(h.events).containsExactly("post-install"));
        // hook-succeeded removed the Job; the ConfigMap hook (before-hook-creation) stays, outside the release
        assertThat(fx.client.batch().v1().jobs().inNamespace(NS).withName("hooked-migrate").get()).isNull();
        assertThat(data("hooked-post", "done")).isEqualTo("yes");
        assertThat(LifecycleFixture.testPhases(hr)).isEqualTo(Map.of("hooked-test", "Succeeded"));
        assertThat(hr.getStatus().history.get(0).testHooks.get("hooked-test")).satisfies(t -> {
            assertThat(java.time.Instant.parse(t.lastStarted)).isBeforeOrEqualTo(java.time.Instant.parse(t.lastCompleted));
            assertThat(t.lastCompleted).endsWith("Z").doesNotContain(".");
        });
        assertThat(condition(hr, "TestSuccess")).isEqualTo("True/TestSucceeded");
        assertThat(message(hr, "TestSuccess")).endsWith(": 1 test hook(s) completed successfully");
        assertThat(condition(hr, "Ready")).isEqualTo("True/TestSucceeded");

        // an upgrade with hooks disabled runs none: the pre-install Job is not even a pre-upgrade hook, the test reruns
        LifecycleFixture.bump(hr);
        hr.getSpec().upgrade = new HelmReleaseSpec.Upgrade();
        hr.getSpec().upgrade.disableHooks = true;
        fx.reconcile(hr, chart, Map.of("message", "again"));
        assertThat(fx.revisions("hooked")).first().isEqualTo("2:deployed:Upgrade complete");
        assertThat(LifecycleFixture.testPhases(hr)).isEqualTo(Map.of("hooked-test", "Succeeded"));
        assertThat(data("hooked-settings", "message")).isEqualTo("again");
    }

    /** A chart package as {@code helm package} writes it: a gzipped tar of one directory named after the chart. */
    private static byte[] packaged(String name, Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (var f : new TreeMap<>(files).entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(name + "/" + f.getKey());
                entry.setSize(f.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String hookConfigMap(String name, String phase) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  annotations:
                    "helm.sh/hook": %s
                data: {hook: "%s"}
                """.formatted(name, phase, name);
    }

    @Test
    void hooksOfPackedSubchartsRunAndStayOutOfTheManifest() throws Exception {
        HelmRelease hr = release("packed");
        byte[] inner = packaged("inner", Map.of("Chart.yaml", utf8("apiVersion: v2\nname: inner\nversion: 0.0.1\n"),
                "templates/hook.yaml", utf8(hookConfigMap("packed-inner-hook", "post-install"))));
        byte[] sub = packaged("sub", Map.of("Chart.yaml", utf8("apiVersion: v2\nname: sub\nversion: 0.1.0\n"),
                "templates/cm.yaml", utf8(configMap("packed-sub", "  a: b\n")),
                "templates/hook.yaml", utf8(hookConfigMap("packed-sub-hook", "pre-install")),
                "charts/inner-0.0.1.tgz", inner));
        Path chart = Files.createTempDirectory(fx.dir, "packed");
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: packed\nversion: 1.0.0\n");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("templates/cm.yaml"), configMap("packed-parent", "  a: b\n"));
        Files.createDirectories(chart.resolve("charts"));
        Files.write(chart.resolve("charts/sub-0.1.0.tgz"), sub);

        fx.reconcile(hr, LifecycleFixture.load(chart), Map.of());
        HelmReleaseRecord stored = fx.storage("packed").get(0);
        assertThat(stored.status()).isEqualTo("deployed");
        assertThat(stored.manifest()).contains("packed-parent", "packed-sub").doesNotContain("packed-sub-hook", "packed-inner-hook");
        assertThat(stored.hooks()).extracting(h -> h.name + ":" + h.events + ":" + h.lastRun.phase + ":" + h.path)
                .containsExactlyInAnyOrder("packed-sub-hook:[pre-install]:Succeeded:packed/charts/sub/templates/hook.yaml",
                        "packed-inner-hook:[post-install]:Succeeded:packed/charts/sub/charts/inner/templates/hook.yaml");
        assertThat(data("packed-sub-hook", "hook")).isEqualTo("packed-sub-hook");
        assertThat(data("packed-inner-hook", "hook")).isEqualTo("packed-inner-hook");
    }

    @Test
    void createNamespaceCreatesTheTargetNamespaceOutsideTheRelease() throws Exception {
        String target = "created-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        HelmRelease missing = release("no-namespace");
        missing.getSpec().targetNamespace = target;
        fx.reconcile(missing, fx.chart("no-namespace", "1.0.0", Map.of("cm.yaml", configMap("nn-settings", "  a: b\n"))), Map.of());
        assertThat(condition(missing, "Released")).isEqualTo("False/InstallFailed");
        assertThat(message(missing, "Released")).contains(target);
        assertThat(fx.client.namespaces().withName(target).get()).isNull();

        HelmRelease created = release("with-namespace");
        created.getSpec().targetNamespace = target;
        created.getSpec().install = new HelmReleaseSpec.Install();
        created.getSpec().install.createNamespace = true;
        fx.reconcile(created, fx.chart("with-namespace", "1.0.0", Map.of("cm.yaml", configMap("wn-settings", "  a: b\n"))), Map.of());
        assertThat(condition(created, "Ready")).isEqualTo("True/InstallSucceeded");
        assertThat(fx.client.namespaces().withName(target).get().getMetadata().getLabels()).containsEntry("name", target);
        assertThat(fx.client.configMaps().inNamespace(target).withName("wn-settings").get()).isNotNull();
        assertThat(fx.storage(target + "-with-namespace").get(0).manifest()).doesNotContain("kind: Namespace");
    }

    @Test
    void waitsForWorkloadsAndNamesWhatIsNotReady() throws Exception {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ .Release.Name }}-app
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: {{ .Release.Name }}}}
                  template:
                    metadata: {labels: {app: {{ .Release.Name }}}}
                    spec:
                      containers: [{name: web, image: nginx}]
                """;
        HelmRelease web = release("web");
        fx.reconcile(web, fx.chart("web", "1.0.0", Map.of("deploy.yaml", deployment)), Map.of());
        assertThat(condition(web, "Ready")).isEqualTo("True/InstallSucceeded");
        var live = fx.client.apps().deployments().inNamespace(NS).withName("web-app").get();
        assertThat(live.getStatus().getAvailableReplicas()).isEqualTo(2);

        // Helm v3's checks under waitStrategy legacy: the new ReplicaSet's ready Pods, found through the API
        HelmRelease legacy = release("legacy");
        legacy.getSpec().waitStrategy = new HelmReleaseSpec.WaitStrategy();
        legacy.getSpec().waitStrategy.name = "legacy";
        fx.reconcile(legacy, fx.chart("legacy", "1.0.0", Map.of("deploy.yaml", deployment)), Map.of());
        assertThat(condition(legacy, "Ready")).isEqualTo("True/InstallSucceeded");
        assertThat(fx.client.apps().replicaSets().inNamespace(NS).withLabel("app", "legacy").list().getItems())
                .singleElement().satisfies(rs -> assertThat(rs.getStatus().getReadyReplicas()).isGreaterThanOrEqualTo(1));
        HelmRelease legacyStuck = release("legacy-stuck");
        legacyStuck.getSpec().waitStrategy = legacy.getSpec().waitStrategy;
        legacyStuck.getSpec().install = new HelmReleaseSpec.Install();
        legacyStuck.getSpec().install.timeout = "2s";
        fx.reconcile(legacyStuck, fx.chart("legacy-stuck", "1.0.0", Map.of("deploy.yaml", deployment)), Map.of());
        assertThat(message(legacyStuck, "Released")).contains("not ready: Deployment/lifecycle/legacy-stuck-app: Deployment is not ready: "
                + "0 out of 2 expected pods are ready");

        HelmRelease stuck = release("stuck");
        stuck.getSpec().install = new HelmReleaseSpec.Install();
        stuck.getSpec().install.timeout = "2s";
        fx.reconcile(stuck, fx.chart("stuck", "1.0.0", Map.of("deploy.yaml", deployment)), Map.of());
        assertThat(condition(stuck, "Released")).isEqualTo("False/InstallFailed");
        assertThat(message(stuck, "Released")).startsWith("Helm install failed for release lifecycle/stuck with chart stuck@1.0.0: "
                + "timed out waiting for the condition after 2s; not ready: Deployment/lifecycle/stuck-app: ");
        assertThat(fx.revisions("stuck")).singleElement().asString().startsWith("1:failed:Release \"stuck\" failed: timed out");
        assertThat(condition(stuck, "Stalled")).isEqualTo("True/RetriesExceeded");

        HelmRelease nowait = release("stuck-nowait");
        nowait.getSpec().install = new HelmReleaseSpec.Install();
        nowait.getSpec().install.disableWait = true;
        fx.reconcile(nowait, fx.chart("stuck-nowait", "1.0.0", Map.of("deploy.yaml", deployment)), Map.of());
        assertThat(condition(nowait, "Ready")).isEqualTo("True/InstallSucceeded");
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("bad-yaml", Map.of("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: [\n"), Map.of(),
                        "bad-yaml/templates/cm.yaml"),
                Arguments.of("bad-kind", Map.of("w.yaml", "apiVersion: nowhere.example.com/v1\nkind: Gizmo\nmetadata:\n  name: g\n"),
                        Map.of(), "no matches for kind \"Gizmo\" in version \"nowhere.example.com/v1\""),
                Arguments.of("bad-hook", Map.of("h.yaml", configMap("bad-hook-h", "  a: b\n").replace("  name: bad-hook-h\n",
                        "  name: bad-hook-h\n  annotations:\n    \"helm.sh/hook\": pre-instal\n")), Map.of(),
                        "bad-hook/templates/h.yaml: ConfigMap \"bad-hook-h\": annotation helm.sh/hook: unknown hook phase 'pre-instal'"),
                Arguments.of("bad-schema", Map.of("cm.yaml", configMap("bad-schema-cm", "  m: {{ .Values.message }}\n")),
                        Map.of("values.schema.json", "{\"type\": \"object\", \"properties\": {\"message\": {\"type\": \"integer\"}}}"),
                        "message"),
                Arguments.of("bad-owner", Map.of("cm.yaml", configMap("bad-owner-taken", "  a: b\n")), Map.of(),
                        "Unable to continue with install: ConfigMap \"bad-owner-taken\" in namespace \"lifecycle\" exists and cannot be "
                                + "imported into the current release: invalid ownership metadata; annotation validation error: key "
                                + "\"meta.helm.sh/release-name\" must equal \"bad-owner\": current value is \"someone-else\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAFailedRevisionThatNamesTheProblem(String name, Map<String, String> templates, Map<String, String> files,
            String expected) throws Exception {
        fx.client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("bad-owner-taken")
                .addToLabels("app.kubernetes.io/managed-by", "Helm").addToAnnotations("meta.helm.sh/release-name", "someone-else")
                .addToAnnotations("meta.helm.sh/release-namespace", NS).endMetadata().addToData("a", "theirs").build())
                .createOr(op -> op.update());
        HelmRelease hr = release(name);
        fx.reconcile(hr, fx.chart(name, "0.1.0", templates, files), Map.of());
        assertThat(condition(hr, "Released")).isEqualTo("False/InstallFailed");
        assertThat(message(hr, "Released")).contains(expected);
        assertThat(fx.revisions(name)).singleElement().asString().startsWith("1:failed:Release \"" + name + "\" failed: ")
                .contains(expected);
        assertThat(history(hr)).containsExactly("1:failed:install");
        assertThat(condition(hr, "Ready")).isEqualTo("False/RetriesExceeded");
        assertThat(data("bad-owner-taken", "a")).isEqualTo("theirs");
    }

    @Test
    void aFailedUpgradeLeavesTheDeployedRevisionAlone() throws Exception {
        HelmRelease hr = release("steady");
        fx.reconcile(hr, fx.chart("steady", "1.0.0", Map.of("cm.yaml", configMap("steady-cm", "  v: one\n"))), Map.of());
        LifecycleFixture.bump(hr);
        fx.reconcile(hr, fx.chart("steady", "1.1.0", Map.of("cm.yaml", configMap("steady-cm", "  v: two\n"),
                "w.yaml", "apiVersion: nowhere.example.com/v1\nkind: Gizmo\nmetadata:\n  name: g\n")), Map.of());
        assertThat(fx.revisions("steady")).containsExactly(
                "2:failed:Upgrade \"steady\" failed: steady/templates/w.yaml: resource mapping not found for name: \"g\": no matches "
                        + "for kind \"Gizmo\" in version \"nowhere.example.com/v1\"; ensure CRDs are installed first",
                "1:deployed:Install complete");
        assertThat(data("steady-cm", "v")).isEqualTo("one");
        assertThat(condition(hr, "Released")).isEqualTo("False/UpgradeFailed");
        assertThat(condition(hr, "Stalled")).isEqualTo("True/RetriesExceeded");
    }

    @Test
    void aReleaseLeftPendingIsUnlockedAndReleasedAgain() throws Exception {
        HelmRelease hr = release("crash");
        LoadedChart chart = fx.chart("crash", "1.0.0", Map.of("cm.yaml", configMap("crash-cm", "  m: {{ .Values.message }}\n")));
        fx.reconcile(hr, chart, Map.of("message", "one"));
        // the process stopped in the middle of an upgrade: the revision was written pending-upgrade, nothing after it
        HelmReleaseRecord v1 = fx.storage("crash").get(0);
        fx.kit.storage.save(NS, v1.asRevision(2, "pending-upgrade", "Preparing upgrade", v1.info().lastDeployed()));
        LifecycleFixture.bump(hr);
        fx.reconcile(hr, chart, Map.of("message", "two"));
        assertThat(fx.revisions("crash")).containsExactly("3:deployed:Upgrade complete",
                "2:failed:Release unlocked from stale 'pending-upgrade' state", "1:superseded:Install complete");
        assertThat(data("crash-cm", "m")).isEqualTo("two");
        assertThat(condition(hr, "Ready")).isEqualTo("True/UpgradeSucceeded");
    }

    @Test
    void uninstallRunsDeleteHooksAndRemovesObjectsAndHistory() throws Exception {
        for (boolean keepHistory : List.of(false, true)) {
            String name = keepHistory ? "kept" : "gone";
            HelmRelease hr = release(name);
            hr.getSpec().uninstall = new HelmReleaseSpec.Uninstall();
            hr.getSpec().uninstall.keepHistory = keepHistory;
            LoadedChart chart = fx.chart(name, "1.0.0", Map.of("cm.yaml", configMap(name + "-cm", "  a: b\n"),
                    "svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "-svc\nspec:\n  ports: [{port: 80}]\n",
                    "cleanup.yaml", job(name + "-cleanup", "pre-delete", "hook-succeeded")));
            fx.reconcile(hr, chart, Map.of());
            assertThat(data(name + "-cm", "a")).isEqualTo("b");
            ReleaseRequest req = new ReleaseRequest(hr, hr.getStatus(), null, Map.of(),
                    io.tributary.release.plan.ReleaseOptions.of(hr.getSpec(), false), name, NS, NS, null);
            new Uninstall(fx.kit).reconcile(req);
            assertThat(fx.client.configMaps().inNamespace(NS).withName(name + "-cm").get()).isNull();
            assertThat(fx.client.services().inNamespace(NS).withName(name + "-svc").get()).isNull();
            assertThat(fx.client.batch().v1().jobs().inNamespace(NS).withName(name + "-cleanup").get()).isNull();
            assertThat(condition(hr, "Released")).isEqualTo("False/UninstallSucceeded");
            if (keepHistory) {
                assertThat(fx.revisions(name)).containsExactly("1:uninstalled:Uninstallation complete");
                assertThat(fx.storage(name).get(0).hooks().get(0).lastRun.phase).isEqualTo("Succeeded");
            } else {
                assertThat(fx.revisions(name)).isEmpty();
            }
        }
    }

    @Test
    void chartCrdsAreCreatedBeforeTheObjectsThatNeedThem() throws Exception {
        String crd = LifecycleFixture.openCrd("lifecycle.tributary.io", "widgets", "widget", "Widget");
        HelmRelease hr = release("widgets");
        fx.reconcile(hr, fx.chart("widgets", "1.0.0", Map.of("w.yaml",
                "apiVersion: lifecycle.tributary.io/v1\nkind: Widget\nmetadata:\n  name: w1\nspec:\n  size: 3\n"),
                Map.of("crds/widgets.yaml", crd)), Map.of());
        assertThat(condition(hr, "Ready")).as(message(hr, "Released")).isEqualTo("True/InstallSucceeded");
        GenericKubernetesResource widget = fx.client.genericKubernetesResources("lifecycle.tributary.io/v1", "Widget")
                .inNamespace(NS).withName("w1").get();
        assertThat(widget.getMetadata().getAnnotations()).containsEntry("meta.helm.sh/release-name", "widgets");
        assertThat(widget.getMetadata().getManagedFields()).anySatisfy(f -> assertThat(f.getManager()).isEqualTo("helm-controller"));
        assertThat(fx.storage("widgets").get(0).manifest()).doesNotContain("CustomResourceDefinition");
    }

}
