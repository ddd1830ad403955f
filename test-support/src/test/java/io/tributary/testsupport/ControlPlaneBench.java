package io.tributary.testsupport;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Control plane benchmark (run with {@code -Pbench}; prints figures, asserts nothing): how long the binaries take
 * to be found or built, how long a start takes until the controller manager has created the default service
 * account, the resident memory of the three servers after 200 ConfigMaps, and how many error-level lines each
 * server logged meanwhile.
 */
class ControlPlaneBench {

    private static final int STARTS = Integer.getInteger("bench.starts", 3);
    private static final int OBJECTS = 200;

    @Test
    void startAndSize() throws Exception {
        long t0 = System.nanoTime();
        ControlPlaneBinaries binaries = ControlPlaneBinaries.ensure();
        System.out.printf("%nControl plane benchmark (Kubernetes %s, binaries in %s)%n", binaries.kubernetesVersion(), binaries.dir());
        System.out.printf("  binaries found or built: %d ms%n", millis(t0));
        for (int run = 1; run <= STARTS; run++) {
            long started = System.nanoTime();
            try (ControlPlane plane = ControlPlane.start()) {
                long startMs = millis(started);
                long written = System.nanoTime();
                var client = plane.client();
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("bench").endMetadata().build()).create();
                for (int i = 0; i < OBJECTS; i++) {
                    client.configMaps().inNamespace("bench").resource(new ConfigMapBuilder().withNewMetadata()
                            .withName("cm-" + i).endMetadata().addToData("k", "v".repeat(1024)).build()).create();
                }
                long writeMs = millis(written);
                Map<String, Long> rss = plane.residentKib();
                System.out.printf("  start %d: ready in %d ms; %d ConfigMaps created in %d ms; RSS MiB %s; error lines %s%n",
                        run, startMs, OBJECTS, writeMs, mib(rss), errorLines(plane));
                long closing = System.nanoTime();
                plane.close();
                System.out.printf("          stopped and cleaned in %d ms%n", millis(closing));
            }
        }
    }

    private static String mib(Map<String, Long> rss) {
        StringBuilder out = new StringBuilder();
        rss.forEach((name, kib) -> out.append(name).append('=').append(kib / 1024).append(' '));
        return out.toString().trim();
    }

    /** klog marks error lines with a leading E; etcd's zap logger writes "level":"error". */
    private static String errorLines(ControlPlane plane) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("etcd", "kube-apiserver", "kube-controller-manager")) {
            long errors = Files.readAllLines(plane.log(name)).stream()
                    .filter(line -> line.startsWith("E") || line.contains("\"level\":\"error\"")).count();
            out.append(name).append('=').append(errors).append(' ');
        }
        return out.toString().trim();
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
