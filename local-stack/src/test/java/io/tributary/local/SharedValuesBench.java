package io.tributary.local;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.source.HelmRepository;
import io.tributary.testsupport.HelmRepoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * One ConfigMap, labelled {@code reconcile.fluxcd.io/watch: Enabled}, gives its {@code greeting} to 100 HelmReleases
 * ({@code valuesFrom} with {@code targetPath}). Once all are installed, the ConfigMap changes; prints the time until all
 * 100 are upgraded (revision 2 deployed, Ready) and until every release's own ConfigMap shows the new value, p50/p99
 * per release, and release-service's CPU for the upgrades. Run with {@code -Pbench -Dtest=SharedValuesBench};
 * {@code -Dbench.shared-releases=N} changes the count. Prints figures, asserts nothing.
 */
class SharedValuesBench {

    private static final int RELEASES = Integer.getInteger("bench.shared-releases", 100);
    private static final String NS = "bench-shared";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @Test
    void aSharedConfigMapChangeUpgradesEveryReleaseThatReadsIt() throws Exception {
        Path root = Path.of(System.getProperty("tributary.root", "..")).toAbsolutePath().normalize();
        Path charts = Files.createTempDirectory("bench-shared-repo");
        try (HelmRepoServer repo = HelmRepoServer.start(charts);
                LocalStack stack = LocalStack.start(root, root.resolve("local-stack/target/shared-values-bench"), Ports.free(), Map.of())) {
            HelmReleaseLoadBench.publishChart(repo);
            stack.createNamespace(HelmReleaseLoadBench.REPO_NAMESPACE);
            stack.createNamespace(NS);
            HelmReleaseLoadBench.createRepository(stack, repo);
            stack.await("HelmRepository Ready", Duration.ofSeconds(60), () -> Conditions.isTrue(Optional.ofNullable(stack.client()
                    .resources(HelmRepository.class).inNamespace(HelmReleaseLoadBench.REPO_NAMESPACE).withName("charts").get())
                    .map(r -> r.getStatus()).map(s -> s.conditions).orElse(null), ConditionTypes.READY));
            stack.client().configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("shared")
                    .withLabels(Map.of("reconcile.fluxcd.io/watch", "Enabled")).endMetadata()
                    .withData(Map.of("greeting", "first")).build()).create();
            long installStarted = System.nanoTime();
            for (int i = 0; i < RELEASES; i++) {
                stack.client().resources(HelmRelease.class).inNamespace(NS).resource(release(i)).create();
            }
            stack.await(RELEASES + " releases at revision 1", TIMEOUT, () -> atRevision(stack, 1).size() >= RELEASES);
            System.out.printf("[bench] %d HelmReleases reading one ConfigMap installed in %.1f s%n", RELEASES,
                    (System.nanoTime() - installStarted) / 1e9);

            Map<String, long[]> cpuBefore = HelmReleaseLoadBench.cpu(stack);
            Map<String, Long> upgraded = new ConcurrentHashMap<>();
            Map<String, Long> rendered = new ConcurrentHashMap<>();
            long changed = System.nanoTime();
            stack.client().configMaps().inNamespace(NS).withName("shared").edit(cm -> {
                cm.getData().put("greeting", "second");
                return cm;
            });
            stack.await(RELEASES + " releases upgraded", TIMEOUT, () -> {
                long now = System.nanoTime();
                atRevision(stack, 2).forEach(name -> upgraded.putIfAbsent(name, now));
                for (ConfigMap cm : stack.client().configMaps().inNamespace(NS).list().getItems()) {
                    if (cm.getMetadata().getName().startsWith("app-") && "second".equals(cm.getData().get("greeting"))) {
                        rendered.putIfAbsent(cm.getMetadata().getName(), now);
                    }
                }
                return upgraded.size() >= RELEASES && rendered.size() >= RELEASES;
            });
            List<Double> perRelease = new ArrayList<>();
            upgraded.values().forEach(at -> perRelease.add((at - changed) / 1e9));
            Collections.sort(perRelease);
            System.out.printf("[bench] ConfigMap change -> all %d upgraded (revision 2 deployed, Ready): %.1f s (p50 %.1f s, p99 %.1f s);"
                    + " every release's object showing the new value after %.1f s%n", RELEASES, perRelease.get(perRelease.size() - 1),
                    HelmReleaseLoadBench.percentile(perRelease, 50), HelmReleaseLoadBench.percentile(perRelease, 99),
                    (Collections.max(rendered.values()) - changed) / 1e9);
            long[] before = cpuBefore.get("release-service");
            long[] after = HelmReleaseLoadBench.cpu(stack).get("release-service");
            System.out.printf("[bench] release-service during the upgrades: CPU %.1f s user + %.1f s system, peak RSS %d MiB%n",
                    (after[0] - before[0]) / 100.0, (after[1] - before[1]) / 100.0,
                    HelmReleaseLoadBench.procStatusKib(stack.pid("release-service"), "VmHWM") / 1024);
        }
    }

    /** The releases whose newest revision is {@code version}, deployed, and Ready at their generation. */
    private static List<String> atRevision(LocalStack stack, int version) {
        List<String> names = new ArrayList<>();
        for (HelmRelease r : stack.client().resources(HelmRelease.class).inNamespace(NS).list().getItems()) {
            HelmReleaseStatus s = r.getStatus();
            if (s != null && s.history != null && !s.history.isEmpty() && Long.valueOf(version).equals(s.history.get(0).version)
                    && "deployed".equals(s.history.get(0).status) && Conditions.isTrue(s.conditions, ConditionTypes.READY)) {
                names.add(r.getMetadata().getName());
            }
        }
        return names;
    }

    private static HelmRelease release(int index) {
        HelmRelease release = HelmReleaseLoadBench.release("app-" + index, NS);
        HelmReleaseSpec spec = release.getSpec();
        HelmReleaseSpec.ValuesReference shared = new HelmReleaseSpec.ValuesReference();
        shared.kind = "ConfigMap";
        shared.name = "shared";
        shared.valuesKey = "greeting";
        shared.targetPath = "greeting";
        spec.valuesFrom = List.of(shared);
        return release;
    }
}
