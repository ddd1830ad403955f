package io.tributary.local;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.testsupport.ControlPlane;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The embedded control plane under the load of a mid-sized Flux installation: how long it takes to start (binaries
 * already built), the resident memory of etcd and kube-apiserver before and after 1000 GitRepositories, 1000
 * HelmCharts and 1000 HelmReleases exist, how long creating them takes, and how long {@code kubectl get
 * gitrepositories -A} takes over 1000 objects. Run with {@code -Pbench -Dtest=FluxLoadBench}; prints figures,
 * asserts nothing.
 */
class FluxLoadBench {

    private static final int PER_KIND = 1000;
    private static final int NAMESPACES = 10;
    private static final int KUBECTL_RUNS = 7;

    @Test
    void startMemoryAndListing() throws Exception {
        Path root = Path.of(System.getProperty("tributary.root", "..")).toAbsolutePath().normalize();
        ControlPlane.start().close(); // builds the binaries if needed, and warms the page cache, outside the timing
        long started = System.nanoTime();
        try (ControlPlane plane = ControlPlane.start()) {
            double startSeconds = seconds(started);
            KubernetesClient client = plane.client();
            System.out.printf("[bench] control plane start (etcd, kube-apiserver, kube-controller-manager ready): %.1f s%n", startSeconds);
            System.out.printf("[bench] RSS idle: %s%n", rss(plane));
            applyCrds(client, root);
            for (int n = 0; n < NAMESPACES; n++) {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("bench-" + n).endMetadata().build()).create();
            }
            System.out.printf("[bench] RSS with the CRDs applied: %s%n", rss(plane));
            long creating = System.nanoTime();
            create(client, "source.toolkit.fluxcd.io/v1", "GitRepository", i -> Map.of("interval", "10m",
                    "url", "https://git.example.com/team/repo-" + i + ".git", "ref", Map.of("branch", "main")));
            create(client, "source.toolkit.fluxcd.io/v1", "HelmChart", i -> Map.of("interval", "10m", "chart", "./charts/app",
                    "sourceRef", Map.of("kind", "GitRepository", "name", "object-" + i)));
            create(client, "helm.toolkit.fluxcd.io/v2", "HelmRelease", i -> Map.of("interval", "10m",
                    "chart", Map.of("spec", Map.of("chart", "./charts/app", "sourceRef", Map.of("kind", "GitRepository", "name", "object-" + i))),
                    "values", Map.of("replicas", 2, "image", Map.of("tag", "1.2." + i))));
            double createSeconds = seconds(creating);
            System.out.printf("[bench] created %d objects (8 client threads) in %.1f s: %.0f objects/s%n", 3 * PER_KIND, createSeconds,
                    3 * PER_KIND / createSeconds);
            System.out.printf("[bench] RSS with %d GitRepositories, HelmCharts and HelmReleases each: %s%n", PER_KIND, rss(plane));
            kubectl(plane.kubeconfig());
        }
    }

    private static void applyCrds(KubernetesClient client, Path root) throws IOException {
        var crds = client.apiextensions().v1().customResourceDefinitions();
        try (Stream<Path> files = Files.list(root.resolve("k8s/crds"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                CustomResourceDefinition crd = crds.load(file.toFile()).item();
                crds.resource(crd).create();
                crds.withName(crd.getMetadata().getName()).waitUntilCondition(c -> c.getStatus() != null
                        && c.getStatus().getConditions() != null && c.getStatus().getConditions().stream().anyMatch(x -> "Established".equals(x.getType())
                        && "True".equals(x.getStatus())), 60, TimeUnit.SECONDS);
            }
        }
    }

    private static void create(KubernetesClient client, String apiVersion, String kind,
            java.util.function.IntFunction<Map<String, Object>> spec) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < PER_KIND; i++) {
                int index = i;
                done.add(pool.submit(() -> {
                    GenericKubernetesResource object = new GenericKubernetesResource();
                    object.setApiVersion(apiVersion);
                    object.setKind(kind);
                    object.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("object-" + index)
                            .withNamespace("bench-" + index % NAMESPACES).build());
                    object.setAdditionalProperty("spec", spec.apply(index));
                    client.resource(object).create();
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void kubectl(Path kubeconfig) throws Exception {
        List<Double> runs = new ArrayList<>();
        int lines = 0;
        for (int run = 0; run < KUBECTL_RUNS; run++) {
            long started = System.nanoTime();
            Process process = new ProcessBuilder("kubectl", "--kubeconfig", kubeconfig.toString(), "get", "gitrepositories", "-A")
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            runs.add(seconds(started));
            lines = (int) out.lines().count();
        }
        List<Double> sorted = new ArrayList<>(runs);
        Collections.sort(sorted);
        System.out.printf("[bench] kubectl get gitrepositories -A (%d lines of output), %d runs: first %.2f s, median %.2f s, min %.2f s%n",
                lines, KUBECTL_RUNS, runs.get(0), sorted.get(KUBECTL_RUNS / 2), sorted.get(0));
    }

    private static String rss(ControlPlane plane) {
        Map<String, Long> rss = plane.residentKib();
        long etcd = rss.getOrDefault("etcd", -1L);
        long api = rss.getOrDefault("kube-apiserver", -1L);
        long cm = rss.getOrDefault("kube-controller-manager", -1L);
        return String.format("etcd %d MiB + kube-apiserver %d MiB = %d MiB (kube-controller-manager %d MiB)", etcd / 1024, api / 1024,
                (etcd + api) / 1024, cm / 1024);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
