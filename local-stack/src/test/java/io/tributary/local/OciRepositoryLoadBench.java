package io.tributary.local;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.meta.LocalObjectReference;
import io.tributary.api.source.OCIRepository;
import io.tributary.api.source.OCIRepositoryRef;
import io.tributary.api.source.OCIRepositorySpec;
import io.tributary.testsupport.HelmRepoServer;
import io.tributary.testsupport.OciRegistry;
import io.tributary.testsupport.SharedServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * 1000 OCIRepositories on the local stack, each its own small artifact (a tar.gz of two files) in one loopback registry
 * (docker-registry, HTTPS with htpasswd, credentials from a dockerconfigjson Secret): the time from the first create
 * to all Ready, per-object p50/p99, and the peak RSS and CPU of fetcher-service and artifact-service. The artifacts
 * are pushed before the clock starts. Flux 2.8 reports 1m25s and 67 MiB for 1000 OCIRepositories on 16 cores.
 *
 * <p>Run with {@code -Pbench -Dtest=OciRepositoryLoadBench}; {@code -Dbench.repositories=N} changes the count. Prints
 * figures, asserts nothing.
 */
class OciRepositoryLoadBench {

    private static final int REPOSITORIES = Integer.getInteger("bench.repositories", 1000);
    private static final int NAMESPACES = 10;
    private static final int THREADS = 8;
    private static final List<String> SERVICES = List.of("fetcher-service", "artifact-service");

    private final Map<String, Long> created = new ConcurrentHashMap<>();
    private final Map<String, Long> ready = new ConcurrentHashMap<>();

    @Test
    void thousandOciRepositories() throws Exception {
        Path root = Path.of(System.getProperty("tributary.root", "..")).toAbsolutePath().normalize();
        OciRegistry registry = SharedServers.ociRegistry();
        long pushing = System.nanoTime();
        parallel(REPOSITORIES, i -> registry.pushArtifact("bench/app-" + i, "v1", new OciRegistry.Blob(
                "application/vnd.cncf.flux.config.v1+json", "{}".getBytes(StandardCharsets.UTF_8)), List.of(new OciRegistry.Blob(
                "application/vnd.cncf.flux.content.v1.tar+gzip", HelmRepoServer.tgz(Map.of(
                        "deploy/app.yaml", ("kind: ConfigMap\nname: app-" + i + "\n").getBytes(StandardCharsets.UTF_8),
                        "README.md", "bench".getBytes(StandardCharsets.UTF_8)))))));
        System.out.printf("[bench] pushed %d artifacts in %.1f s (not timed below)%n", REPOSITORIES, (System.nanoTime() - pushing) / 1e9);
        try (LocalStack stack = LocalStack.start(root, root.resolve("local-stack/target/oci-bench"), Ports.free(), Map.of())) {
            for (int n = 0; n < NAMESPACES; n++) {
                String ns = "bench-" + n;
                stack.createNamespace(ns);
                stack.client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("registry-auth").endMetadata()
                        .withType("kubernetes.io/dockerconfigjson").withStringData(Map.of(".dockerconfigjson",
                                registry.dockerConfigJson(OciRegistry.USER, registry.password()))).build()).create();
                stack.client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("registry-ca").endMetadata()
                        .withStringData(Map.of("ca.crt", registry.pki().caPem())).build()).create();
            }
            Map<String, long[]> cpuBefore = cpu(stack);
            try (SharedIndexInformer<OCIRepository> informer = stack.client().resources(OCIRepository.class).inAnyNamespace()
                    .inform(handler())) {
                long started = System.nanoTime();
                parallel(REPOSITORIES, i -> {
                    OCIRepository repo = repository(registry, i);
                    stack.client().resources(OCIRepository.class).inNamespace(repo.getMetadata().getNamespace()).resource(repo).create();
                    created.put(repo.getMetadata().getNamespace() + "/" + repo.getMetadata().getName(), System.nanoTime());
                });
                System.out.printf("[bench] created %d OCIRepositories in %.1f s%n", REPOSITORIES, (System.nanoTime() - started) / 1e9);
                long[] lastPrint = {System.nanoTime()};
                stack.await(REPOSITORIES + " OCIRepositories Ready", Duration.ofMinutes(15), () -> {
                    if (System.nanoTime() - lastPrint[0] > 10_000_000_000L) {
                        lastPrint[0] = System.nanoTime();
                        System.out.printf("[bench]   t=%.0f s: %d Ready%n", (System.nanoTime() - started) / 1e9, ready.size());
                    }
                    return ready.size() >= REPOSITORIES;
                });
                System.out.printf("[bench] all %d OCIRepositories Ready after %.1f s (from the first create)%n", REPOSITORIES,
                        (Collections.max(ready.values()) - started) / 1e9);
                List<Double> each = new ArrayList<>();
                created.forEach((key, at) -> each.add((ready.get(key) - at) / 1e9));
                Collections.sort(each);
                System.out.printf("[bench] per object, create returned -> watch saw Ready=True: p50 %.1f s, p99 %.1f s%n",
                        HelmReleaseLoadBench.percentile(each, 50), HelmReleaseLoadBench.percentile(each, 99));
                Map<String, long[]> cpuAfter = cpu(stack);
                for (String service : SERVICES) {
                    long pid = stack.pid(service);
                    System.out.printf("[bench] %s: peak RSS (VmHWM) %d MiB, RSS now %d MiB, CPU during the run %.1f s user + %.1f s system%n",
                            service, HelmReleaseLoadBench.procStatusKib(pid, "VmHWM") / 1024,
                            HelmReleaseLoadBench.procStatusKib(pid, "VmRSS") / 1024,
                            (cpuAfter.get(service)[0] - cpuBefore.get(service)[0]) / 100.0,
                            (cpuAfter.get(service)[1] - cpuBefore.get(service)[1]) / 100.0);
                }
            }
        }
    }

    private static OCIRepository repository(OciRegistry registry, int i) {
        OCIRepository repo = new OCIRepository();
        repo.setMetadata(new ObjectMetaBuilder().withName("app-" + i).withNamespace("bench-" + i % NAMESPACES).build());
        OCIRepositorySpec spec = new OCIRepositorySpec();
        spec.url = registry.url("bench/app-" + i);
        spec.interval = "1h";
        spec.ref = new OCIRepositoryRef();
        spec.ref.tag = "v1";
        spec.secretRef = new LocalObjectReference("registry-auth");
        spec.certSecretRef = new LocalObjectReference("registry-ca");
        repo.setSpec(spec);
        return repo;
    }

    private ResourceEventHandler<OCIRepository> handler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(OCIRepository obj) {
                seen(obj);
            }

            @Override
            public void onUpdate(OCIRepository oldObj, OCIRepository newObj) {
                seen(newObj);
            }

            @Override
            public void onDelete(OCIRepository obj, boolean deletedFinalStateUnknown) {
            }

            private void seen(OCIRepository obj) {
                if (obj.getStatus() != null && Conditions.isTrue(obj.getStatus().conditions, ConditionTypes.READY)) {
                    ready.putIfAbsent(obj.getMetadata().getNamespace() + "/" + obj.getMetadata().getName(), System.nanoTime());
                }
            }
        };
    }

    private static Map<String, long[]> cpu(LocalStack stack) throws Exception {
        Map<String, long[]> cpu = new java.util.LinkedHashMap<>();
        for (String service : SERVICES) {
            String stat = java.nio.file.Files.readString(Path.of("/proc/" + stack.pid(service) + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            cpu.put(service, new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])});
        }
        return cpu;
    }

    interface Step {
        void run(int i) throws Exception;
    }

    private static void parallel(int count, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                done.add(pool.submit(() -> {
                    step.run(index);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
