package io.tributary.local;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.notification.Receiver;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.HelmChart;
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
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The whole system on one machine: Kafka and the CRUD Kubernetes API server as their own processes, the four
 * services as their own processes, and a demo git server in this JVM.
 */
public final class LocalStack implements AutoCloseable {

    private static final String EXAMPLE_GIT_BASE = "http://127.0.0.1:8180/";

    private final Path root;
    private final Path work;
    private final Ports ports;
    private final List<ChildProcess> processes = new ArrayList<>();
    /** Processes a test stopped on purpose; the others must stay alive. */
    private final java.util.Set<String> stopped = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private GitServer git;
    private KubernetesClient client;

    private LocalStack(Path root, Path work, Ports ports) {
        this.root = root;
        this.work = work;
        this.ports = ports;
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
        LocalStack stack = new LocalStack(root, work, ports);
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
        String classpath = stackClasspath();
        processes.add(ChildProcess.start("kafka", List.of("-Xmx768m", "-cp", classpath),
                List.of(KafkaMain.class.getName(), Integer.toString(ports.kafka()), Integer.toString(ports.kafkaController()),
                        work.resolve("kafka").toString()), logs));
        processes.add(ChildProcess.start("kube-api", List.of("-Xmx256m", "-cp", classpath),
                List.of(KubeApiMain.class.getName(), Integer.toString(ports.kubeApi())), logs));
        git = GitServer.start(Files.createDirectories(work.resolve("git")), ports.git());
        if (git.repository(DemoRepository.NAME) == null) {
            deleteTree(work.resolve("git").resolve(DemoRepository.NAME));
            DemoRepository.create(git);
        }
        awaitPort("kafka", ports.kafka(), Duration.ofSeconds(90));
        awaitPort("kube-api", ports.kubeApi(), Duration.ofSeconds(60));
        client = new KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes.client.ConfigBuilder()
                .withMasterUrl(kubeApiUrl()).withTrustCerts(true).withNamespace("default").build()).build();
        applyDirectory(root.resolve("k8s/crds"));
        String kube = kubeApiUrl();
        String kafka = "127.0.0.1:" + ports.kafka();
        List<String> base = List.of("-Xmx384m", "-Dkafka.bootstrap.servers=" + kafka);
        List<String> common = new ArrayList<>(base);
        common.addAll(List.of("-Dquarkus.kubernetes-client.api-server-url=" + kube, "-Dquarkus.kubernetes-client.trust-certs=true",
                "-Dkubernetes.auth.tryKubeConfig=false", "-Dkubernetes.auth.tryServiceAccount=false"));
        String uploadToken = java.util.UUID.randomUUID().toString();
        startService("artifact-service", base, List.of("-Dquarkus.http.port=" + ports.artifact(),
                "-Dtributary.artifact.upload-token=" + uploadToken,
                "-Dquarkus.management.port=" + ports.artifactManagement(),
                "-Dtributary.artifact.storage-path=" + work.resolve("artifacts"),
                "-Dtributary.artifact.advertised-url=" + artifactUrl()), logs, serviceArgs.getOrDefault("artifact-service", List.of()));
        startService("fetcher-service", common, List.of("-Dquarkus.http.port=" + ports.fetcher(),
                "-Dtributary.fetcher.workspace-dir=" + work.resolve("workspaces"),
                "-Dtributary.artifact-service.url=" + artifactUrl(), "-Dtributary.artifact-service.upload-token=" + uploadToken), logs,
                serviceArgs.getOrDefault("fetcher-service", List.of()));
        startService("release-service", common, List.of("-Dquarkus.http.port=" + ports.release()), logs);
        startService("notification-service", common, List.of("-Dquarkus.http.port=" + ports.webhook(),
                "-Dquarkus.management.port=" + ports.notificationManagement()), logs);
        for (String service : List.of("artifact-service", "fetcher-service", "release-service", "notification-service")) {
            awaitHealthy(service);
        }
    }

    private void startService(String name, List<String> common, List<String> own, Path logs, List<String> extra) throws IOException {
        List<String> all = new ArrayList<>(own);
        all.addAll(extra);
        startService(name, common, all, logs);
    }

    private void startService(String name, List<String> common, List<String> own, Path logs) throws IOException {
        Path jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw install -DskipTests first");
        }
        List<String> jvm = new ArrayList<>(common);
        jvm.addAll(own);
        processes.add(ChildProcess.start(name, jvm, List.of("-jar", jar.toString()), logs));
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

    private void applyDirectory(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                apply(Files.readString(file));
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
            for (ChildProcess process : processes) {
                if (!process.alive() && !stopped.contains(process.name())) {
                    throw new IllegalStateException(process.name() + " exited; see " + process.log());
                }
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
        process(name).kill();
    }

    /** SIGTERM of one process: how long it took to exit, or null if it was still running after {@code limit}. */
    public Duration terminate(String name, Duration limit) throws InterruptedException {
        stopped.add(name);
        return process(name).terminate(limit);
    }

    /** Starts an ended process again with the same command, data and ports, and waits until it serves. */
    public void restart(String name) throws IOException {
        process(name).restart();
        stopped.remove(name);
        switch (name) {
            case "kafka" -> awaitPort(name, ports.kafka(), Duration.ofSeconds(90));
            case "kube-api" -> awaitPort(name, ports.kubeApi(), Duration.ofSeconds(60));
            default -> awaitHealthy(name);
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
        return "http://127.0.0.1:" + ports.kubeApi();
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
        // services first, all at once, then the infrastructure they were using
        int infrastructure = Math.min(2, processes.size());
        stopTogether(processes.subList(infrastructure, processes.size()));
        stopTogether(processes.subList(0, infrastructure));
        processes.clear();
        if (client != null) {
            client.close();
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
