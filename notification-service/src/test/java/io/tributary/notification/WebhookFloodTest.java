package io.tributary.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tributary.api.notification.Receiver;
import io.tributary.api.notification.ReceiverSpec;
import io.tributary.events.Topics;
import io.tributary.notification.webhook.Signatures;
import io.tributary.notification.webhook.WebhookSettings;
import io.tributary.testsupport.ControlPlaneTestResource;
import io.tributary.testsupport.KafkaProbe;
import io.tributary.testsupport.KafkaTestResource;
import io.tributary.testsupport.SharedServers;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Floods of webhooks: refused from their headers when the headers decide, bounded by admission otherwise, and the
 * service answers valid webhooks and health checks throughout and afterwards. Bodies are written from one shared 64 KiB
 * chunk, so the test holds no body in memory.
 */
@QuarkusTest
@TestProfile(WebhookFloodTest.Bounds.class)
@QuarkusTestResource(ControlPlaneTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class WebhookFloodTest {

    /** Small bounds, so that a flood of 150 meets both; a long body timeout, so that held bodies wait for the test. */
    public static class Bounds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tributary.webhook.max-concurrent-requests", "16",
                    "tributary.webhook.max-in-flight-body-bytes", "16777216",
                    "tributary.webhook.body-read-timeout", "120s");
        }
    }

    private static final int FLOOD = 150;
    private static final int SIZE = 3_000_000;
    private static final String TOKEN = "flood-s3cret";
    private static final byte[] CHUNK = new byte[64 * 1024];
    private static final String WRONG_SIGNATURE = "X-Hub-Signature-256: sha256=" + "0".repeat(64);

    @Inject
    KubernetesClient client;
    @Inject
    WebhookSettings settings;
    @Inject
    MeterRegistry meters;

    @TestHTTPResource("/")
    URL base;
    /** Relative to the management root, {@code /q}. */
    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ExecutorService pool;
    private Receiver receiver;

    @BeforeEach
    void setUp() throws Exception {
        pool = Executors.newFixedThreadPool(FLOOD);
        TestReceivers receivers = new TestReceivers(client);
        receiver = receivers.create("flood", ReceiverSpec.Type.GITHUB, List.of("push"), TOKEN, "app-flood");
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void unsignedBodiesAreRefusedFromTheirHeadersWhileTheBodiesAreStillComing() throws Exception {
        String path = receiver.getStatus().webhookPath;
        byte[] head = RawHttp.head("POST", path, "Content-Type: application/json", "X-GitHub-Event: push", "Content-Length: " + SIZE);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<RawHttp.Response>> answers = new ArrayList<>();
        for (int i = 0; i < FLOOD; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                try (RawHttp connection = RawHttp.connect(port())) {
                    // the answer must come while 2.9 MB of the body are still unsent
                    connection.write(head).write(CHUNK);
                    RawHttp.Response answer = connection.read(Duration.ofSeconds(30));
                    finishQuietly(connection, SIZE - CHUNK.length);
                    return answer;
                }
            }));
        }
        go.countDown();
        for (Future<RawHttp.Response> answer : answers) {
            RawHttp.Response response = answer.get(2, TimeUnit.MINUTES);
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.body()).contains("X-Hub-Signature-256");
        }
        assertServiceAnswers();
    }

    @Test
    void beyondTheInFlightBytesWebhooksAre503WithRetryAfter() throws Exception {
        int admitted = (int) Math.min(settings.maxConcurrentRequests(), settings.maxInFlightBodyBytes() / SIZE);
        assertThat(admitted).isLessThan(FLOOD).isPositive();
        held(SIZE, admitted);
        assertServiceAnswers();
    }

    @Test
    void beyondTheConcurrentRequestsWebhooksAre503WithRetryAfter() throws Exception {
        int admitted = settings.maxConcurrentRequests();
        assertThat((long) admitted * 100).isLessThan(settings.maxInFlightBodyBytes());
        held(100, admitted);
        assertServiceAnswers();
    }

    @Test
    void aChunkedBodyCountsAsItStreams() throws Exception {
        int admitted = (int) (settings.maxInFlightBodyBytes() / SIZE);
        List<RawHttp> holding = holdBodies(SIZE, admitted);
        long left = settings.maxInFlightBodyBytes() - (long) admitted * SIZE;
        assertThat(left).isLessThan(settings.maxBodyBytes());
        try (RawHttp chunked = RawHttp.connect(port())) {
            chunked.write(RawHttp.head("POST", receiver.getStatus().webhookPath, "Content-Type: application/json",
                    "X-GitHub-Event: push", WRONG_SIGNATURE, "Transfer-Encoding: chunked"));
            Future<?> writing = pool.submit(() -> {
                for (long sent = 0; sent < settings.maxBodyBytes(); sent += CHUNK.length) {
                    chunked.write(Integer.toHexString(CHUNK.length) + "\r\n").write(CHUNK).write("\r\n");
                }
                return null;
            });
            RawHttp.Response refused = chunked.read(Duration.ofSeconds(30));
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo(Long.toString(settings.retryAfter().toSeconds()));
            assertThat(refused.header("Connection")).isEqualTo("close");
            writing.cancel(true);
        }
        finishHeld(holding, SIZE);
        assertServiceAnswers();
    }

    /**
     * Sends {@link #FLOOD} webhooks with wrong signatures that stop after one byte of their {@code size}-byte body:
     * {@code admitted} of them are admitted and wait for their body, every other one gets 503 + Retry-After at once;
     * health stays UP meanwhile; the admitted ones, finished, get 400.
     */
    private void held(int size, int admitted) throws Exception {
        byte[] head = RawHttp.head("POST", receiver.getStatus().webhookPath, "Content-Type: application/json",
                "X-GitHub-Event: push", WRONG_SIGNATURE, "Content-Length: " + size);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<RawHttp>> opened = new ArrayList<>();
        for (int i = 0; i < FLOOD; i++) {
            opened.add(pool.submit(() -> {
                go.await();
                return RawHttp.connect(port()).write(head).write(new byte[1]);
            }));
        }
        go.countDown();
        List<RawHttp> connections = new ArrayList<>();
        for (Future<RawHttp> connection : opened) {
            connections.add(connection.get(1, TimeUnit.MINUTES));
        }
        List<Future<RawHttp.Response>> answers = new ArrayList<>();
        for (RawHttp connection : connections) {
            answers.add(pool.submit(() -> connection.read(Duration.ofMinutes(2))));
        }
        awaitCount(answers, FLOOD - admitted);
        List<RawHttp> pending = new ArrayList<>();
        for (int i = 0; i < FLOOD; i++) {
            if (answers.get(i).isDone()) {
                RawHttp.Response refused = answers.get(i).get();
                assertThat(refused.status()).as(refused.body()).isEqualTo(503);
                assertThat(refused.header("Retry-After")).isEqualTo(Long.toString(settings.retryAfter().toSeconds()));
                connections.get(i).close();
            } else {
                pending.add(connections.get(i));
            }
        }
        assertThat(pending).hasSize(admitted);
        assertThat(gauge("tributary.webhook.requests.in.flight")).isEqualTo(admitted);
        assertHealthy();
        for (int i = 0; i < FLOOD; i++) {
            if (!answers.get(i).isDone()) {
                connections.get(i).writeRepeated(CHUNK, size - 1);
            }
        }
        for (int i = 0; i < FLOOD; i++) {
            RawHttp.Response answer = answers.get(i).get(1, TimeUnit.MINUTES);
            assertThat(answer.status()).as(answer.body()).isIn(400, 503);
            connections.get(i).close();
        }
        assertThat(answers.stream().filter(a -> status(a) == 400).count()).isEqualTo(admitted);
    }

    /** Admits {@code count} webhooks holding {@code size} bytes each, waiting for their body. */
    private List<RawHttp> holdBodies(int size, int count) throws Exception {
        List<RawHttp> holding = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            holding.add(RawHttp.connect(port()).write(RawHttp.head("POST", receiver.getStatus().webhookPath,
                    "Content-Type: application/json", "X-GitHub-Event: push", WRONG_SIGNATURE, "Content-Length: " + size)).write(new byte[1]));
            int expected = i + 1;
            awaitTrue(() -> gauge("tributary.webhook.requests.in.flight") == expected);
        }
        return holding;
    }

    private void finishHeld(List<RawHttp> holding, int size) throws Exception {
        for (RawHttp connection : holding) {
            connection.writeRepeated(CHUNK, size - 1);
            assertThat(connection.read(Duration.ofSeconds(30)).status()).isEqualTo(400);
            connection.close();
        }
    }

    /** After a flood: health UP, and a signed push is answered 200 and requests its fetch. */
    private void assertServiceAnswers() throws Exception {
        awaitTrue(() -> gauge("tributary.webhook.requests.in.flight") == 0);
        assertThat(gauge("tributary.webhook.body.bytes.in.flight")).isZero();
        assertHealthy();
        String body = "{\"ref\":\"refs/heads/main\"}";
        try (KafkaProbe probe = new KafkaProbe(SharedServers.kafka().bootstrapServers(), Topics.SOURCE_REQUESTS)) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "")
                            + receiver.getStatus().webhookPath))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").header("X-GitHub-Event", "push")
                    .header("X-Hub-Signature-256", "sha256=" + Signatures.hmacHex("sha256", TOKEN, body.getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            probe.awaitRecord(r -> "GitRepository/default/app-flood".equals(r.key()), Duration.ofSeconds(30));
        }
    }

    private void assertHealthy() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(ready.toURI()).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\": \"UP\"");
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private int port() {
        return base.getPort();
    }

    private static int status(Future<RawHttp.Response> answer) {
        try {
            return answer.get().status();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Writes the rest of a body the server may already have answered; it drains what it does not read. */
    private static void finishQuietly(RawHttp connection, long bytes) {
        try {
            connection.writeRepeated(CHUNK, bytes);
        } catch (IOException closed) {
            // the server is free to close after its answer
        }
    }

    private static void awaitCount(List<? extends Future<?>> futures, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (futures.stream().filter(Future::isDone).count() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(futures.stream().filter(Future::isDone).count()).as("answers so far").isEqualTo(count);
    }

    private static void awaitTrue(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30s");
            }
            Thread.sleep(20);
        }
    }
}
