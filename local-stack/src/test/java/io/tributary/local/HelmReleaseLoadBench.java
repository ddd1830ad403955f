package io.tributary.local;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.source.HelmChart;
import io.tributary.api.source.HelmRepository;
import io.tributary.api.source.HelmRepositorySpec;
import io.tributary.testsupport.HelmRepoServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * 1000 HelmReleases on the local stack: one HelmRepository serving a chart of three objects (ConfigMap, headless
 * Service, ServiceAccount; headless because the control plane's service range has fewer than 1000 addresses), 1000 HelmReleases over 10 namespaces with {@code install.disableWait} and
 * {@code upgrade.disableWait} (nothing runs workloads here), each with its own values. Prints the time from the first
 * create to all HelmCharts and all HelmReleases Ready, the per-release time to Ready (p50/p99), release-service's peak
 * RSS and heap, the CPU each service used, and release-service's own reconcile timings from {@code /q/metrics}.
 *
 * <p>Run with {@code -Pbench -Dtest=HelmReleaseLoadBench}; {@code -Dbench.releases=N} changes the count,
 * {@code -Dbench.release-service.jvm="-Xmx200m -XX:+UseSerialGC"} passes JVM flags to release-service (after the
 * stack's own, so they win), {@code bench.fetcher-service.jvm} and {@code bench.artifact-service.jvm} to those.
 * release-service's peak RSS came closest to 300 MiB with
 * {@code -XX:+UseSerialGC -Xms32m -Xmx112m -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -Xss512k}: heap used
 * stays under 80 MiB, and the Helm library's shared object alone maps about 50 MiB. Prints figures, asserts nothing.
 */
class HelmReleaseLoadBench {

    private static final int RELEASES = Integer.getInteger("bench.releases", 1000);
    private static final int NAMESPACES = 10;
    static final String REPO_NAMESPACE = "bench-charts";
    private static final int CREATE_THREADS = 8;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(20);
    private static final List<String> SERVICES = List.of("release-service", "fetcher-service", "artifact-service");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** When each HelmRelease's create call returned, and when the watch first saw it Ready=True. */
    private final Map<String, Long> created = new ConcurrentHashMap<>();
    private final Map<String, Long> releaseReady = new ConcurrentHashMap<>();
    private final Map<String, Long> chartReady = new ConcurrentHashMap<>();
    /** The most heap release-service reported in use, and committed, while the releases were reconciled. */
    private long peakHeapUsed;
    private long peakHeapCommitted;

    @Test
    void thousandReleases() throws Exception {
        Path root = Path.of(System.getProperty("tributary.root", "..")).toAbsolutePath().normalize();
        Map<String, List<String>> args = new LinkedHashMap<>();
        for (String service : SERVICES) {
            String jvm = System.getProperty("bench." + service + ".jvm", "").trim();
            args.put(service, jvm.isEmpty() ? List.of() : Arrays.asList(jvm.split("\\s+")));
        }
        System.out.printf("[bench] %d HelmReleases; extra JVM flags: %s%n", RELEASES, args);
        Path charts = Files.createTempDirectory("bench-helm-repo");
        try (HelmRepoServer repo = HelmRepoServer.start(charts);
                LocalStack stack = LocalStack.start(root, root.resolve("local-stack/target/helm-release-bench"), Ports.free(), args)) {
            stack.watch(System.out);
            publishChart(repo);
            stack.createNamespace(REPO_NAMESPACE);
            for (int n = 0; n < NAMESPACES; n++) {
                stack.createNamespace("bench-" + n);
            }
            createRepository(stack, repo);
            stack.await("HelmRepository Ready", Duration.ofSeconds(60), () -> Conditions.isTrue(Optional.ofNullable(stack.client()
                    .resources(HelmRepository.class).inNamespace(REPO_NAMESPACE).withName("charts").get()).map(r -> r.getStatus())
                    .map(s -> s.conditions).orElse(null), ConditionTypes.READY));
            Map<String, long[]> cpuBefore = cpu(stack);
            Map<String, Long> requestsBefore = apiRequests(stack);
            try (SharedIndexInformer<HelmRelease> releases = stack.client().resources(HelmRelease.class).inAnyNamespace()
                    .inform(handler(releaseReady, r -> r.getStatus() == null ? null : r.getStatus().conditions));
                    SharedIndexInformer<HelmChart> helmCharts = stack.client().resources(HelmChart.class).inNamespace(REPO_NAMESPACE)
                            .inform(handler(chartReady, c -> c.getStatus() == null ? null : c.getStatus().conditions))) {
                long started = System.nanoTime();
                double createSeconds = createReleases(stack);
                System.out.printf("[bench] created %d HelmReleases (%d client threads) in %.1f s%n", RELEASES, CREATE_THREADS, createSeconds);
                awaitAllReady(stack, started);
                double allReady = (System.nanoTime() - started) / 1e9;
                report(stack, started, allReady, cpuBefore);
                printRequests(requestsBefore, apiRequests(stack));
            }
        }
    }

    /** A chart of three objects, named after the release, one value in the ConfigMap. */
    static void publishChart(HelmRepoServer repo) throws IOException {
        byte[] chart = HelmRepoServer.chart("bench", "1.0.0", Map.of(
                "values.yaml", "greeting: hello\n",
                "templates/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n"
                        + "data:\n  greeting: {{ .Values.greeting | quote }}\n",
                "templates/service.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n"
                        + "spec:\n  clusterIP: None\n  selector:\n    app: {{ .Release.Name }}\n  ports:\n    - port: 80\n      targetPort: 8080\n",
                "templates/serviceaccount.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ .Release.Name }}\n"));
        repo.put("bench-1.0.0.tgz", chart);
        repo.put("index.yaml", ("apiVersion: v1\ngenerated: \"2026-12-01T00:00:00Z\"\nentries:\n  bench:\n"
                + "    - name: bench\n      version: 1.0.0\n      digest: " + HelmRepoServer.digest(chart) + "\n"
                + "      urls: [bench-1.0.0.tgz]\n").getBytes(StandardCharsets.UTF_8));
    }

    static void createRepository(LocalStack stack, HelmRepoServer server) {
        HelmRepository repo = new HelmRepository();
        repo.setMetadata(new ObjectMetaBuilder().withName("charts").withNamespace(REPO_NAMESPACE).build());
        HelmRepositorySpec spec = new HelmRepositorySpec();
        spec.url = server.url();
        spec.interval = "1h";
        repo.setSpec(spec);
        stack.client().resources(HelmRepository.class).inNamespace(REPO_NAMESPACE).resource(repo).create();
    }

    private double createReleases(LocalStack stack) throws Exception {
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(CREATE_THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < RELEASES; i++) {
                int index = i;
                done.add(pool.submit(() -> {
                    HelmRelease release = release(index);
                    stack.client().resources(HelmRelease.class).inNamespace(release.getMetadata().getNamespace()).resource(release).create();
                    created.put(key(release.getMetadata().getNamespace(), release.getMetadata().getName()), System.nanoTime());
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static HelmRelease release(int index) {
        HelmRelease release = release("app-" + index, "bench-" + index % NAMESPACES);
        release.getSpec().values = Map.of("greeting", "hello-" + index);
        return release;
    }

    /** A HelmRelease of the bench chart from the bench repository, installed and upgraded without waiting. */
    static HelmRelease release(String name, String namespace) {
        HelmRelease release = new HelmRelease();
        release.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        HelmReleaseSpec spec = new HelmReleaseSpec();
        spec.interval = "1h";
        spec.chart = new HelmReleaseSpec.HelmChartTemplate();
        spec.chart.spec = new HelmReleaseSpec.HelmChartTemplateSpec();
        spec.chart.spec.chart = "bench";
        spec.chart.spec.version = "1.0.0";
        spec.chart.spec.sourceRef = new HelmReleaseSpec.CrossNamespaceObjectReference();
        spec.chart.spec.sourceRef.kind = "HelmRepository";
        spec.chart.spec.sourceRef.name = "charts";
        spec.chart.spec.sourceRef.namespace = REPO_NAMESPACE;
        spec.install = new HelmReleaseSpec.Install();
        spec.install.disableWait = true;
        spec.upgrade = new HelmReleaseSpec.Upgrade();
        spec.upgrade.disableWait = true;
        release.setSpec(spec);
        return release;
    }

    private void awaitAllReady(LocalStack stack, long started) {
        long[] lastPrint = {System.nanoTime()};
        long[] lastSample = {0};
        stack.await(RELEASES + " HelmReleases Ready", READY_TIMEOUT, () -> {
            if (System.nanoTime() - lastSample[0] > 1_000_000_000L) {
                lastSample[0] = System.nanoTime();
                sampleHeap(stack);
            }
            if (System.nanoTime() - lastPrint[0] > 10_000_000_000L) {
                lastPrint[0] = System.nanoTime();
                System.out.printf("[bench]   t=%.0f s: %d HelmCharts, %d HelmReleases Ready; release-service RSS %d MiB%n",
                        (System.nanoTime() - started) / 1e9, chartReady.size(), releaseReady.size(),
                        procStatusKib(stack.pid("release-service"), "VmRSS") / 1024);
            }
            return releaseReady.size() >= RELEASES;
        });
    }

    private void report(LocalStack stack, long started, double allReadySeconds, Map<String, long[]> cpuBefore) throws Exception {
        System.out.printf("[bench] all %d HelmCharts Ready after %.1f s (from the first create)%n", RELEASES,
                (Collections.max(chartReady.values()) - started) / 1e9);
        System.out.printf("[bench] all %d HelmReleases Ready after %.1f s (from the first create)%n", RELEASES, allReadySeconds);
        List<Double> perRelease = new ArrayList<>();
        created.forEach((key, at) -> perRelease.add((releaseReady.get(key) - at) / 1e9));
        Collections.sort(perRelease);
        System.out.printf("[bench] per release, create returned -> watch saw Ready=True: p50 %.1f s, p99 %.1f s, max %.1f s%n",
                percentile(perRelease, 50), percentile(perRelease, 99), perRelease.get(perRelease.size() - 1));
        List<Double> stamped = new ArrayList<>();
        for (HelmRelease r : stack.client().resources(HelmRelease.class).inAnyNamespace().list().getItems()) {
            Optional<Condition> ready = Conditions.find(r.getStatus().conditions, ConditionTypes.READY);
            if (ready.isPresent() && r.getMetadata().getNamespace().startsWith("bench-")) {
                stamped.add((double) Duration.between(Instant.parse(r.getMetadata().getCreationTimestamp()),
                        Instant.parse(ready.get().getLastTransitionTime())).toSeconds());
            }
        }
        Collections.sort(stamped);
        System.out.printf("[bench] per release, creationTimestamp -> Ready lastTransitionTime (1 s resolution): p50 %.0f s, p99 %.0f s%n",
                percentile(stamped, 50), percentile(stamped, 99));
        Map<String, long[]> cpuAfter = cpu(stack);
        for (String service : SERVICES) {
            long pid = stack.pid(service);
            long[] before = cpuBefore.get(service);
            long[] after = cpuAfter.get(service);
            System.out.printf("[bench] %s: peak RSS (VmHWM) %d MiB, RSS now %d MiB, CPU during the run %.1f s user + %.1f s system%n",
                    service, procStatusKib(pid, "VmHWM") / 1024, procStatusKib(pid, "VmRSS") / 1024,
                    (after[0] - before[0]) / 100.0, (after[1] - before[1]) / 100.0);
        }
        long[] heap = heap(stack);
        System.out.printf("[bench] release-service heap (/q/metrics, sampled every second): peak used %d MiB, peak committed %d MiB;"
                + " now used %d MiB, committed %d MiB%n", peakHeapUsed >> 20, peakHeapCommitted >> 20, heap[0] >> 20, heap[1] >> 20);
        releaseMetrics(stack);
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> ResourceEventHandler<T> handler(Map<String, Long> ready,
            Function<T, List<Condition>> conditions) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                seen(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                seen(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            }

            private void seen(T obj) {
                if (obj.getMetadata().getNamespace().startsWith("bench-") && Conditions.isTrue(conditions.apply(obj), ConditionTypes.READY)) {
                    ready.putIfAbsent(key(obj.getMetadata().getNamespace(), obj.getMetadata().getName()), System.nanoTime());
                }
            }
        };
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** utime and stime, in clock ticks, of each service. */
    static Map<String, long[]> cpu(LocalStack stack) throws IOException {
        Map<String, long[]> cpu = new LinkedHashMap<>();
        for (String service : SERVICES) {
            String stat = Files.readString(Path.of("/proc/" + stack.pid(service) + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            cpu.put(service, new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])});
        }
        return cpu;
    }

    static long procStatusKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** kube-apiserver's request counts by verb, resource and code ({@code apiserver_request_total}). */
    private static Map<String, Long> apiRequests(LocalStack stack) {
        Map<String, Long> counts = new LinkedHashMap<>();
        String metrics = stack.client().raw("/metrics");
        for (String line : metrics == null ? List.<String>of() : metrics.lines().toList()) {
            if (line.startsWith("apiserver_request_total{")) {
                String key = label(line, "verb") + " " + label(line, "resource") + (label(line, "subresource").isEmpty() ? ""
                        : "/" + label(line, "subresource")) + " " + label(line, "code");
                counts.merge(key, (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Long::sum);
            }
        }
        return counts;
    }

    private static String label(String line, String name) {
        int at = line.indexOf(name + "=\"");
        return at < 0 ? "" : line.substring(at + name.length() + 2, line.indexOf('"', at + name.length() + 2));
    }

    private static void printRequests(Map<String, Long> before, Map<String, Long> after) {
        List<Map.Entry<String, Long>> diff = new ArrayList<>();
        after.forEach((key, count) -> diff.add(Map.entry(key, count - before.getOrDefault(key, 0L))));
        diff.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        System.out.printf("[bench] kube-apiserver requests during the run: %d in all; the most frequent:%n",
                diff.stream().mapToLong(Map.Entry::getValue).sum());
        diff.stream().filter(e -> !e.getKey().contains(" leases ")).limit(16)
                .forEach(e -> System.out.printf("[bench]   %6d %s%n", e.getValue(), e.getKey()));
    }

    private void sampleHeap(LocalStack stack) {
        long[] heap = heap(stack);
        peakHeapUsed = Math.max(peakHeapUsed, heap[0]);
        peakHeapCommitted = Math.max(peakHeapCommitted, heap[1]);
    }

    /**
     * Heap used and committed, in bytes, from the JVM figures release-service exposes on {@code /q/metrics}: {@code jcmd}
     * cannot attach to it, as the Go runtime of the Helm library takes the SIGQUIT that attaching sends.
     */
    private static long[] heap(LocalStack stack) {
        long used = 0;
        long committed = 0;
        for (String line : metrics(stack).lines().toList()) {
            if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
                used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith("jvm_memory_committed_bytes{area=\"heap\"")) {
                committed += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return new long[] {used, committed};
    }

    private static String metrics(LocalStack stack) {
        try {
            return HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.ports().release()
                    + "/q/metrics")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString())
                    .get(10, java.util.concurrent.TimeUnit.SECONDS).body();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The operator SDK's reconcile timings and the JVM's GC figures, as release-service exposes them on {@code /q/metrics}. */
    private static void releaseMetrics(LocalStack stack) {
        metrics(stack).lines().filter(l -> !l.startsWith("#") && (l.contains("reconcil") && (l.contains("_sum") || l.contains("_count")
                || l.contains("_max") || l.contains("quantile")) || l.startsWith("jvm_gc_pause_seconds_sum")
                || l.startsWith("jvm_gc_pause_seconds_count")))
                .forEach(l -> System.out.println("[bench]   metric " + l));
    }
}
