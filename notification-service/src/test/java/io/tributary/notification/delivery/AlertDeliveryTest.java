package io.tributary.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tributary.api.meta.LocalObjectReference;
import io.tributary.api.notification.Alert;
import io.tributary.api.notification.AlertSpec;
import io.tributary.api.notification.Provider;
import io.tributary.api.notification.ProviderSpec;
import io.tributary.events.CloudEventCodec;
import io.tributary.events.FluxEvent;
import io.tributary.events.Topics;
import io.tributary.notification.provider.RecordingServer;
import io.tributary.testsupport.ControlPlaneTestResource;
import io.tributary.testsupport.KafkaProbe;
import io.tributary.testsupport.KafkaTestResource;
import io.tributary.testsupport.SharedServers;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service as deployed: FluxEvents published on the real broker's {@code tributary.events}, Alerts, Providers and
 * Secrets on the real API server, a recording provider on loopback.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlaneTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class AlertDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOKEN = "hmac-s3cret-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    KubernetesClient client;

    private RecordingServer provider;
    private KafkaProbe kafka;
    private String ns;

    @BeforeEach
    void start() throws Exception {
        provider = RecordingServer.http();
        kafka = new KafkaProbe(SharedServers.kafka().bootstrapServers(), Topics.EVENTS);
        ns = "alerts-" + Long.toString(System.nanoTime(), 36);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }

    @AfterEach
    void stop() {
        provider.close();
        kafka.close();
    }

    @Test
    void aMatchingEventIsPostedSignedWithTheAlertsMetadataAndNoToken() throws Exception {
        providerWithSecret("hook", ProviderSpec.Type.GENERIC_HMAC, Map.of("address", provider.uri("/hook").toString(), "token", TOKEN,
                "headers", "X-Team: blue\n"));
        Alert alert = alert("all-repos", "hook", "*");
        alert.getSpec().eventMetadata = Map.of("cluster", "prod");
        alert.getSpec().exclusionList = List.of("ignore me");
        apply(alert);

        publish(event("podinfo", "ignore me please", "rev1"));
        publish(event("podinfo", "stored artifact", "rev1"));

        RecordingServer.Recorded request = await(r -> r.text().contains("stored artifact"));
        assertThat(request.header("X-Signature")).isEqualTo("sha256=" + hmac(request.body()));
        assertThat(request.header("X-Team")).isEqualTo("blue");
        assertThat(request.header("gotk-component")).isEqualTo("source-controller");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.at("/involvedObject/name").asText()).isEqualTo("podinfo");
        assertThat(body.at("/metadata/cluster").asText()).isEqualTo("prod");
        assertThat(body.at("/metadata/revision").asText()).isEqualTo("rev1");
        assertThat(body.at("/metadata/token").isMissingNode()).isTrue();
        assertThat(request.text()).doesNotContain("tok-internal");
        assertThat(provider.requests).noneMatch(r -> r.text().contains("ignore me"));
    }

    @Test
    void aDuplicateWithinTheWindowIsSentOnceAndAFailingProviderIsRetried() throws Exception {
        AtomicInteger failures = new AtomicInteger(2);
        provider.answer(exchange -> {
            int code = failures.getAndDecrement() > 0 ? 503 : 200;
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        providerWithSecret("flaky", ProviderSpec.Type.GENERIC, Map.of("address", provider.uri("/flaky").toString()));
        apply(alert("flaky", "flaky", "app"));

        publish(event("app", "first", "rev1"));
        publish(event("app", "first", "rev1"));
        publish(event("app", "marker", "rev1"));

        await(r -> r.text().contains("marker"));
        // two refused attempts and the delivery of "first", then "marker"; the duplicate is never posted
        assertThat(provider.requests.stream().filter(r -> r.text().contains("\"first\"")).count()).isEqualTo(3);
        assertThat(provider.requests.stream().filter(r -> r.text().contains("\"marker\"")).count()).isEqualTo(1);
    }

    @Test
    void aProviderThatKeepsFailingIsGivenUpWithAWarningNamingItAndNotItsAddress() throws Exception {
        provider.answer(RecordingServer.status(500));
        providerWithSecret("down", ProviderSpec.Type.SLACK, Map.of("address", provider.uri("/services/T/B/webhook-secret").toString(),
                "token", "xoxb-secret"));
        apply(alert("down", "down", "*"));

        publish(event("web", "failed to fetch", "rev9"));

        Event warning = awaitEvent("down", "NotificationDispatchFailed");
        assertThat(warning.getType()).isEqualTo("Warning");
        assertThat(warning.getMessage()).contains("GitRepository/" + ns + "/web", "Provider " + ns + "/down", "HTTP 500")
                .doesNotContain("webhook-secret", "xoxb-secret", "127.0.0.1");
        assertThat(provider.requests).hasSize(3);
    }

    @Test
    void anEventOverTheSizeCapAndARecordThatIsNotAnEventAreDroppedAndTheStreamMovesOn() throws Exception {
        providerWithSecret("capped", ProviderSpec.Type.GENERIC, Map.of("address", provider.uri("/capped").toString()));
        apply(alert("capped", "capped", "*"));

        // the test profile caps events at 64 KiB
        publish(event("big", "x".repeat(100 * 1024), "rev1"));
        kafka.send(Topics.EVENTS, "GitRepository/" + ns + "/junk", "{not json");
        publish(event("small", "after the big one", "rev1"));

        await(r -> r.text().contains("after the big one"));
        assertThat(provider.requests).hasSize(1);
    }

    @Test
    void aBadRegexAndAMissingSecretAreReportedNamingTheField() throws Exception {
        Provider missing = new Provider();
        missing.getMetadata().setName("no-secret");
        missing.getMetadata().setNamespace(ns);
        missing.setSpec(new ProviderSpec());
        missing.getSpec().type = ProviderSpec.Type.GENERIC;
        missing.getSpec().secretRef = new LocalObjectReference("absent");
        client.resource(missing).create();
        Alert alert = alert("bad-regex", "no-secret", "*");
        alert.getSpec().inclusionList = List.of("[");
        apply(alert);

        assertThat(awaitEvent("no-secret", "InvalidConfig").getMessage()).isEqualTo("spec.secretRef: Secret '" + ns + "/absent' not found");
        assertThat(awaitEvent("bad-regex", "InvalidConfig").getMessage()).startsWith("spec.inclusionList[0]: invalid regular expression '['");
    }

    private FluxEvent event(String name, String message, String revision) {
        return new FluxEvent(new FluxEvent.InvolvedObject("source.toolkit.fluxcd.io/v1", "GitRepository", ns, name, "uid"), "info",
                Instant.now(), message, "NewArtifact", Map.of("source.toolkit.fluxcd.io/revision", revision,
                "source.toolkit.fluxcd.io/token", "tok-internal"), "source-controller", "fetcher-0");
    }

    private void publish(FluxEvent event) throws Exception {
        kafka.send(Topics.EVENTS, event.involvedObject().key(), CloudEventCodec.encode("test", event.involvedObject().key(), event));
    }

    private void providerWithSecret(String name, ProviderSpec.Type type, Map<String, String> data) {
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name + "-secret").withNamespace(ns)
                .endMetadata().withStringData(data).build()).create();
        Provider p = new Provider();
        p.getMetadata().setName(name);
        p.getMetadata().setNamespace(ns);
        p.setSpec(new ProviderSpec());
        p.getSpec().type = type;
        p.getSpec().timeout = "2s";
        p.getSpec().secretRef = new LocalObjectReference(name + "-secret");
        client.resource(p).create();
    }

    private Alert alert(String name, String providerName, String sourceName) {
        Alert alert = new Alert();
        alert.getMetadata().setName(name);
        alert.getMetadata().setNamespace(ns);
        alert.setSpec(new AlertSpec());
        alert.getSpec().providerRef = new LocalObjectReference(providerName);
        AlertSpec.EventSource source = new AlertSpec.EventSource();
        source.kind = "GitRepository";
        source.name = sourceName;
        alert.getSpec().eventSources = List.of(source);
        return alert;
    }

    private void apply(Alert alert) {
        client.resource(alert).create();
    }

    private RecordingServer.Recorded await(Predicate<RecordingServer.Recorded> match) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (RecordingServer.Recorded r : provider.requests) {
                if (match.test(r)) {
                    return r;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no matching request; saw " + provider.requests.size());
    }

    private Event awaitEvent(String objectName, String reason) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Event e : client.v1().events().inNamespace(ns).list().getItems()) {
                if (objectName.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason())) {
                    return e;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + reason + " event for " + objectName);
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(body));
    }
}
