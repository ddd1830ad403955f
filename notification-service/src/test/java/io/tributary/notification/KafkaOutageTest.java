package io.tributary.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tributary.api.notification.Receiver;
import io.tributary.api.notification.ReceiverSpec;
import io.tributary.events.Topics;
import io.tributary.notification.webhook.Signatures;
import io.tributary.testsupport.ControlPlaneTestResource;
import io.tributary.testsupport.KafkaBroker;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A broker outage, on a broker of this test's own (the shared one serves every other test): while it is down a webhook
 * is answered 503 + Retry-After within the publish timeout and its request is never delivered later; once the broker is
 * back on the same log directory and ports, webhooks are answered 200 and delivered.
 */
@QuarkusTest
@TestProfile(KafkaOutageTest.OwnBroker.class)
@QuarkusTestResource(ControlPlaneTestResource.class)
class KafkaOutageTest {

    /** Starts the broker once for this profile and points the service at it. */
    public static class OwnBroker implements QuarkusTestProfile {
        static final int[] PORTS = KafkaBroker.freePorts(2);
        static final Path LOG_DIR;
        static KafkaBroker broker;

        static {
            try {
                LOG_DIR = Files.createTempDirectory("tributary-kafka-outage");
                broker = KafkaBroker.start(LOG_DIR, PORTS[0], PORTS[1]);
                broker.createTopics(3, Topics.SOURCE_REQUESTS);
            } catch (Exception e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
        }
    }

    private static final String TOKEN = "outage-s3cret";
    private static final String BODY = "{\"ref\":\"refs/heads/main\"}";

    @jakarta.inject.Inject
    KubernetesClient client;

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterAll
    static void stopBroker() {
        OwnBroker.broker.close();
    }

    @Test
    void duringAnOutageWebhooksAre503WithRetryAfterAndNothingIsDeliveredLater() throws Exception {
        TestReceivers receivers = new TestReceivers(client);
        Receiver during = receivers.create("during-outage", ReceiverSpec.Type.GITHUB, List.of("push"), TOKEN, "app-during-outage");
        Receiver after = receivers.create("after-outage", ReceiverSpec.Type.GITHUB, List.of("push"), TOKEN, "app-after-outage");
        String bootstrap = OwnBroker.broker.bootstrapServers();

        // the producer is connected and knows the topic, as it would be in service
        assertThat(post(after).statusCode()).isEqualTo(200);

        OwnBroker.broker.close();
        // the client gives up after 15 s: the old behaviour (30 s, then 500) fails here
        HttpResponse<String> refused = post(during);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");

        OwnBroker.broker = KafkaBroker.start(OwnBroker.LOG_DIR, OwnBroker.PORTS[0], OwnBroker.PORTS[1]);
        HttpResponse<String> accepted = postUntilAccepted(after);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

        // every record now on the topic, from the beginning: the one accepted before, the one just accepted, and
        // nothing for the request refused during the outage
        List<ConsumerRecord<String, String>> all = readAll(bootstrap);
        assertThat(all).filteredOn(r -> r.key().equals("GitRepository/default/app-after-outage")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(all).noneMatch(r -> r.key().equals("GitRepository/default/app-during-outage"));
    }

    /** Retries as a sender honouring Retry-After would, while the producer reconnects; each answer is 200 or 503 + Retry-After. */
    private HttpResponse<String> postUntilAccepted(Receiver receiver) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            HttpResponse<String> response = post(receiver);
            if (response.statusCode() == 200 || System.nanoTime() > deadline) {
                return response;
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            Thread.sleep(500);
        }
    }

    private HttpResponse<String> post(Receiver receiver) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + receiver.getStatus().webhookPath))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", "sha256=" + Signatures.hmacHex("sha256", TOKEN, BODY.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every record of the topic up to its end offsets at the time of the call. */
    private static List<ConsumerRecord<String, String>> readAll(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "outage-" + UUID.randomUUID());
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        props.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SOURCE_REQUESTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("reading the topic to its end").isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
