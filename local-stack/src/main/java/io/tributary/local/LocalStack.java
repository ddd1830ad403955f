package io.tributary.local;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.notification.Receiver;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.HelmChart;
import io.tributary.testsupport.ControlPlane;
import io.tributary.testsupport.GitServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The whole system on one machine: Kafka as its own process, a real Kubernetes control plane (etcd, kube-apiserver,
 * kube-controller-manager on loopback, TLS, data in a temporary directory) or an existing cluster, the four services
 * as their own processes, and a demo git server in this JVM. On the embedded control plane each service talks to the
 * API as its ServiceAccount from {@code k8s/deploy}, with the RBAC from there.
 */
public final class LocalStack implements AutoCloseable {

    private static final String EXAMPLE_GIT_BASE = "http://127.0.0.1:8180/";
    static final List<String> SERVICES = List.of("artifact-service", "fetcher-service", "release-service", "notification-service");
    /** What {@link #kill(String)} calls the API server. */
    static final String KUBE_API = "kube-api";

    private final Path root;
    private final Path work;
    private final Ports ports;
    private final List<ChildProcess> processes = new ArrayList<>();
    /** Processes a test stopped on purpose; the others must stay alive. */
    private final java.util.Set<String> stopped = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** An existing cluster's kubeconfig, or null to start the embedded control plane. */
    private final Path externalKubeconfig;
    private GitServer git;
    private ControlPlane controlPlane;
    private KubernetesClient client;
    private Thread watcher;

    private LocalStack(Path root, Path work, Ports ports, Path externalKubeconfig) {
        this.root = root;
        this.work = work;
        this.ports = ports;
        this.externalKubeconfig = externalKubeconfig;
    }

    /** @param root the repository checkout (service jars, k8s/); @param work where logs and data go */
    public static LocalStack start(Path root, Path work, Ports ports) throws Exception {
        return start(root, work, ports, java.util.Map.of());
    }

    /**
     * As {@link #start(Path, Path, Ports)}, with extra system properties ({@code -Dkey=value}) per service name
     * ({@code artifact-service}, {@code fetcher-service}, ...).
     */
    public static LocalStack start(Path root, Path work, Ports ports, java.util.Map<String, List<String>> serviceArgs) throws Exception {
        return start(root, work, ports, serviceArgs, null);
    }

    /**
     * As {@link #start(Path, Path, Ports, java.util.Map)}; with {@code kubeconfig} not null, the services run against
     * that cluster (as the kubeconfig's user) instead of the embedded control plane.
     */
    public static LocalStack start(Path root, Path work, Ports ports, java.util.Map<String, List<String>> serviceArgs,
            Path kubeconfig) throws Exception {
        LocalStack stack = new LocalStack(root, work, ports, kubeconfig);
        try {
            stack.startAll(serviceArgs);
        } catch (Exception e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void startAll(java.util.Map<String, List<String>> serviceArgs) throws Exception {
        Path logs = work.resolve("logs");
        deleteTree(work.resolve("kafka"));
        deleteTree(work.resolve("artifacts"));
        deleteTree(work.resolve("workspaces"));
        // what an earlier run that was killed left: an old control plane's data and the tokens of its services
        deleteTree(work.resolve("kube"));
        String classpath = stackClasspath();
        processes.add(ChildProcess.start("kafka", List.of("-Xmx768m", "-cp", classpath),
                List.of(KafkaMain.class.getName(), Integer.toString(ports.kafka()), Integer.toString(ports.kafkaController()),
                        work.resolve("kafka").toString()), logs));
        Map<String, Path> kubeconfigs = startKubernetes();
        git = GitServer.start(Files.createDirectories(work.resolve("git")), ports.git());
        if (git.repository(DemoRepository.NAME) == null) {
            deleteTree(work.resolve("git").resolve(DemoRepository.NAME));
            DemoRepository.create(git);
        }
        awaitPort("kafka", ports.kafka(), Duration.ofSeconds(90));
        String kafka = "127.0.0.1:" + ports.kafka();
        // loopback only: nothing of the stack is reachable from another machine
        List<String> base = List.of("-Xmx384m", "-Dkafka.bootstrap.servers=" + kafka, "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.management.host=127.0.0.1", "-Dkubernetes.auth.tryServiceAccount=false");
        // the upload token goes through the environment: a command line is readable by every user in ps
        String uploadToken = java.util.UUID.randomUUID().toString();
        startService("artifact-service", base, List.of("-Dquarkus.http.port=" + ports.artifact(),
                "-Dquarkus.management.port=" + ports.artifactManagement(),
                "-Dtributary.artifact.storage-path=" + work.resolve("artifacts"),
                "-Dtributary.artifact.advertised-url=" + artifactUrl()), serviceArgs.getOrDefault("artifact-service", List.of()),
                environment(kubeconfigs, "artifact-service", "TRIBUTARY_ARTIFACT_UPLOAD_TOKEN", uploadToken), logs);
        startService("fetcher-service", base, List.of("-Dquarkus.http.port=" + ports.fetcher(),
                "-Dtributary.fetcher.workspace-dir=" + work.resolve("workspaces"),
                "-Dtributary.artifact-service.url=" + artifactUrl(),
                // Basic credentials for the CONNECT proxies of proxySecretRef: the JDK's HTTP client refuses them otherwise
                "-Djdk.http.auth.tunneling.disabledSchemes="), serviceArgs.getOrDefault("fetcher-service", List.of()),
                environment(kubeconfigs, "fetcher-service", "TRIBUTARY_ARTIFACT_SERVICE_UPLOAD_TOKEN", uploadToken), logs);
        // the serial collector in a small heap: release-service's live data stays under 100 MiB for 1000 releases
        startService("release-service", base, List.of("-XX:+UseSerialGC", "-Xmx192m", "-Dquarkus.http.port=" + ports.release()),
                serviceArgs.getOrDefault("release-service", List.of()),
                environment(kubeconfigs, "release-service", null, null), logs);
        startService("notification-service", base, List.of("-Dquarkus.http.port=" + ports.webhook(),
                "-Dquarkus.management.port=" + ports.notificationManagement()),
                serviceArgs.getOrDefault("notification-service", List.of()),
                environment(kubeconfigs, "notification-service", null, null), logs);
        for (String service : SERVICES) {
            awaitHealthy(service);
        }
    }

    /**
     * Starts the embedded control plane (or connects to the existing cluster), applies the CRDs and returns the
     * kubeconfig of each service.
     */
    private Map<String, Path> startKubernetes() throws IOException {
        Path kubeconfig = externalKubeconfig;
        if (kubeconfig == null) {
            controlPlane = ControlPlane.start(work.resolve("kube"), ports.kubeApi());
            kubeconfig = work.resolve("kube").resolve("admin.kubeconfig");
            Files.copy(controlPlane.kubeconfig(), kubeconfig, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig.toFile())).build();
        applyCrds();
        Map<String, Path> kubeconfigs = new LinkedHashMap<>();
        if (controlPlane == null) {
            SERVICES.forEach(service -> kubeconfigs.put(service, externalKubeconfig));
        } else {
            ServiceAccounts.applyRbac(client, root);
            kubeconfigs.putAll(ServiceAccounts.kubeconfigs(client, work.resolve("kube")));
        }
        return kubeconfigs;
    }

    private static Map<String, String> environment(Map<String, Path> kubeconfigs, String service, String secretName, String secret) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KUBECONFIG", kubeconfigs.get(service).toString());
        if (secretName != null) {
            env.put(secretName, secret);
        }
        return env;
    }

    private void applyCrds() throws IOException {
        var crds = client.apiextensions().v1().customResourceDefinitions();
        try (Stream<Path> files = Files.list(root.resolve("k8s/crds"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                CustomResourceDefinition crd = crds.load(file.toFile()).item();
                crds.resource(crd).createOr(op -> op.update());
            }
        }
        try (Stream<Path> files = Files.list(root.resolve("k8s/crds"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                crds.withName(crdName(file)).waitUntilCondition(
                        crd -> crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                                && crd.getStatus().getConditions().stream()
                                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())),
                        60, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    /** {@code source.toolkit.fluxcd.io_gitrepositories.yaml} → {@code gitrepositories.source.toolkit.fluxcd.io}. */
    private static String crdName(Path file) {
        String[] groupAndPlural = file.getFileName().toString().replace(".yaml", "").split("_", 2);
        return groupAndPlural[1] + "." + groupAndPlural[0];
    }

    /** Creates a namespace unless it exists: the API server refuses objects in a namespace that does not. */
    public void createNamespace(String name) {
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(name)
                .endMetadata().build()).createOr(op -> op.update());
    }

    private void startService(String name, List<String> common, List<String> own, List<String> extra, Map<String, String> env,
            Path logs) throws IOException {
        Path jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw package -DskipTests first");
        }
        List<String> jvm = new ArrayList<>(common);
        jvm.addAll(own);
        jvm.addAll(extra);
        processes.add(ChildProcess.start(name, jvm, List.of("-jar", jar.toString()), env, logs));
    }

    /** Applies {@code k8s/examples}, pointing the demo GitRepository at this stack's git server. */
    public void applyExamples() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("k8s/examples"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                String yaml = Files.readString(file).replace(EXAMPLE_GIT_BASE, gitBaseUrl());
                apply(yaml);
            }
        }
    }

    private void apply(String yaml) {
        List<HasMetadata> objects = client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
        for (HasMetadata object : objects) {
            client.resource(object).createOr(op -> op.update());
        }
    }

    /** Waits until the demo GitRepository, HelmChart, HelmRelease and Receiver are Ready. */
    public void awaitExamplesReady(Duration timeout) {
        await("the examples to become Ready", timeout, () ->
                ready(client.resources(GitRepository.class).inNamespace("default").withName("demo").get())
                        && ready(client.resources(HelmChart.class).inNamespace("default").withName("default-demo").get())
                        && ready(client.resources(HelmRelease.class).inNamespace("default").withName("demo").get())
                        && ready(client.resources(Receiver.class).inNamespace("default").withName("demo").get()));
    }

    private static boolean ready(GitRepository o) {
        return o != null && o.getStatus() != null && Conditions.isTrue(o.getStatus().conditions, ConditionTypes.READY);
    }

    private static boolean ready(HelmChart o) {
        return o != null && o.getStatus() != null && Conditions.isTrue(o.getStatus().conditions, ConditionTypes.READY);
    }

    private static boolean ready(HelmRelease o) {
        return o != null && o.getStatus() != null && Conditions.isTrue(o.getStatus().conditions, ConditionTypes.READY);
    }

    private static boolean ready(Receiver o) {
        return o != null && o.getStatus() != null && Conditions.isTrue(o.getStatus().conditions, ConditionTypes.READY);
    }

    public void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> died = died();
            if (!died.isEmpty()) {
                throw new IllegalStateException(String.join("; ", died));
            }
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException transientError) {
                // the API or a service may not answer yet
            }
            sleep(250);
        }
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what + "; logs in " + work.resolve("logs"));
    }

    /** A sentence for each process that ended though no test stopped it: which, its exit status, its log. */
    List<String> died() {
        List<String> died = new ArrayList<>();
        for (ChildProcess process : processes) {
            if (!process.alive() && !stopped.contains(process.name())) {
                died.add(process.name() + " exited with status " + process.exitValue() + "; see " + process.log());
            }
        }
        // once the API server was killed on purpose, the controller manager may end too
        if (controlPlane != null && !stopped.contains(KUBE_API)) {
            controlPlane.exited().forEach((name, status) -> died.add(name + " exited with status " + status + "; see "
                    + controlPlane.log(name)));
        }
        return died;
    }

    /**
     * Watches every process of the stack from a daemon thread and says, once for each, when one ends that nobody
     * stopped.
     */
    public void watch(java.io.PrintStream out) {
        java.util.Set<String> told = new java.util.HashSet<>();
        watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (String death : died()) {
                    if (told.add(death.substring(0, death.indexOf(' ')))) {
                        out.println("!! " + death);
                    }
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "local-stack-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void awaitPort(String name, int port, Duration timeout) {
        await(name + " to listen on " + port, timeout, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** The port a service answers {@code /q/health} on. */
    private int healthPort(String service) {
        return switch (service) {
            case "artifact-service" -> ports.artifactManagement();
            case "fetcher-service" -> ports.fetcher();
            case "release-service" -> ports.release();
            case "notification-service" -> ports.notificationManagement();
            default -> throw new IllegalArgumentException("no service " + service);
        };
    }

    private void awaitHealthy(String name) {
        int port = healthPort(name);
        HttpClient http = HttpClient.newHttpClient();
        await(name + " to be ready", Duration.ofSeconds(120), () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    private String stackClasspath() throws IOException {
        Path module = root.resolve("local-stack");
        String dependencies = Files.readString(module.resolve("target/classpath.txt")).trim();
        return module.resolve("target/classes") + java.io.File.pathSeparator + dependencies;
    }

    /** Where each process writes its log ({@code <name>.log}). */
    public Path logs() {
        return work.resolve("logs");
    }

    /** Changes an object, reading it again and retrying when a controller wrote it in between (409 Conflict). */
    public <T extends io.fabric8.kubernetes.api.model.HasMetadata> T edit(Class<T> type, String namespace, String name,
            java.util.function.UnaryOperator<T> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.resources(type).inNamespace(namespace).withName(name).edit(change);
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= 20) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public KubernetesClient client() {
        return client;
    }

    private ChildProcess process(String name) {
        return processes.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no process " + name));
    }

    /** SIGKILL of one process ({@code kafka}, {@code artifact-service}, ...), as a crash would end it. */
    public void kill(String name) throws InterruptedException {
        stopped.add(name);
        if (KUBE_API.equals(name)) {
            if (controlPlane == null) {
                throw new IllegalStateException("the stack runs against an existing cluster; it does not stop its API server");
            }
            controlPlane.kill("kube-apiserver");
            return;
        }
        process(name).kill();
    }

    /** SIGTERM of one process: how long it took to exit, or null if it was still running after {@code limit}. */
    public Duration terminate(String name, Duration limit) throws InterruptedException {
        stopped.add(name);
        return process(name).terminate(limit);
    }

    /** Starts an ended process again with the same command, data and ports, and waits until it serves. */
    public void restart(String name) throws IOException {
        if (KUBE_API.equals(name)) {
            throw new UnsupportedOperationException("the control plane's API server is not restarted");
        }
        process(name).restart();
        stopped.remove(name);
        if ("kafka".equals(name)) {
            awaitPort(name, ports.kafka(), Duration.ofSeconds(90));
        } else {
            awaitHealthy(name);
        }
    }

    /** Whether a service answers its readiness check with 200. */
    public boolean ready(String name) {
        int port = healthPort(name);
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The directory artifact-service stores into, and fetch workspaces live in. */
    public Path artifactStorage() {
        return work.resolve("artifacts");
    }

    public Path fetcherWorkspaces() {
        return work.resolve("workspaces");
    }

    public GitServer git() {
        return git;
    }

    public Ports ports() {
        return ports;
    }

    public String kubeApiUrl() {
        return client.getConfiguration().getMasterUrl();
    }

    /** The admin kubeconfig ({@code kubectl}), or the existing cluster's. */
    public Path kubeconfig() {
        return externalKubeconfig != null ? externalKubeconfig : work.resolve("kube").resolve("admin.kubeconfig");
    }

    /** The kubeconfig a service runs with: its ServiceAccount's on the embedded control plane. */
    public Path serviceKubeconfig(String service) {
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("no service " + service);
        }
        return externalKubeconfig != null ? externalKubeconfig : work.resolve("kube").resolve(service + ".kubeconfig");
    }

    /** The process id of one process of the stack ({@code kafka}, {@code artifact-service}, ...). */
    public long pid(String name) {
        return process(name).pid();
    }

    /** Whether the stack started its own control plane (rather than using an existing cluster). */
    public boolean embedded() {
        return controlPlane != null;
    }

    /** The embedded control plane, or null against an existing cluster. */
    public ControlPlane controlPlane() {
        return controlPlane;
    }

    public String artifactUrl() {
        return "http://127.0.0.1:" + ports.artifact();
    }

    public String webhookUrl() {
        return "http://127.0.0.1:" + ports.webhook();
    }

    public String gitBaseUrl() {
        return "http://127.0.0.1:" + git.port() + "/";
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + ports.kafka();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void stopTogether(List<ChildProcess> group) {
        group.forEach(ChildProcess::requestStop);
        group.forEach(ChildProcess::close);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.interrupt();
        }
        // services first, all at once, then the infrastructure they were using
        int infrastructure = Math.min(1, processes.size());
        stopTogether(processes.subList(infrastructure, processes.size()));
        stopTogether(processes.subList(0, infrastructure));
        processes.clear();
        if (client != null) {
            client.close();
        }
        if (controlPlane != null) {
            controlPlane.close();
        }
        try {
            // the admin kubeconfig and the services' tokens
            deleteTree(work.resolve("kube"));
        } catch (IOException e) {
            System.err.println("could not delete " + work.resolve("kube") + ": " + e.getMessage());
        }
        if (git != null) {
            try {
                git.close();
            } catch (Exception ignored) {
                // stopping anyway
            }
        }
    }
}
