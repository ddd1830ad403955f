package io.tributary.testsupport;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A real Kubernetes control plane on loopback, as envtest runs it: etcd, kube-apiserver (TLS, client-certificate
 * authentication, RBAC) and kube-controller-manager (garbage collector, namespace, service-account and workload
 * controllers). No kubelet and no scheduler: pods are stored but never run.
 *
 * <p>Everything lives in a temporary directory (certificates, etcd data, logs, kubeconfigs) that {@link #close()}
 * deletes. The admin user is in group {@code system:masters}.
 */
public final class ControlPlane implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ControlPlaneLayout layout;
    private final ControlPlaneBinaries binaries;
    private final ControlPlanePki pki;
    private final List<ServerProcess> processes = new ArrayList<>();
    private KubernetesClient client;

    private ControlPlane(ControlPlaneLayout layout, ControlPlaneBinaries binaries, ControlPlanePki pki) {
        this.layout = layout;
        this.binaries = binaries;
        this.pki = pki;
    }

    /** Builds the binaries when missing, starts the three servers and returns once the API is ready. */
    public static ControlPlane start() {
        return start(null, 0);
    }

    /**
     * As {@link #start()}, with the temporary directory made inside {@code parent} (the system's temporary directory
     * when null) and the API server on {@code apiServerPort} (a free port when 0).
     */
    public static ControlPlane start(Path parent, int apiServerPort) {
        ControlPlaneBinaries binaries = ControlPlaneBinaries.ensure();
        Path dir;
        try {
            dir = parent == null ? Files.createTempDirectory("tributary-control-plane")
                    : Files.createTempDirectory(Files.createDirectories(parent), "control-plane");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the control plane's directory", e);
        }
        int[] ports = KafkaBroker.freePorts(4);
        if (apiServerPort > 0) {
            ports[2] = apiServerPort;
        }
        ControlPlane plane = new ControlPlane(new ControlPlaneLayout(dir, ports[0], ports[1], ports[2], ports[3]),
                binaries, ControlPlanePki.create());
        try {
            plane.boot();
            return plane;
        } catch (RuntimeException e) {
            plane.close();
            throw e;
        }
    }

    private void boot() {
        writeFiles();
        ServerProcess etcd = run("etcd", binaries.etcd(), layout.etcdArgs());
        await(etcd, this::etcdHealthy);
        ServerProcess apiServer = run("kube-apiserver", binaries.kubeApiServer(), layout.apiServerArgs());
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(layout.adminKubeconfig().toFile())).build();
        await(apiServer, this::apiServerReady);
        // only now: the controller manager exits when RBAC's bootstrap roles are not there yet
        ServerProcess controllerManager = run("kube-controller-manager", binaries.kubeControllerManager(),
                layout.controllerManagerArgs());
        // the service-account controller creates "default" in every namespace: proof that the controllers run
        await(controllerManager, () -> client.serviceAccounts().inNamespace("default").withName("default").get() != null);
    }

    private void writeFiles() {
        try {
            write(layout.pki("ca.crt"), pki.ca.certificate());
            write(layout.pki("ca.key"), pki.ca.key());
            write(layout.pki("apiserver.crt"), pki.apiServer.certificate());
            write(layout.pki("apiserver.key"), pki.apiServer.key());
            write(layout.pki("front-proxy-ca.crt"), pki.frontProxyCa.certificate());
            write(layout.pki("front-proxy-client.crt"), pki.frontProxyClient.certificate());
            write(layout.pki("front-proxy-client.key"), pki.frontProxyClient.key());
            write(layout.pki("sa.pub"), pki.serviceAccountPublicPem);
            write(layout.pki("sa.key"), pki.serviceAccountPrivatePem);
            write(layout.adminKubeconfig(), Kubeconfig.render(layout.apiServerUrl(), pki.ca.certificate(),
                    pki.admin.certificate(), pki.admin.key(), "default"));
            write(layout.controllerManagerKubeconfig(), Kubeconfig.render(layout.apiServerUrl(), pki.ca.certificate(),
                    pki.controllerManager.certificate(), pki.controllerManager.key(), "kube-system"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the control plane's files into " + layout.dir(), e);
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private ServerProcess run(String name, Path binary, List<String> args) {
        ServerProcess process = ServerProcess.start(name, binary, args, layout.log(name));
        processes.add(process);
        return process;
    }

    private boolean etcdHealthy() {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create(layout.etcdUrl() + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"true\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for etcd", e);
        }
    }

    private boolean apiServerReady() {
        return "ok".equals(client.raw("/readyz"));
    }

    /** Polls {@code ready} until it holds; fails at once, with the log's end, when the process dies. */
    private static void await(ServerProcess process, BooleanSupplier ready) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            process.checkAlive();
            try {
                if (ready.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // connection refused or 5xx while starting
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(process.name() + " not ready after " + READY_TIMEOUT.toSeconds()
                        + "s; end of its log:\n" + process.tail());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + process.name(), e);
            }
        }
    }

    /** A client for the admin user (group {@code system:masters}), default namespace {@code default}. */
    public KubernetesClient client() {
        return client;
    }

    /** The admin kubeconfig, for {@code kubectl --kubeconfig} and other tools. */
    public Path kubeconfig() {
        return layout.adminKubeconfig();
    }

    public String url() {
        return layout.apiServerUrl();
    }

    public String kubernetesVersion() {
        return binaries.kubernetesVersion();
    }

    /** Where each server writes its log. */
    public Path log(String component) {
        return layout.log(component);
    }

    /** Resident memory of each server process in KiB, by name (etcd, kube-apiserver, kube-controller-manager). */
    public Map<String, Long> residentKib() {
        Map<String, Long> rss = new LinkedHashMap<>();
        processes.forEach(p -> rss.put(p.name(), p.residentKib()));
        return rss;
    }

    /**
     * Quarkus configuration that points {@code quarkus-kubernetes-client} at this control plane as the admin, for a
     * {@code QuarkusTestResourceLifecycleManager}.
     */
    public Map<String, String> quarkusProperties() {
        return Map.of(
                "quarkus.kubernetes-client.api-server-url", url(),
                "quarkus.kubernetes-client.ca-cert-data", Kubeconfig.base64(pki.ca.certificate()),
                "quarkus.kubernetes-client.client-cert-data", Kubeconfig.base64(pki.admin.certificate()),
                "quarkus.kubernetes-client.client-key-data", Kubeconfig.base64(pki.admin.key()),
                "quarkus.kubernetes-client.client-key-algo", "RSA",
                "quarkus.kubernetes-client.namespace", "default",
                "quarkus.kubernetes-client.devservices.enabled", "false");
    }

    /** The servers that are no longer running, each with its exit status (empty while all run). */
    public Map<String, Integer> exited() {
        Map<String, Integer> exited = new LinkedHashMap<>();
        processes.stream().filter(p -> !p.isAlive()).forEach(p -> exited.put(p.name(), p.exitValue()));
        return exited;
    }

    /** SIGKILL of one server (etcd, kube-apiserver, kube-controller-manager), as a crash would end it. */
    public void kill(String component) {
        processes.stream().filter(p -> p.name().equals(component)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no control plane component " + component)).kill();
    }

    /** Stops the controller manager, the API server and etcd, in that order, and deletes the directory. */
    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        processes.clear();
        deleteTree(layout.dir());
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
