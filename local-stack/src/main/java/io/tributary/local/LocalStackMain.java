package io.tributary.local;

import io.tributary.api.helm.HelmRelease;
import io.tributary.api.notification.Receiver;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.HelmChart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/run-local [--kubeconfig FILE]}: starts the local stack, applies {@code k8s/examples}, waits until they
 * are Ready, prints how to look at them and change them, and runs until Ctrl-C.
 */
public final class LocalStackMain {

    static final String DEMO_TOKEN = "local-demo-token";
    static final String PUSH_BODY = "{\"ref\":\"refs/heads/main\"}";

    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(".").toAbsolutePath().normalize();
        Path kubeconfig = null;
        for (int i = 0; i < args.length; i++) {
            if ("--kubeconfig".equals(args[i]) && i + 1 < args.length) {
                kubeconfig = Path.of(args[++i]).toAbsolutePath();
                if (!Files.isReadable(kubeconfig)) {
                    throw new IllegalArgumentException("--kubeconfig " + kubeconfig + ": no such readable file");
                }
            } else if (!args[i].startsWith("--")) {
                root = Path.of(args[i]).toAbsolutePath().normalize();
            } else {
                throw new IllegalArgumentException("unknown option " + args[i] + "; usage: bin/run-local [--kubeconfig FILE]");
            }
        }
        System.out.println(kubeconfig == null
                ? "Starting Kafka, the Kubernetes control plane (etcd, kube-apiserver, kube-controller-manager) and the four services (logs in .local/logs) ..."
                : "Starting Kafka and the four services against the cluster of " + kubeconfig + " (logs in .local/logs) ...");
        long started = System.nanoTime();
        LocalStack stack = LocalStack.start(root, root.resolve(".local"), Ports.defaults(), Map.of(), kubeconfig);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the local stack ...");
            stack.close();
            stopped.countDown();
        }));
        stack.watch(System.out);
        System.out.printf("Started in %d s. Applied the CRDs from k8s/crds%s.%n", Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                stack.embedded() ? ", and the ServiceAccounts and RBAC from k8s/deploy (each service runs as its ServiceAccount)" : "");
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
        System.out.println("Look at the objects with kubectl" + (stack.embedded() ? " (as the cluster admin)" : "") + ":");
        System.out.println("  export KUBECONFIG=" + stack.kubeconfig());
        System.out.println("  kubectl get gitrepositories,helmcharts,helmreleases,receivers -A");
        System.out.println("  kubectl get helmrelease demo -o yaml");
        System.out.println("  kubectl get configmaps,services -l app.kubernetes.io/instance=demo");
        System.out.println();
        System.out.println("Download the source artifact and check its digest (" + repo.getStatus().artifact.digest + "):");
        System.out.println("  curl -s " + repo.getStatus().artifact.url + " | sha256sum");
        System.out.println();
        System.out.println("Change the chart: clone the demo repository, commit, push");
        System.out.println("  git clone " + stack.gitBaseUrl() + DemoRepository.NAME + ".git tributary-demo && cd tributary-demo");
        System.out.println("  sed -i 's/^version: .*/version: 0.2.0/' charts/demo/Chart.yaml");
        System.out.println("  git -c user.name=you -c user.email=you@example.com commit -am 'Bump the demo chart' && git push");
        System.out.println("then fire the signed GitHub push webhook, and watch the release upgrade:");
        System.out.println("  curl -i -X POST -H 'Content-Type: application/json' -H 'X-GitHub-Event: push' \\");
        System.out.println("    -H 'X-Hub-Signature-256: " + WebhookSignature.github(DEMO_TOKEN, PUSH_BODY) + "' \\");
        System.out.println("    -d '" + PUSH_BODY + "' " + stack.webhookUrl() + receiver.getStatus().webhookPath);
        System.out.println("  kubectl get gitrepository,helmrelease demo -w");
    }
}
