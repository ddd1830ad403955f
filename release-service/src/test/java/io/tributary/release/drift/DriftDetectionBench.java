package io.tributary.release.drift;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.release.apply.ClusterObjects;
import io.tributary.release.chart.ManifestDocuments;
import io.tributary.release.chart.RenderedDocument;
import io.tributary.testsupport.SharedServers;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One drift-detection pass over many releases in sync that share one chart (run with {@code -Pbench}; prints figures,
 * asserts nothing): N releases of 3 objects (ConfigMap, Service, Deployment) applied on the real control plane, then
 * every release's manifest compared with the cluster ({@link ClusterDiff}: a GET and a dry-run server-side apply an
 * object). Services are headless: the test control plane's service IP range holds a few hundred. Reports wall time, this JVM's CPU time and the bytes allocated by all its threads, for a warm-up pass and a
 * measured one. The Helm storage read of the latest release (one Secret GET a release) is not part of the pass, nor
 * is the API server's own CPU.
 */
class DriftDetectionBench {

    private static final int RELEASES = Integer.getInteger("bench.releases", 1000);

    static String manifest(String name) {
        return """
                ---
                # Source: app/templates/cm.yaml
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %1$s-settings
                data:
                  message: hello
                  level: info
                ---
                # Source: app/templates/service.yaml
                apiVersion: v1
                kind: Service
                metadata:
                  name: %1$s
                spec:
                  clusterIP: None
                  selector: {app: %1$s}
                  ports: [{name: http, port: 80, targetPort: 8080}]
                ---
                # Source: app/templates/deployment.yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: %1$s}
                  template:
                    metadata:
                      labels: {app: %1$s}
                    spec:
                      containers:
                        - name: main
                          image: ghcr.io/stefanprodan/podinfo:6.0.3
                          ports: [{containerPort: 8080}]
                          resources: {requests: {cpu: 10m, memory: 16Mi}}
                """.formatted(name);
    }

    @Test
    void onePass() throws Exception {
        KubernetesClient client = SharedServers.controlPlane().client();
        String ns = "drift-bench-" + UUID.randomUUID().toString().substring(0, 6);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        ClusterObjects objects = new ClusterObjects(client);
        try {
            run(client, objects, ns);
        } finally {
            client.namespaces().withName(ns).delete();
        }
    }

    private static void run(KubernetesClient client, ClusterObjects objects, String ns) throws Exception {
        List<String> manifests = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < RELEASES; i++) {
            String name = "app-" + i;
            String manifest = manifest(name);
            manifests.add(manifest);
            for (RenderedDocument d : ManifestDocuments.split(manifest)) {
                ClusterObjects.Located l = objects.locate(ClusterDiff.withHelmMetadata(d.object(), name, ns), ns);
                objects.resource(l).fieldManager("helm-controller").forceConflicts().serverSideApply();
            }
        }
        System.out.printf("drift bench: %d releases x 3 objects applied in %.1f s%n", RELEASES, (System.nanoTime() - start) / 1e9);
        ClusterDiff diff = new ClusterDiff(objects);
        pass("warm-up", diff, manifests, ns);
        pass("measured", diff, manifests, ns);
    }

    private static void pass(String label, ClusterDiff diff, List<String> manifests, String ns) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.gc();
        long heapBefore = usedHeap();
        long allocBefore = allocated(threads);
        long cpuBefore = os.getProcessCpuTime();
        long threadCpuBefore = threads.getCurrentThreadCpuTime();
        long threadAllocBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        int drifted = 0;
        int errors = 0;
        for (int i = 0; i < manifests.size(); i++) {
            ClusterDiff.Result r = diff.diff(manifests.get(i), "app-" + i, ns, IgnoreRules.NONE);
            drifted += r.set().hasChanges() ? 1 : 0;
            errors += r.errors().size();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
        double threadCpu = (threads.getCurrentThreadCpuTime() - threadCpuBefore) / 1e9;
        double alloc = (allocated(threads) - allocBefore) / 1e6;
        double threadAlloc = (threads.getCurrentThreadAllocatedBytes() - threadAllocBefore) / 1e6;
        long heapAfter = usedHeap();
        int n = manifests.size();
        System.out.printf("drift bench %s pass: %d releases (%d objects), drifted %d, errors %d%n", label, n, 3 * n, drifted, errors);
        System.out.printf("  wall %.2f s (%.2f ms/release), JVM CPU %.2f s (%.2f ms/release; calling thread %.2f s)%n",
                wall, wall * 1e3 / n, cpu, cpu * 1e3 / n, threadCpu);
        System.out.printf("  allocated: calling thread %.1f MB (%.1f KB/release); live threads %.1f MB (threads that come and go"
                + " make this rough); heap used before %.1f MB, after %.1f MB%n",
                threadAlloc, threadAlloc * 1e3 / n, alloc, heapBefore / 1e6, heapAfter / 1e6);
    }

    private static long allocated(com.sun.management.ThreadMXBean threads) {
        long total = 0;
        for (long id : threads.getAllThreadIds()) {
            long bytes = threads.getThreadAllocatedBytes(id);
            total += Math.max(0, bytes);
        }
        return total;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
