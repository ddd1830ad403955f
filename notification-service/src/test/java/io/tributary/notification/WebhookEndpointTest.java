package io.tributary.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.notification.Receiver;
import io.tributary.api.notification.ReceiverSpec;
import io.tributary.api.meta.LocalObjectReference;
import io.tributary.events.CloudEventCodec;
import io.tributary.events.FetchRequested;
import io.tributary.events.Topics;
import io.tributary.notification.webhook.Signatures;
import io.tributary.testsupport.ControlPlaneTestResource;
import io.tributary.testsupport.KafkaProbe;
import io.tributary.testsupport.KafkaTestResource;
import io.tributary.testsupport.SharedServers;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ControlPlaneTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class WebhookEndpointTest {

    private static final String TOKEN = "webhook-s3cret";
    private static final String BODY = "{\"ref\":\"refs/heads/main\"}";

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();

    private Receiver receiver(String name, boolean suspend) {
        client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName(name + "-token")
                .withNamespace("default").endMetadata()
                .withData(Map.of("token", java.util.Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8))))
                .build()).createOr(op -> op.update());
        Receiver receiver = new Receiver();
        receiver.getMetadata().setName(name);
        receiver.getMetadata().setNamespace("default");
        receiver.setSpec(new ReceiverSpec());
        receiver.getSpec().type = ReceiverSpec.Type.GITHUB;
        receiver.getSpec().events = List.of("push");
        receiver.getSpec().secretRef = new LocalObjectReference(name + "-token");
        receiver.getSpec().suspend = suspend;
        ReceiverSpec.Resource resource = new ReceiverSpec.Resource();
        resource.kind = "GitRepository";
        resource.name = "app-" + name;
        receiver.getSpec().resources = List.of(resource);
        client.resources(Receiver.class).inNamespace("default").resource(receiver).createOr(op -> op.update());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Receiver current = client.resources(Receiver.class).inNamespace("default").withName(name).get();
            if (current.getStatus() != null && current.getStatus().webhookPath != null
                    && Conditions.isTrue(current.getStatus().conditions, ConditionTypes.READY)) {
                return current;
            }
            sleep();
        }
        throw new AssertionError("receiver " + name + " never became ready");
    }

    private HttpResponse<String> post(String path, String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "push").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sign(String body) {
        return "sha256=" + Signatures.hmacHex("sha256", TOKEN, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSignedPushRequestsTheFetchOfEachResource() throws Exception {
        Receiver receiver = receiver("signed", false);
        assertThat(receiver.getStatus().webhookPath).startsWith("/hook/").hasSize(6 + 64);
        try (KafkaProbe probe = new KafkaProbe(SharedServers.kafka().bootstrapServers(), Topics.SOURCE_REQUESTS)) {
            java.time.Instant sent = java.time.Instant.now();
            HttpResponse<String> response = post(receiver.getStatus().webhookPath, BODY, sign(BODY));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            var records = probe.awaitRecord(r -> "GitRepository/default/app-signed".equals(r.key()), Duration.ofSeconds(30));
            FetchRequested request = CloudEventCodec.decode(records.get(records.size() - 1).value(), FetchRequested.class).data();
            assertThat(request.reason()).isEqualTo("Webhook");
            // reported back by the source as status.lastHandledReconcileAt
            assertThat(java.time.Instant.parse(request.requestedAt())).isBetween(sent, java.time.Instant.now());
        }
    }

    @Test
    void badSignaturesUnknownPathsAndLargeBodiesAreRefused() throws Exception {
        Receiver receiver = receiver("refusing", false);
        String path = receiver.getStatus().webhookPath;
        try (KafkaProbe probe = new KafkaProbe(SharedServers.kafka().bootstrapServers(), Topics.SOURCE_REQUESTS)) {
            assertThat(post(path, BODY, null).statusCode()).isEqualTo(400);
            assertThat(post(path, BODY, "sha256=" + "0".repeat(64)).statusCode()).isEqualTo(400);
            assertThat(post(path, BODY + "tampered", sign(BODY)).statusCode()).isEqualTo(400);
            assertThat(post("/hook/" + "f".repeat(64), BODY, sign(BODY)).statusCode()).isEqualTo(404);
            String large = "x".repeat(3 * 1024 * 1024 + 1);
            assertThat(post(path, large, sign(large)).statusCode()).isEqualTo(413);
            assertThat(probe.drain(Duration.ofSeconds(2))).noneMatch(r -> r.key().equals("GitRepository/default/app-refusing"));
        }
    }

    @Test
    void aSuspendedReceiverAnswers503() throws Exception {
        Receiver receiver = receiver("suspended", false);
        receiver.getSpec().suspend = true;
        client.resources(Receiver.class).inNamespace("default").withName("suspended").edit(r -> {
            r.getSpec().suspend = true;
            return r;
        });
        assertThat(post(receiver.getStatus().webhookPath, BODY, sign(BODY)).statusCode()).isEqualTo(503);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
