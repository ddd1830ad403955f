package io.tributary.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tributary.api.notification.Receiver;
import io.tributary.api.notification.ReceiverSpec.Type;
import io.tributary.events.Topics;
import io.tributary.notification.webhook.Signatures;
import io.tributary.testsupport.ControlPlaneTestResource;
import io.tributary.testsupport.KafkaProbe;
import io.tributary.testsupport.KafkaTestResource;
import io.tributary.testsupport.SharedServers;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile webhook requests, one row each, sent over a plain socket: the exact status, and whether a FetchRequested was
 * published. After each row a sentinel webhook (a generic Receiver whose repository's key lands on the same
 * partition as the row's) is sent; the records read up to the sentinel's are all the row can have published, since
 * records of one partition arrive in order and the row was answered, so acknowledged, before the sentinel was sent.
 *
 * <p>Expected statuses follow Flux notification-controller v1.9.3 ({@code internal/server/receiver_handlers.go}):
 * every validation failure is 400, a suspended Receiver 503, an unknown path (matched on the raw request URI, query
 * included) 404, a body over 3 MiB 413. Beyond Flux: another method than POST is 405; what the HTTP decoder itself
 * refuses (a request line over 4096 bytes: 414; malformed framing or header bytes: 400) never reaches a handler.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlaneTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookHostileInputTest {

    private static final String TOKEN = "hostile-s3cret";
    private static final String OTHER_TOKEN = "another-receivers-s3cret";
    private static final int MAX = 3 * 1024 * 1024;
    private static final String PUSH = "{\"ref\":\"refs/heads/main\"}";
    private static final String JSON = "Content-Type: application/json";
    private static final String EVENT = "X-GitHub-Event: push";

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/")
    URL base;

    /** Receiver name → its webhook path, and → the sentinel Receiver's path and repository key. */
    private final Map<String, String> paths = new HashMap<>();
    private final Map<String, String[]> sentinels = new HashMap<>();
    private KafkaProbe probe;

    /** A row: which Receiver it aims at, the raw request built from that Receiver's path, the answer, whether published. */
    record Row(String name, String receiver, Function<String, byte[]> request, int status, boolean published) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void receivers() throws Exception {
        TestReceivers receivers = new TestReceivers(client);
        SharedServers.kafka().createTopics(3, Topics.SOURCE_REQUESTS);
        int partitions = partitions();
        create(receivers, "gh", Type.GITHUB, List.of("push"), TOKEN, partitions);
        create(receivers, "other", Type.GITHUB, List.of("push"), OTHER_TOKEN, partitions);
        create(receivers, "gitlab", Type.GITLAB, List.of("Push Hook"), TOKEN, partitions);
        create(receivers, "hmac", Type.GENERIC_HMAC, null, TOKEN, partitions);
        create(receivers, "nexus", Type.NEXUS, null, TOKEN, partitions);
        create(receivers, "harbor", Type.HARBOR, null, TOKEN, partitions);
        create(receivers, "dockerhub", Type.DOCKERHUB, null, TOKEN, partitions);
        create(receivers, "suspended", Type.GITHUB, List.of("push"), TOKEN, partitions);
        receivers.suspend("hostile-suspended");
        probe = new KafkaProbe(SharedServers.kafka().bootstrapServers(), Topics.SOURCE_REQUESTS);
    }

    @AfterAll
    void closeProbe() {
        probe.close();
    }

    private void create(TestReceivers receivers, String name, Type type, List<String> events, String token, int partitions) {
        Receiver receiver = receivers.create("hostile-" + name, type, events, token, "hostile-" + name);
        paths.put(name, receiver.getStatus().webhookPath);
        int partition = partition(key("hostile-" + name), partitions);
        String repository = null;
        for (int i = 0; repository == null; i++) {
            if (partition(key("sentinel-" + name + "-" + i), partitions) == partition) {
                repository = "sentinel-" + name + "-" + i;
            }
        }
        Receiver sentinel = receivers.create("sentinel-" + name, Type.GENERIC, null, "sentinel-token", repository);
        sentinels.put(name, new String[] {sentinel.getStatus().webhookPath, key(repository)});
    }

    static Stream<Row> rows() {
        byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, (byte) 0xc3, '"', '}'};
        String deep = "[".repeat(100_000);
        String nexusInvalidUtf8 = "{\"action\":\"\u00ff\"}";
        return Stream.of(
                // bodies
                row("empty body, unsigned", "gh", p -> post(p, "", JSON, EVENT), 400, false),
                row("empty body, signed (the signature is what counts)", "gh", p -> post(p, "", JSON, EVENT, sig(TOKEN, "")), 200, true),
                row("not JSON, signed, Content-Type text/plain", "gh", p -> post(p, "not json", "Content-Type: text/plain", EVENT,
                        sig(TOKEN, "not json")), 400, false),
                row("not JSON, signed: GitHub payloads are not parsed", "gh", p -> post(p, "not json", JSON, EVENT, sig(TOKEN, "not json")),
                        200, true),
                row("not JSON, Nexus, signed: Flux decodes the payload", "nexus", p -> post(p, "not json",
                        "X-Nexus-Webhook-Signature: " + Signatures.hmacHex("sha1", TOKEN, bytes("not json"))), 400, false),
                row("JSON nested 100000 deep, Nexus, signed", "nexus", p -> post(p, deep,
                        "X-Nexus-Webhook-Signature: " + Signatures.hmacHex("sha1", TOKEN, bytes(deep))), 400, false),
                row("JSON nested 100000 deep, GitHub, unsigned", "gh", p -> post(p, deep, JSON, EVENT), 400, false),
                row("invalid UTF-8, signed with another receiver's token", "gh", p -> post(p, invalidUtf8, JSON, EVENT,
                        "X-Hub-Signature-256: sha256=" + Signatures.hmacHex("sha256", OTHER_TOKEN, invalidUtf8)), 400, false),
                row("invalid UTF-8 inside a Nexus string, signed: decoded as Go does", "nexus", p -> post(p, latin1(nexusInvalidUtf8),
                        "X-Nexus-Webhook-Signature: " + Signatures.hmacHex("sha1", TOKEN, latin1(nexusInvalidUtf8))), 200, true),
                row("body over 3 MiB, declared", "gh", p -> post(p, new byte[MAX + 1], JSON, EVENT, sig(TOKEN, "x")), 413, false),
                row("body over 3 MiB, chunked: refused as it passes the limit", "gh",
                        p -> chunkedPast(p, MAX, JSON, EVENT, sig(TOKEN, "x")), 413, false),
                row("10 GB declared, nothing sent: refused from the headers", "gh",
                        p -> RawHttp.head("POST", p, JSON, EVENT, sig(TOKEN, "x"), "Content-Length: 10000000000"), 413, false),
                // signatures
                row("wrong signature", "gh", p -> post(p, PUSH, JSON, EVENT, "X-Hub-Signature-256: sha256=" + "0".repeat(64)), 400, false),
                row("signature made with another receiver's token", "gh", p -> post(p, PUSH, JSON, EVENT, sig(OTHER_TOKEN, PUSH)), 400, false),
                row("signature of another body", "gh", p -> post(p, PUSH + " ", JSON, EVENT, sig(TOKEN, PUSH)), 400, false),
                row("signature with an unknown hash prefix", "gh", p -> post(p, PUSH, JSON, EVENT, "X-Hub-Signature-256: md5=00"), 400, false),
                row("GitLab: the token of another receiver", "gitlab", p -> post(p, PUSH, "X-Gitlab-Token: " + OTHER_TOKEN,
                        "X-Gitlab-Event: Push Hook"), 400, false),
                row("GitLab: no token", "gitlab", p -> post(p, PUSH, "X-Gitlab-Event: Push Hook"), 400, false),
                row("Harbor: the token with a Bearer prefix", "harbor", p -> post(p, PUSH, "Authorization: Bearer " + TOKEN), 400, false),
                row("generic-hmac: no X-Signature", "hmac", p -> post(p, PUSH), 400, false),
                // events
                row("event not in spec.events", "gh", p -> post(p, PUSH, JSON, "X-GitHub-Event: issues", sig(TOKEN, PUSH)), 400, false),
                row("ping, not in spec.events", "gh", p -> post(p, PUSH, JSON, "X-GitHub-Event: ping", sig(TOKEN, PUSH)), 400, false),
                row("no event header", "gh", p -> post(p, PUSH, JSON, sig(TOKEN, PUSH)), 400, false),
                row("Expect: 100-continue with a refused event: answered before the body is sent", "gh",
                        p -> RawHttp.head("POST", p, JSON, "X-GitHub-Event: issues", sig(TOKEN, PUSH), "Expect: 100-continue",
                                "Content-Length: " + PUSH.length()), 400, false),
                // headers and framing
                row("header injection: a valid signature header after a wrong one (the first counts)", "gh", p -> post(p, PUSH, JSON, EVENT,
                        "X-Hub-Signature-256: sha256=" + "0".repeat(64), sig(TOKEN, PUSH)), 400, false),
                row("header injection: a bare CR in a header value", "gh", p -> post(p, "", JSON, "X-GitHub-Event: issues\rX-GitHub-Event: push",
                        sig(TOKEN, "")), 400, false),
                row("request smuggling: two different Content-Length headers", "gh",
                        p -> RawHttp.head("POST", p, JSON, EVENT, sig(TOKEN, ""), "Content-Length: 0", "Content-Length: 5"), 400, false),
                row("Content-Length not a number", "gh", p -> RawHttp.head("POST", p, JSON, EVENT, sig(TOKEN, ""), "Content-Length: zero"),
                        400, false),
                // paths and methods
                row("unknown receiver", "gh", p -> post("/hook/" + "f".repeat(64), PUSH, JSON, EVENT, sig(TOKEN, PUSH)), 404, false),
                row("digest in upper case", "gh", p -> post(p.toUpperCase().replace("/HOOK/", "/hook/"), PUSH, JSON, EVENT, sig(TOKEN, PUSH)),
                        404, false),
                row("query string after the path", "gh", p -> post(p + "?x=1", PUSH, JSON, EVENT, sig(TOKEN, PUSH)), 404, false),
                row("path traversal: dot segments back to the path", "gh", p -> post("/hook/.." + p, PUSH, JSON, EVENT, sig(TOKEN, PUSH)),
                        404, false),
                row("path traversal: encoded dot segments to the management API", "gh",
                        p -> post("/hook/%2e%2e/q/health", PUSH, JSON, EVENT, sig(TOKEN, PUSH)), 404, false),
                row("long path under the request-line limit", "gh", p -> post(p + "/" + "a".repeat(3000), PUSH, JSON, EVENT, sig(TOKEN, PUSH)),
                        404, false),
                row("path of 10000 characters", "gh", p -> post(p + "/" + "a".repeat(10_000), PUSH, JSON, EVENT, sig(TOKEN, PUSH)), 414, false),
                row("GET", "gh", p -> RawHttp.head("GET", p), 405, false),
                row("PUT, signed", "gh", p -> post("PUT", p, bytes(PUSH), JSON, EVENT, sig(TOKEN, PUSH)), 405, false),
                // receivers
                row("suspended receiver, signed", "suspended", p -> post(p, PUSH, JSON, EVENT, sig(TOKEN, PUSH)), 503, false),
                row("receiver type not supported", "dockerhub", p -> post(p, PUSH, JSON), 400, false),
                row("a signed push in chunks (control)", "gh", p -> chunked(p, PUSH, JSON, EVENT, sig(TOKEN, PUSH)), 200, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void answersExactlyAndPublishesOnlyWhenAccepted(Row row) throws Exception {
        String path = paths.get(row.receiver());
        RawHttp.Response answer;
        try (RawHttp connection = RawHttp.connect(base.getPort())) {
            answer = connection.write(row.request().apply(path)).read(Duration.ofSeconds(30));
        }
        assertThat(answer.status()).as(answer.body()).isEqualTo(row.status());
        if (row.status() == 405) {
            assertThat(answer.header("Allow")).isEqualTo("POST");
        }
        assertThat(answer.body()).doesNotContain(TOKEN).doesNotContain(OTHER_TOKEN);

        String[] sentinel = sentinels.get(row.receiver());
        try (RawHttp connection = RawHttp.connect(base.getPort())) {
            assertThat(connection.write(post(sentinel[0], "{}")).read(Duration.ofSeconds(30)).status()).isEqualTo(200);
        }
        List<ConsumerRecord<String, String>> seen = probe.awaitRecord(r -> r.key().equals(sentinel[1]), Duration.ofSeconds(30));
        assertThat(seen).filteredOn(r -> r.key().equals(key("hostile-" + row.receiver()))).hasSize(row.published() ? 1 : 0);
    }

    private static Row row(String name, String receiver, Function<String, byte[]> request, int status, boolean published) {
        return new Row(name, receiver, request, status, published);
    }

    private static String sig(String token, String body) {
        return "X-Hub-Signature-256: sha256=" + Signatures.hmacHex("sha256", token, bytes(body));
    }

    private static byte[] post(String path, String body, String... headers) {
        return post("POST", path, bytes(body), headers);
    }

    private static byte[] post(String path, byte[] body, String... headers) {
        return post("POST", path, body, headers);
    }

    private static byte[] post(String method, String path, byte[] body, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        all.add("Content-Length: " + body.length);
        return concat(RawHttp.head(method, path, all.toArray(String[]::new)), body);
    }

    /** A chunked request with the whole body and the last chunk. */
    private static byte[] chunked(String path, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        all.add("Transfer-Encoding: chunked");
        byte[] data = bytes(body);
        int half = data.length / 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RawHttp.head("POST", path, all.toArray(String[]::new)));
        out.writeBytes(bytes(Integer.toHexString(half) + "\r\n"));
        out.write(data, 0, half);
        out.writeBytes(bytes("\r\n" + Integer.toHexString(data.length - half) + "\r\n"));
        out.write(data, half, data.length - half);
        out.writeBytes(bytes("\r\n0\r\n\r\n"));
        return out.toByteArray();
    }

    /** A chunked request whose 64 KiB chunks stop with the first one past {@code limit}: the server reads all of it. */
    private static byte[] chunkedPast(String path, int limit, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        all.add("Transfer-Encoding: chunked");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RawHttp.head("POST", path, all.toArray(String[]::new)));
        byte[] chunk = new byte[64 * 1024];
        for (long sent = 0; sent <= limit; sent += chunk.length) {
            out.writeBytes(bytes(Integer.toHexString(chunk.length) + "\r\n"));
            out.writeBytes(chunk);
            out.writeBytes(bytes("\r\n"));
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** One byte per char: {@code \u00ff} becomes the byte 0xff, which is not UTF-8. */
    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String key(String repository) {
        return "GitRepository/default/" + repository;
    }

    /** The partition the producer's default partitioner picks for a key. */
    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(bytes(key))) % partitions;
    }

    private static int partitions() {
        Properties props = new Properties();
        props.put("bootstrap.servers", SharedServers.kafka().bootstrapServers());
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            return consumer.partitionsFor(Topics.SOURCE_REQUESTS).size();
        }
    }
}
