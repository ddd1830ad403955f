package io.tributary.artifact;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ArtifactServiceTest {

    private final HttpClient http = HttpClient.newHttpClient();
    /** Object names unique to this run, since the store outlives a test run. */
    private final String run = Long.toString(System.nanoTime(), 36);

    @TestHTTPResource("/")
    URL base;

    private HttpResponse<String> upload(String path, byte[] tar) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/artifacts/" + path))
                .header("Content-Type", "application/x-tar")
                .header("Authorization", "Bearer test-upload-token")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(tar)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void storesServesAndAnnouncesADeterministicArtifact() throws Exception {
        byte[] tar = TarFixtures.tar(1_700_000_000_000L, 1000, "deploy/", "", "deploy/app.yaml", "kind: ConfigMap\n");
        try (KafkaProbe probe = new KafkaProbe(SharedServers.kafka().bootstrapServers(), Topics.ARTIFACT_EVENTS)) {
            HttpResponse<String> created = upload("gitrepository/default/app-" + run + "/abc123.tar.gz?objectKind=GitRepository&revision=main@sha1:abc123", tar);
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.body()).contains("\"path\":\"gitrepository/default/app-" + run + "/abc123.tar.gz\"");

            var records = probe.awaitRecord(r -> ("GitRepository/default/app-" + run).equals(r.key()), Duration.ofSeconds(30));
            ArtifactStored event = CloudEventCodec.decode(records.get(records.size() - 1).value(), ArtifactStored.class).data();
            assertThat(event.reason()).isEqualTo("NewArtifact");
            assertThat(event.artifact().revision()).isEqualTo("main@sha1:abc123");

            HttpResponse<byte[]> served = http.send(HttpRequest.newBuilder(URI.create(base + "gitrepository/default/app-" + run + "/abc123.tar.gz")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type")).hasValue("application/gzip");
            assertThat(served.headers().firstValueAsLong("Content-Length")).hasValue(served.body().length);
            String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(served.body()));
            assertThat(digest).isEqualTo(event.artifact().digest());
            assertThat(served.headers().firstValue("ETag")).hasValue("\"" + digest + "\"");

            HttpResponse<String> again = upload("gitrepository/default/app-" + run + "/abc123.tar.gz?objectKind=GitRepository&revision=main@sha1:abc123",
                    TarFixtures.tar(42L, 7, "deploy/", "", "deploy/app.yaml", "kind: ConfigMap\n"));
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).contains(digest);

            HttpResponse<Void> notModified = http.send(HttpRequest.newBuilder(URI.create(base + "gitrepository/default/app-" + run + "/abc123.tar.gz"))
                    .header("If-None-Match", "\"" + digest + "\"").build(), HttpResponse.BodyHandlers.discarding());
            assertThat(notModified.statusCode()).isEqualTo(304);
        }
    }

    @Test
    void rejectsAnUnsafeArchiveAndKeepsTheStoredOne() throws Exception {
        byte[] good = TarFixtures.tar(0, 0, "a.txt", "good");
        assertThat(upload("gitrepository/default/keep-" + run + "/c1.tar.gz?objectKind=GitRepository&revision=main@sha1:c1", good).statusCode()).isEqualTo(201);
        HttpResponse<byte[]> before = http.send(HttpRequest.newBuilder(URI.create(base + "gitrepository/default/keep-" + run + "/c1.tar.gz")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        HttpResponse<String> rejected = upload("gitrepository/default/keep-" + run + "/c1.tar.gz?objectKind=GitRepository&revision=main@sha1:c1",
                TarFixtures.tarWithRawName("../../etc/evil", "x"));
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.body()).contains("escapes the archive root");

        HttpResponse<byte[]> after = http.send(HttpRequest.newBuilder(URI.create(base + "gitrepository/default/keep-" + run + "/c1.tar.gz")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(after.body()).isEqualTo(before.body());
    }

    @Test
    void rejectsBadPathsAndParameters() throws Exception {
        byte[] tar = TarFixtures.tar(0, 0, "a.txt", "x");
        HttpResponse<String> badName = upload("gitrepository/default/Bad_Name/c.tar.gz?objectKind=GitRepository&revision=r", tar);
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(badName.body()).contains("name: invalid value 'Bad_Name'");
        HttpResponse<String> noRevision = upload("gitrepository/default/ok/c.tar.gz?objectKind=GitRepository", tar);
        assertThat(noRevision.statusCode()).isEqualTo(400);
        assertThat(noRevision.body()).contains("revision: must not be empty");
        HttpResponse<String> wrongKind = upload("gitrepository/default/ok/c.tar.gz?objectKind=HelmChart&revision=r", tar);
        assertThat(wrongKind.statusCode()).isEqualTo(400);
        assertThat(wrongKind.body()).contains("objectKind");
        HttpResponse<String> traversal = http.send(HttpRequest.newBuilder(URI.create(base + "gitrepository/default/ok/..%2F..%2Fsecret")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(traversal.statusCode()).isEqualTo(404);
    }

    @Test
    void uploadsNeedTheTokenButDownloadsDoNot() throws Exception {
        byte[] tar = TarFixtures.tar(0, 0, "a.txt", "x");
        for (String header : new String[] {null, "Bearer wrong", "Basic dGVzdA=="}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "api/v1/artifacts/gitrepository/default/auth-" + run
                    + "/c.tar.gz?objectKind=GitRepository&revision=r")).header("Content-Type", "application/x-tar")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(tar));
            if (header != null) {
                request.header("Authorization", header);
            }
            assertThat(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        }
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/artifacts/gitrepository/default/auth-" + run)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(upload("gitrepository/default/auth-" + run + "/c.tar.gz?objectKind=GitRepository&revision=r", tar).statusCode()).isEqualTo(201);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "gitrepository/default/auth-" + run + "/c.tar.gz")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    }

    @Test
    void aStableAliasFollowsTheNewestArtifact() throws Exception {
        String prefix = "helmchart/default/chart-" + run + "/";
        assertThat(upload(prefix + "demo-1.0.0.tgz?objectKind=HelmChart&revision=1.0.0&alias=latest.tar.gz",
                TarFixtures.tar(0, 0, "demo/", "", "demo/Chart.yaml", "version: 1.0.0\n")).statusCode()).isEqualTo(201);
        assertThat(upload(prefix + "demo-1.1.0.tgz?objectKind=HelmChart&revision=1.1.0&alias=latest.tar.gz",
                TarFixtures.tar(0, 0, "demo/", "", "demo/Chart.yaml", "version: 1.1.0\n")).statusCode()).isEqualTo(201);
        byte[] latest = http.send(HttpRequest.newBuilder(URI.create(base + prefix + "latest.tar.gz")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        byte[] newest = http.send(HttpRequest.newBuilder(URI.create(base + prefix + "demo-1.1.0.tgz")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(latest).isNotEmpty().isEqualTo(newest);
        assertThat(upload(prefix + "demo-1.1.0.tgz?objectKind=HelmChart&revision=1.1.0&alias=../../x",
                TarFixtures.tar(0, 0, "a", "b")).statusCode()).isEqualTo(400);
    }
}
