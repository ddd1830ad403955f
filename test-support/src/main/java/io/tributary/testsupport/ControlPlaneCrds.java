package io.tributary.testsupport;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Installs the project's CRDs ({@code k8s/crds}) on a real API server and waits until each is Established and its
 * schema is published in the server's OpenAPI v3 document (which {@code kubectl explain} reads; the server builds it
 * a moment after Established).
 */
public final class ControlPlaneCrds {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private ControlPlaneCrds() {
    }

    /** Server-side applies every CRD of {@link #directory()}; returns their names once all are Established. */
    public static List<String> install(KubernetesClient client) {
        List<CustomResourceDefinition> crds = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Path file : files()) {
            try (InputStream in = Files.newInputStream(file)) {
                CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
                client.resource(crd).fieldManager("tributary-tests").forceConflicts().serverSideApply();
                names.add(crd.getMetadata().getName());
                crds.add(crd);
            } catch (KubernetesClientException e) {
                refused.add(file.getFileName() + ": " + (e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        if (!refused.isEmpty()) {
            throw new IllegalStateException("CRDs refused by kube-apiserver: " + refused);
        }
        for (CustomResourceDefinition crd : crds) {
            String name = crd.getMetadata().getName();
            await("CRD " + name + " Established", () -> {
                var stored = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
                return stored != null && stored.getStatus() != null && stored.getStatus().getConditions() != null
                        && stored.getStatus().getConditions().stream()
                                .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True"));
            });
            for (var version : crd.getSpec().getVersions()) {
                String path = "/openapi/v3/apis/" + crd.getSpec().getGroup() + "/" + version.getName();
                String kind = "." + version.getName() + "." + crd.getSpec().getNames().getKind() + "\"";
                await("schema of " + name + " " + version.getName() + " published", () -> {
                    try {
                        String document = client.raw(path);
                        return document != null && document.contains(kind);
                    } catch (KubernetesClientException notYet) {
                        return false;
                    }
                });
            }
        }
        return names;
    }

    private static void await(String what, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            if (done.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": not so after " + WAIT.toSeconds() + "s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    /** The CRD files, sorted. */
    public static List<Path> files() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code k8s/crds} of the checkout, found from the working directory upwards. */
    public static Path directory() {
        return repositoryRoot().resolve("k8s/crds");
    }

    /** The checkout's root: the nearest directory upwards holding {@code k8s/crds}. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("k8s/crds"))) {
                return dir;
            }
        }
        throw new IllegalStateException("k8s/crds not found above " + Path.of("").toAbsolutePath());
    }
}
