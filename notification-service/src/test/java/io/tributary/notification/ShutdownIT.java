package io.tributary.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.notification.Receiver;
import io.tributary.api.notification.ReceiverSpec;
import io.tributary.events.Topics;
import io.tributary.notification.webhook.Signatures;
import io.tributary.testsupport.ControlPlane;
import io.tributary.testsupport.ControlPlaneCrds;
import io.tributary.testsupport.KafkaBroker;
import io.tributary.testsupport.SharedServers;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as its own process, started as the local stack
 * starts it: SIGTERM while a webhook waits on a Kafka that is down ends the process within 10 s, and that webhook is
 * answered 503 + Retry-After rather than dropped or told 200. Its Kubernetes API is the real control plane.
 */
class ShutdownIT {

    private static final String TOKEN = "shutdown-s3cret";
    private static final String BODY = "{\"ref\":\"refs/heads/main\"}";

    @Test
    void sigtermWithAWebhookWaitingOnKafkaStopsWithin10sAndAnswersIt() throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("package the module first").isRegularFile();
        Path work = Files.createTempDirectory("tributary-shutdown");
        int[] ports = KafkaBroker.freePorts(4);
        KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), ports[0], ports[1]);
        Process service = null;
        ControlPlane plane = SharedServers.controlPlane();
        KubernetesClient client = plane.client();
        try {
            kafka.createTopics(3, Topics.SOURCE_REQUESTS);
            ControlPlaneCrds.install(client);
            TestReceivers receivers = new TestReceivers(client);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                    "-Dkubernetes.auth.tryKubeConfig=false", "-Dkubernetes.auth.tryServiceAccount=false",
                    "-Dquarkus.http.port=" + ports[2], "-Dquarkus.management.port=" + ports[3]));
            plane.quarkusProperties().forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of("-jar", jar.toString()));
            service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("service.log").toFile()).start();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            awaitReady(http, ports[3], service);
            Receiver receiver = receivers.create("shutdown", ReceiverSpec.Type.GITHUB, List.of("push"), TOKEN, "app-shutdown");
            URI hook = URI.create("http://127.0.0.1:" + ports[2] + receiver.getStatus().webhookPath);
            assertThat(http.send(push(hook), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            kafka.close();
            CompletableFuture<HttpResponse<String>> waiting = http.sendAsync(push(hook), HttpResponse.BodyHandlers.ofString());
            awaitInFlight(http, ports[3], service);
            service.destroy();
            assertThat(service.waitFor(10, TimeUnit.SECONDS)).as("exited within 10 s of SIGTERM; log in " + work).isTrue();
            HttpResponse<String> answer = waiting.get(5, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        } finally {
            if (service != null && service.isAlive()) {
                service.destroyForcibly();
            }
        }
    }

    private static HttpRequest push(URI hook) {
        return HttpRequest.newBuilder(hook).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", "sha256=" + Signatures.hmacHex("sha256", TOKEN, BODY.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
    }

    private static void awaitReady(HttpClient http, int managementPort, Process service) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertThat(service.isAlive()).as("the service exited during startup").isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service never became ready");
    }

    /** Waits until the service reports one webhook admitted and unanswered: the one now waiting on Kafka. */
    private static void awaitInFlight(HttpClient http, int managementPort, Process service) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            assertThat(service.isAlive()).isTrue();
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (metrics.lines().anyMatch(l -> l.startsWith("tributary_webhook_requests_in_flight ") && l.endsWith(" 1.0"))) {
                return;
            }
            assertThat(System.nanoTime()).as("a webhook in flight").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
