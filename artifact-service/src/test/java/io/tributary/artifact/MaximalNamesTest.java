package io.tributary.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tributary.events.ArtifactStored;
import io.tributary.events.CloudEventCodec;
import io.tributary.events.Topics;
import io.tributary.testsupport.KafkaProbe;
import io.tributary.testsupport.KafkaTestResource;
import io.tributary.testsupport.SharedServers;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind, with the longest namespace (63) and name (253) Kubernetes allows and the file names the fetchers give
 * (a chart's {@code <chart>-<version>.tgz} at the longest the store takes, 248): stored, served by path and by its
 * stable link, announced, deleted. Each namespace is unique to the run, since the store outlives a test run.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class MaximalNamesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEX40 = "a".repeat(40);
    private static final String HEX64 = "b".repeat(64);
    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final String NAMESPACE = (RUN + "-" + "n".repeat(63)).substring(0, 62) + "n";
    private static final String CHART_FILE = "c".repeat(248 - "-1.0.0+0123456789ab.tgz".length()) + "-1.0.0+0123456789ab.tgz";
    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("GitRepository", HEX40 + ".tar.gz", "main@sha1:" + HEX40, null, "application/x-tar"),
                Arguments.of("GitRepository", HEX64 + ".tar.gz", "main@sha256:" + HEX64, null, "application/x-tar"),
                Arguments.of("Bucket", HEX64 + ".tar.gz", "sha256:" + HEX64, "latest.tar.gz", "application/x-tar"),
                Arguments.of("HelmChart", CHART_FILE, "1.0.0+0123456789ab", "latest.tar.gz", "application/x-tar"),
                Arguments.of("OCIRepository", HEX64 + ".tar.gz", "latest@sha256:" + HEX64, "latest.tar.gz", "application/gzip"),
                Arguments.of("HelmRepository", "index-" + HEX64 + ".yaml", "sha256:" + HEX64, "index.yaml", "application/octet-stream"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void theLongestNamesWorkForEveryKind(String kind, String file, String revision, String alias, String contentType) throws Exception {
        String object = kind.toLowerCase() + "/" + NAMESPACE + "/" + ArtifactKeyTest.NAME;
        byte[] body = switch (contentType) {
            case "application/x-tar" -> new RawTar().dir("d/").file("d/f.yaml", "k: v\n").end().bytes();
            case "application/gzip" -> new RawTar().file("layer.txt", "x").end().gzip();
            default -> "apiVersion: v1\nentries: {}\n".getBytes();
        };
        try (KafkaProbe probe = new KafkaProbe(SharedServers.kafka().bootstrapServers(), Topics.ARTIFACT_EVENTS)) {
            HttpResponse<String> stored = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/artifacts/" + object + "/" + file
                            + "?objectKind=" + kind + "&revision=" + revision.replace("+", "%2B") + (alias == null ? "" : "&alias=" + alias)))
                    .header("Content-Type", contentType).header("Authorization", "Bearer test-upload-token")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
            JsonNode info = JSON.readTree(stored.body());
            String digest = info.get("digest").asText();
            assertThat(info.get("path").asText()).isEqualTo(object + "/" + file);
            assertThat(info.get("revision").asText()).isEqualTo(revision);

            var records = probe.awaitRecord(r -> (kind + "/" + NAMESPACE + "/" + ArtifactKeyTest.NAME).equals(r.key()), Duration.ofSeconds(30));
            ArtifactStored event = CloudEventCodec.decode(records.get(records.size() - 1).value(), ArtifactStored.class).data();
            assertThat(event.artifact().digest()).isEqualTo(digest);
            assertThat(event.artifact().url()).endsWith("/" + object + "/" + file);

            for (String served : alias == null ? List.of(file) : List.of(file, alias)) {
                HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(base + object + "/" + served)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(download.statusCode()).as(served).isEqualTo(200);
                assertThat("sha256:" + ArtifactHostileInputTest.hex(download.body())).isEqualTo(digest);
            }
        }
        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/artifacts/" + object))
                .header("Authorization", "Bearer test-upload-token").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + object + "/" + file)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(404);
    }
}
