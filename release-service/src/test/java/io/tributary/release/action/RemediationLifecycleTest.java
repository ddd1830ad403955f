package io.tributary.release.action;

import static io.tributary.release.action.LifecycleFixture.NS;
import static io.tributary.release.action.LifecycleFixture.configMap;
import static io.tributary.release.action.LifecycleFixture.history;
import static io.tributary.release.action.LifecycleFixture.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.meta.Conditions;
import io.tributary.release.chart.LoadedChart;
import io.tributary.testsupport.Kubelet;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remediation, retries, tests that fail, reset and force requests, and a release that moves, end to end on a real
 * control plane. Pods whose name contains "broken" fail; test Pods and Jobs' Pods succeed.
 */
class RemediationLifecycleTest {

    private static final String GIZMO = "apiVersion: nowhere.example.com/v1\nkind: Gizmo\nmetadata:\n  name: g\n";

    @TempDir
    static Path dir;
    static LifecycleFixture fx;
    static Kubelet kubelet;

    @BeforeAll
    static void start() {
        fx = new LifecycleFixture(dir);
        Function<Pod, Kubelet.Outcome> defaults = Kubelet.defaults();
        kubelet = Kubelet.start(fx.client, NS, pod -> pod.getMetadata().getName().contains("broken") ? Kubelet.Outcome.FAIL
                : pod.getMetadata().getName().contains("test") ? Kubelet.Outcome.SUCCEED : defaults.apply(pod));
    }

    @AfterAll
    static void stop() {
        kubelet.close();
    }

    private static String condition(HelmRelease r, String type) {
        return Conditions.find(r.getStatus().conditions, type).map(c -> c.getStatus() + "/" + c.getReason()).orElse("absent");
    }

    private static String testPod(String name) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  annotations:
                    "helm.sh/hook": test
                    "helm.sh/hook-delete-policy": before-hook-creation
                spec:
                  restartPolicy: Never
                  containers: [{name: t, image: busybox}]
                """.formatted(name);
    }

    private static void request(HelmRelease hr, String annotation, String token) {
        Map<String, String> annotations = new HashMap<>(hr.getMetadata().getAnnotations() == null ? Map.of()
                : hr.getMetadata().getAnnotations());
        annotations.put("reconcile.fluxcd.io/requestedAt", token);
        annotations.put(annotation, token);
        hr.getMetadata().setAnnotations(annotations);
    }

    @Test
    void aFailedInstallIsUninstalledAndRetriedUntilTheRetriesRunOut() throws Exception {
        HelmRelease hr = release("retry");
        hr.getSpec().install = new HelmReleaseSpec.Install();
        hr.getSpec().install.remediation = new HelmReleaseSpec.Remediation();
        hr.getSpec().install.remediation.retries = 1;
        LoadedChart broken = fx.chart("retry", "1.0.0", Map.of("cm.yaml", configMap("retry-cm", "  a: b\n"), "g.yaml", GIZMO));

        fx.reconcile(hr, broken, Map.of());
        // install failed, remediated by uninstalling: storage is empty again, the ConfigMap applied before the failure gone
        assertThat(fx.revisions("retry")).isEmpty();
        assertThat(condition(hr, "Remediated")).isEqualTo("True/UninstallSucceeded");
        assertThat(condition(hr, "Ready")).isEqualTo("False/UninstallSucceeded");
        assertThat(condition(hr, "Reconciling")).isEqualTo("True/ProgressingWithRetry");
        assertThat(hr.getStatus().installFailures).isEqualTo(1L);
        assertThat(fx.client.configMaps().inNamespace(NS).withName("retry-cm").get()).isNull();

        fx.reconcile(hr, broken, Map.of());
        assertThat(fx.revisions("retry")).singleElement().asString().startsWith("1:failed:");
        assertThat(hr.getStatus().installFailures).isEqualTo(2L);
        assertThat(condition(hr, "Stalled")).isEqualTo("True/RetriesExceeded");

        // nothing changes while stalled
        fx.reconcile(hr, broken, Map.of());
        assertThat(fx.revisions("retry")).hasSize(1);

        // a reset request starts the counters again: with no failure counted, helm-controller upgrades the failed release
        request(hr, "reconcile.fluxcd.io/resetAt", "first");
        fx.reconcile(hr, broken, Map.of());
        assertThat(hr.getStatus().lastHandledResetAt).isEqualTo("first");
        assertThat(hr.getStatus().installFailures).isNull();
        assertThat(hr.getStatus().upgradeFailures).isEqualTo(1L);
        assertThat(fx.revisions("retry")).first().asString().startsWith("2:failed:Upgrade \"retry\" failed: ");
    }

    @Test
    void unlimitedRetriesNeverStall() throws Exception {
        HelmRelease hr = release("forever");
        hr.getSpec().install = new HelmReleaseSpec.Install();
        hr.getSpec().install.remediation = new HelmReleaseSpec.Remediation();
        hr.getSpec().install.remediation.retries = -1;
        LoadedChart broken = fx.chart("forever", "1.0.0", Map.of("g.yaml", GIZMO));
        for (int i = 1; i <= 3; i++) {
            fx.reconcile(hr, broken, Map.of());
            assertThat(hr.getStatus().installFailures).isEqualTo((long) i);
            assertThat(condition(hr, "Stalled")).isEqualTo("absent");
        }
    }

    @Test
    void anUpgradeRemediatedByUninstallIsInstalledAfresh() throws Exception {
        HelmRelease hr = release("fresh");
        hr.getSpec().upgrade = new HelmReleaseSpec.Upgrade();
        hr.getSpec().upgrade.remediation = new HelmReleaseSpec.Remediation();
        hr.getSpec().upgrade.remediation.retries = 1;
        hr.getSpec().upgrade.remediation.strategy = "uninstall";
        fx.reconcile(hr, fx.chart("fresh", "1.0.0", Map.of("cm.yaml", configMap("fresh-cm", "  v: one\n"))), Map.of());
        LifecycleFixture.bump(hr);
        fx.reconcile(hr, fx.chart("fresh", "2.0.0", Map.of("cm.yaml", configMap("fresh-cm", "  v: two\n"), "g.yaml", GIZMO)),
                Map.of());
        assertThat(condition(hr, "Remediated")).isEqualTo("True/UninstallSucceeded");
        assertThat(fx.revisions("fresh")).isEmpty();
        // the next reconcile installs the desired chart: a fixed one
        LifecycleFixture.bump(hr);
        fx.reconcile(hr, fx.chart("fresh", "2.0.1", Map.of("cm.yaml", configMap("fresh-cm", "  v: three\n"))), Map.of());
        assertThat(fx.revisions("fresh")).containsExactly("1:deployed:Install complete");
        assertThat(condition(hr, "Ready")).isEqualTo("True/InstallSucceeded");
        assertThat(fx.client.configMaps().inNamespace(NS).withName("fresh-cm").get().getData()).containsEntry("v", "three");
    }

    @Test
    void failedTestsAreRecordedAndRemediatedUnlessIgnored() throws Exception {
        HelmRelease hr = release("tested");
        hr.getSpec().test = new HelmReleaseSpec.Test();
        hr.getSpec().test.enable = true;
        HelmReleaseSpec.Test.Filter skip = new HelmReleaseSpec.Test.Filter();
        skip.name = "tested-skipped-test";
        skip.exclude = true;
        hr.getSpec().test.filters = List.of(skip);
        LoadedChart chart = fx.chart("tested", "1.0.0", Map.of("cm.yaml", configMap("tested-cm", "  a: b\n"),
                "t1.yaml", testPod("tested-broken-test"), "t2.yaml", testPod("tested-ok-test"), "t3.yaml", testPod("tested-skipped-test")));
        fx.reconcile(hr, chart, Map.of());
        assertThat(LifecycleFixture.testPhases(hr)).isEqualTo(Map.of("tested-broken-test", "Failed"));
        assertThat(condition(hr, "TestSuccess")).isEqualTo("False/TestFailed");
        // the failed test counts against the install, which has no retries left: the release stalls
        assertThat(hr.getStatus().installFailures).isEqualTo(1L);
        assertThat(condition(hr, "Stalled")).isEqualTo("True/RetriesExceeded");
        assertThat(condition(hr, "Ready")).isEqualTo("False/RetriesExceeded");
        assertThat(fx.client.pods().inNamespace(NS).withName("tested-skipped-test").get()).isNull();

        // failures ignored: the release is Ready on its release condition, the test result kept
        HelmRelease ignoring = release("ignoring");
        ignoring.getSpec().test = new HelmReleaseSpec.Test();
        ignoring.getSpec().test.enable = true;
        ignoring.getSpec().test.ignoreFailures = true;
        fx.reconcile(ignoring, fx.chart("ignoring", "1.0.0", Map.of("cm.yaml", configMap("ignoring-cm", "  a: b\n"),
                "t1.yaml", testPod("ignoring-broken-test"))), Map.of());
        assertThat(condition(ignoring, "TestSuccess")).isEqualTo("False/TestFailed");
        assertThat(condition(ignoring, "Ready")).isEqualTo("True/InstallSucceeded");
        assertThat(history(ignoring)).containsExactly("1:deployed:install");
    }

    @Test
    void aForceRequestUpgradesAnInSyncRelease() throws Exception {
        HelmRelease hr = release("forced");
        LoadedChart chart = fx.chart("forced", "1.0.0", Map.of("cm.yaml", configMap("forced-cm", "  a: b\n")));
        fx.reconcile(hr, chart, Map.of());
        fx.reconcile(hr, chart, Map.of());
        assertThat(fx.revisions("forced")).hasSize(1);
        request(hr, "reconcile.fluxcd.io/forceAt", "now");
        fx.reconcile(hr, chart, Map.of());
        assertThat(fx.revisions("forced")).first().isEqualTo("2:deployed:Upgrade complete");
        assertThat(hr.getStatus().lastHandledForceAt).isEqualTo("now");
        // handled once
        fx.reconcile(hr, chart, Map.of());
        assertThat(fx.revisions("forced")).hasSize(2);
    }

    @Test
    void aNewReleaseNameUninstallsTheOldReleaseFirst() throws Exception {
        HelmRelease hr = release("moving");
        LoadedChart chart = fx.chart("moving", "1.0.0", Map.of("cm.yaml", configMap("{{ .Release.Name }}-cm", "  a: b\n")));
        fx.reconcile(hr, chart, Map.of());
        assertThat(fx.client.configMaps().inNamespace(NS).withName("moving-cm").get()).isNotNull();
        LifecycleFixture.bump(hr);
        hr.getSpec().releaseName = "moved";
        fx.reconcile(hr, chart, Map.of());
        assertThat(fx.revisions("moving")).isEmpty();
        assertThat(fx.client.configMaps().inNamespace(NS).withName("moving-cm").get()).isNull();
        assertThat(hr.getStatus().history).isNull();
        fx.reconcile(hr, chart, Map.of());
        assertThat(fx.revisions("moved")).containsExactly("1:deployed:Install complete");
        assertThat(fx.client.configMaps().inNamespace(NS).withName("moved-cm").get()).isNotNull();
    }

    @Test
    void retryOnFailureRetriesAFailedUpgradeAfterTheIntervalAndNeverRemediates() throws Exception {
        HelmRelease hr = release("retrying");
        fx.reconcile(hr, fx.chart("retrying", "1.0.0", Map.of("cm.yaml", configMap("retrying-cm", "  v: one\n"))), Map.of());
        hr.getSpec().upgrade = new HelmReleaseSpec.Upgrade();
        hr.getSpec().upgrade.strategy = new HelmReleaseSpec.ActionStrategy();
        hr.getSpec().upgrade.strategy.name = "RetryOnFailure";
        hr.getSpec().upgrade.strategy.retryInterval = "3m";
        LifecycleFixture.bump(hr);
        LoadedChart broken = fx.chart("retrying", "1.1.0", Map.of("cm.yaml", configMap("retrying-cm", "  v: two\n"), "g.yaml", GIZMO));

        for (int attempt = 1; attempt <= 2; attempt++) {
            java.time.Duration requeue = fx.reconcile(hr, broken, Map.of());
            // each reconcile upgrades again, as a forced upgrade with no retries to count; nothing rolls back
            assertThat(requeue).isEqualTo(java.time.Duration.ofMinutes(3));
            assertThat(fx.revisions("retrying")).hasSize(1 + attempt).first().asString()
                    .startsWith((1 + attempt) + ":failed:Upgrade \"retrying\" failed: ");
            assertThat(condition(hr, "Reconciling")).isEqualTo("True/ProgressingWithRetry");
            assertThat(Conditions.find(hr.getStatus().conditions, "Reconciling").orElseThrow().getMessage())
                    .isEqualTo("retrying after 3m0s");
            assertThat(condition(hr, "Released")).isEqualTo("False/UpgradeFailed");
            assertThat(condition(hr, "Remediated")).isEqualTo("absent");
            assertThat(condition(hr, "Stalled")).isEqualTo("absent");
            assertThat(hr.getStatus().failures).isEqualTo((long) attempt);
        }
        // a kind the API server does not serve fails the upgrade before anything is applied
        assertThat(fx.client.configMaps().inNamespace(NS).withName("retrying-cm").get().getData()).containsEntry("v", "one");

        // a fixed chart upgrades, and the failures stop counting
        fx.reconcile(hr, fx.chart("retrying", "1.2.0", Map.of("cm.yaml", configMap("retrying-cm", "  v: three\n"))), Map.of());
        assertThat(fx.revisions("retrying")).first().isEqualTo("4:deployed:Upgrade complete");
        assertThat(condition(hr, "Ready")).isEqualTo("True/UpgradeSucceeded");
        assertThat(hr.getStatus().failures).isNull();
        assertThat(fx.client.configMaps().inNamespace(NS).withName("retrying-cm").get().getData()).containsEntry("v", "three");
    }

    @Test
    void maxHistoryPrunesTheOldestRevisionsButNeverTheLastDeployed() throws Exception {
        HelmRelease hr = release("pruned");
        hr.getSpec().maxHistory = 2;
        for (int v = 1; v <= 3; v++) {
            LifecycleFixture.bump(hr);
            fx.reconcile(hr, fx.chart("pruned", "1." + v + ".0", Map.of("cm.yaml", configMap("pruned-cm", "  v: \"" + v + "\"\n"))), Map.of());
        }
        assertThat(fx.revisions("pruned")).containsExactly("3:deployed:Upgrade complete", "2:superseded:Upgrade complete");

        // failed upgrades, retried without remediation: each new revision makes room, but the deployed 3 stays
        hr.getSpec().upgrade = new HelmReleaseSpec.Upgrade();
        hr.getSpec().upgrade.strategy = new HelmReleaseSpec.ActionStrategy();
        hr.getSpec().upgrade.strategy.name = "RetryOnFailure";
        LifecycleFixture.bump(hr);
        LoadedChart broken = fx.chart("pruned", "2.0.0", Map.of("cm.yaml", configMap("pruned-cm", "  v: broken\n"), "g.yaml", GIZMO));
        fx.reconcile(hr, broken, Map.of());
        assertThat(fx.revisions("pruned")).extracting(r -> r.substring(0, r.indexOf(':', 2))).containsExactly("4:failed", "3:deployed");
        fx.reconcile(hr, broken, Map.of());
        assertThat(fx.revisions("pruned")).extracting(r -> r.substring(0, r.indexOf(':', 2))).containsExactly("5:failed", "3:deployed");
    }
}
