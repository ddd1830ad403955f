package io.tributary.local;

import io.tributary.api.helm.HelmRelease;
import io.tributary.api.notification.Receiver;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.HelmChart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/run-local}: starts the local stack, applies {@code k8s/examples}, waits until they are Ready,
 * prints how to look at them, and runs until Ctrl-C.
 */
public final class LocalStackMain {

    static final String DEMO_TOKEN = "local-demo-token";
    static final String PUSH_BODY = "{\"ref\":\"refs/heads/main\"}";

    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        System.out.println("Starting Kafka, the Kubernetes API server and the four services (logs in .local/logs) ...");
        LocalStack stack = LocalStack.start(root, root.resolve(".local"), Ports.defaults());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the local stack ...");
            stack.close();
            stopped.countDown();
        }));
        stack.applyExamples();
        System.out.println("Applied k8s/examples; waiting for them to become Ready ...");
        stack.awaitExamplesReady(Duration.ofMinutes(3));
        print(stack);
        System.out.println("\nRunning. Press Ctrl-C to stop everything.");
        stopped.await();
    }

    static void print(LocalStack stack) {
        var client = stack.client();
        GitRepository repo = client.resources(GitRepository.class).inNamespace("default").withName("demo").get();
        HelmChart chart = client.resources(HelmChart.class).inNamespace("default").withName("default-demo").get();
        HelmRelease release = client.resources(HelmRelease.class).inNamespace("default").withName("demo").get();
        Receiver receiver = client.resources(Receiver.class).inNamespace("default").withName("demo").get();
        System.out.println();
        System.out.printf("GitRepository default/demo  Ready  %s%n", repo.getStatus().artifact.revision);
        System.out.printf("HelmChart default/default-demo  Ready  %s (%s)%n", chart.getStatus().artifact.revision, chart.getStatus().artifact.digest);
        var latest = release.getStatus().history.get(0);
        System.out.printf("HelmRelease default/demo  Ready  release %s v%d, chart %s@%s%n", latest.name, latest.version,
                latest.chartName, latest.chartVersion);
        System.out.printf("Receiver default/demo  Ready  %s%n", receiver.getStatus().webhookPath);
        System.out.println();
        System.out.println("Download the source artifact and check its digest (" + repo.getStatus().artifact.digest + "):");
        System.out.println("  curl -s " + repo.getStatus().artifact.url + " | sha256sum");
        System.out.println();
        System.out.println("Fire the GitHub push webhook (commit to " + stack.gitBaseUrl() + "demo.git first to see an upgrade):");
        System.out.println("  curl -i -X POST -H 'Content-Type: application/json' -H 'X-GitHub-Event: push' \\");
        System.out.println("    -H 'X-Hub-Signature-256: " + WebhookSignature.github(DEMO_TOKEN, PUSH_BODY) + "' \\");
        System.out.println("    -d '" + PUSH_BODY + "' " + stack.webhookUrl() + receiver.getStatus().webhookPath);
        System.out.println();
        System.out.println("Kubernetes API (JSON only): curl -s " + stack.kubeApiUrl()
                + "/apis/helm.toolkit.fluxcd.io/v2/namespaces/default/helmreleases/demo");
    }
}
