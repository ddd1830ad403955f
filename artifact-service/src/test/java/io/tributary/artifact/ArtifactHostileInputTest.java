package io.tributary.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tributary.events.ArtifactStored;
import io.tributary.events.CloudEventCodec;
import io.tributary.events.Topics;
import io.tributary.testsupport.KafkaProbe;
import io.tributary.testsupport.KafkaTestResource;
import io.tributary.testsupport.SharedServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile uploads and downloads against the running service (limits from the test profile: 1 MiB per file, 4 MiB
 * per tree, 8 MiB of tar stream, 1000 entries, 16 segments, 1024 bytes per name). Each row asserts the exact status
 * and problem reason, that the three stored victims (a git tarball, a chart with its {@code latest.tar.gz} link, a
 * Helm index with its {@code index.yaml} link) are still served with their digests, and that no ArtifactStored was
 * published: after the row, each victim is uploaded again unchanged, and the real Kafka consumer must see exactly
 * those three "ArtifactUpToDate" records and nothing else. The markers share the victims' record keys, hence their
 * partitions, so a record published by the hostile request would arrive before them.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ArtifactHostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "Bearer test-upload-token";
    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final int MIB = 1024 * 1024;

    static final String GIT = "gitrepository/hostile/victim-" + RUN + "/" + COMMIT + ".tar.gz";
    static final String GIT_QUERY = "?objectKind=GitRepository&revision=main@sha1:" + COMMIT;
    static final String CHART_DIR = "helmchart/hostile/chart-" + RUN + "/";
    static final String CHART = CHART_DIR + "demo-1.0.0.tgz";
    static final String CHART_QUERY = "?objectKind=HelmChart&revision=1.0.0&alias=latest.tar.gz";
    static final String INDEX_DIR = "helmrepository/hostile/repo-" + RUN + "/";
    static final byte[] INDEX_BYTES = "apiVersion: v1\nentries: {}\n".getBytes(StandardCharsets.UTF_8);
    static final String INDEX_HEX = hex(INDEX_BYTES);
    static final String INDEX = INDEX_DIR + "index-" + INDEX_HEX + ".yaml";
    static final String INDEX_QUERY = "?objectKind=HelmRepository&revision=sha256:" + INDEX_HEX + "&alias=index.yaml";

    private static final byte[] GIT_TAR = new RawTar().dir("deploy/").file("deploy/app.yaml", "kind: ConfigMap\n").end().bytes();
    private static final byte[] CHART_TAR = new RawTar().dir("demo/").file("demo/Chart.yaml", "name: demo\nversion: 1.0.0\n").end().bytes();

    private static KafkaProbe probe;
    private static Map<String, String> digests;

    /** One request: method, path under the service's root, Content-Type and Authorization (null: none), body. */
    record Call(String method, String path, String contentType, String auth, byte[] body) {
    }

    /** A hostile request and what the service must answer: status, problem reason and a part of its message. */
    record Row(String name, Call call, int status, String reason, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static String base() {
        return "http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class) + "/";
    }

    @BeforeAll
    static void storeVictims() throws Exception {
        probe = new KafkaProbe(SharedServers.kafka().bootstrapServers(), Topics.ARTIFACT_EVENTS);
        assertThat(send(tar(GIT + GIT_QUERY, GIT_TAR)).statusCode()).isEqualTo(201);
        assertThat(send(tar(CHART + CHART_QUERY, CHART_TAR)).statusCode()).isEqualTo(201);
        assertThat(send(new Call("PUT", "api/v1/artifacts/" + INDEX + INDEX_QUERY, "application/octet-stream", TOKEN, INDEX_BYTES))
                .statusCode()).isEqualTo(201);
        digests = Map.of(GIT, servedDigest(GIT), CHART, servedDigest(CHART), CHART_DIR + "latest.tar.gz", servedDigest(CHART),
                INDEX, "sha256:" + INDEX_HEX, INDEX_DIR + "index.yaml", "sha256:" + INDEX_HEX);
        List<ConsumerRecord<String, String>> seen = awaitMarkers();
        assertThat(seen).extracting(ArtifactHostileInputTest::reason).containsOnly("NewArtifact", "ArtifactUpToDate").hasSize(6);
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    static Stream<Row> hostile() throws IOException {
        String git = "api/v1/artifacts/" + GIT + GIT_QUERY;
        String gitDir = "api/v1/artifacts/gitrepository/hostile/victim-" + RUN + "/";
        byte[] text = "The quick brown fox jumps over the lazy dog.\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
        byte[] badChecksum = RawTar.header("a.txt", '0', 1, null);
        RawTar.put(badChecksum, 148, 8, "012345\0 ".getBytes(StandardCharsets.US_ASCII));
        byte[] gz = new RawTar().file("a.txt", "a").end().gzip();
        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 8] ^= 0x01;
        RawTar manyFiles = new RawTar();
        for (int i = 0; i < 5; i++) {
            manyFiles.entry("f" + i, '0', new byte[MIB], null);
        }
        RawTar bomb = new RawTar();
        for (int i = 0; i < 1001; i++) {
            bomb.file(String.format("f%04d", i), "");
        }
        return Stream.of(
                invalid("4.5 KB of plain text as a tar", tar(git, text), "not a valid tar archive"),
                invalid("an empty body", tar(git, new byte[0]), "the body is empty"),
                invalid("text shorter than a tar header", tar(git, "hello".getBytes()), "shorter than one 512-byte tar header"),
                invalid("a tar without its end marker", tar(git, new RawTar().file("a", "a").bytes()), "without its end-of-archive marker"),
                invalid("a tar truncated inside an entry", tar(git, java.util.Arrays.copyOf(new RawTar().file("a", "x".repeat(4000)).end().bytes(), 1536)),
                        "'a' is truncated"),
                invalid("a bad header checksum", tar(git, new RawTar().entry(badChecksum, "a".getBytes()).end().bytes()), "checksum"),
                invalid("a truncated gzip", gzip(git, java.util.Arrays.copyOf(gz, gz.length / 2)), "gzip stream is truncated"),
                invalid("a gzip with a bad CRC", gzip(git, badCrc), "gzip stream is corrupt"),
                invalid("a gzip bomb: 16 MiB of zeros", gzip(git, RawTar.gzip(new byte[16 * MIB])), "8388608 bytes once decompressed"),
                invalid("a gzip bomb: a 64 MiB file", gzip(git, new RawTar().entry("big", '0', new byte[64 * MIB], null).end().gzip()),
                        "'big' is 67108864 bytes, over the limit of 1048576"),
                invalid("a gzip bomb: five 1 MiB files", gzip(git, manyFiles.end().gzip()), "exceeds the limit of 4194304"),
                invalid("a tar bomb: 1001 entries", tar(git, bomb.end().bytes()), "more than 1000 entries"),
                invalid("17 directories deep", tar(git, new RawTar().file("a/".repeat(16) + "f", "x").end().bytes()),
                        "17 path segments deep, over the limit of 16"),
                invalid("a hard link", tar(git, new RawTar().file("a", "a").entry("b", '1', new byte[0], "a").end().bytes()), "is a hard link"),
                invalid("a character device", tar(git, new RawTar().entry("tty", '3', new byte[0], null).end().bytes()), "is a device file"),
                invalid("a named pipe", tar(git, new RawTar().entry("fifo", '6', new byte[0], null).end().bytes()), "is a named pipe"),
                invalid("a sparse file", tar(git, new RawTar().entry("sparse", 'S', new byte[0], null).end().bytes()), "is a sparse file"),
                invalid("a ../ entry", tar(git, new RawTar().file("../../etc/evil", "x").end().bytes()), "escapes the archive root"),
                invalid("an absolute entry", tar(git, new RawTar().file("/etc/evil", "x").end().bytes()), "absolute path"),
                invalid("duplicate entries", tar(git, new RawTar().file("a", "1").file("a", "2").end().bytes()), "duplicate entry 'a'"),
                invalid("an entry below a file", tar(git, new RawTar().file("a", "1").file("a/b", "2").end().bytes()), "lies below 'a'"),
                invalid("entries out of order", tar(git, new RawTar().file("b", "1").file("a", "2").end().bytes()), "lexical order"),
                invalid("a 100 KiB GNU long name", tar(git, new RawTar().gnuLongName("l".repeat(100 * 1024).getBytes()).file("f", "x").end().bytes()),
                        "GNU long-name header record is"),
                invalid("a 100 KiB PAX header", tar(git, new RawTar().pax("comment=" + "c".repeat(100 * 1024)).file("f", "x").end().bytes()),
                        "PAX header record is"),
                invalid("a PAX size of -1", tar(git, new RawTar().pax("size=-1").file("f", "x").end().bytes()), "not a valid tar archive"),
                invalid("a PAX mtime that is not a number", tar(git, new RawTar().pax("mtime=yesterday").file("f", "x").end().bytes()),
                        "not a valid tar archive"),
                invalid("a PAX path that is absolute", tar(git, new RawTar().pax("path=/etc/shadow").file("f", "x").end().bytes()), "absolute path"),
                invalid("a PAX path with a NUL", tar(git, new RawTar().pax("path=a\0b").file("f", "x").end().bytes()), "NUL"),
                invalid("a 1025-byte entry name", tar(git, new RawTar().pax("path=" + String.join("/", java.util.Collections.nCopies(4, "n".repeat(255)))
                        + "/a").file("f", "x").end().bytes()), "name of 1025 bytes, over the limit of 1024"),
                invalid("a 256-byte path segment", tar(git, new RawTar().pax("path=" + "s".repeat(256)).file("f", "x").end().bytes()),
                        "file-name limit of 255"),
                invalid("a second archive appended", tar(git, new RawTar().file("a", "a").end().file("b", "b").end().bytes()),
                        "data after the end-of-archive marker"),
                row("Content-Type text/plain", new Call("PUT", git, "text/plain", TOKEN, GIT_TAR), 415, "UnsupportedMediaType", "text/plain"),
                row("an archive sent as application/octet-stream", new Call("PUT", git, "application/octet-stream", TOKEN, GIT_TAR), 415,
                        "UnsupportedMediaType", "cannot be stored as the archive"),
                row("an archive sent without Content-Type", new Call("PUT", git, null, TOKEN, GIT_TAR), 415, "UnsupportedMediaType",
                        "Content-Type: required"),
                row("no upload token", new Call("PUT", git, "application/x-tar", null, GIT_TAR), 401, "Unauthorized", "upload token"),
                row("a wrong upload token", new Call("PUT", git, "application/x-tar", "Bearer wrong", GIT_TAR), 401, "Unauthorized", "upload token"),
                row("Basic instead of Bearer", new Call("PUT", git, "application/x-tar", "Basic dGVzdDp0ZXN0", GIT_TAR), 401, "Unauthorized", "token"),
                row("a delete without the token", new Call("DELETE", gitDir.replaceFirst("/$", ""), null, null, null), 401, "Unauthorized", "token"),
                row("the victim's digest sidecar as file", tar(gitDir + COMMIT + ".tar.gz.sha256" + GIT_QUERY, GIT_TAR), 400, "ReservedName",
                        "reserved for digest sidecars"),
                row("a sidecar as a raw file", new Call("PUT", "api/v1/artifacts/" + INDEX + ".sha256" + INDEX_QUERY.replace("&alias=index.yaml", ""),
                        "application/octet-stream", TOKEN, "sha256:0".getBytes()), 400, "ReservedName", "reserved for digest sidecars"),
                row("latest.tar.gz as file", tar("api/v1/artifacts/" + CHART_DIR + "latest.tar.gz?objectKind=HelmChart&revision=6.6.6", CHART_TAR), 400,
                        "ReservedName", "reserved for the stable link"),
                row("index.yaml as a raw file", new Call("PUT", "api/v1/artifacts/" + INDEX_DIR + "index.yaml?objectKind=HelmRepository&revision=sha256:x",
                        "application/octet-stream", TOKEN, "entries: {}".getBytes()), 400, "ReservedName", "reserved for the stable link"),
                row("a temporary file's name", tar(gitDir + ".tmp-0b1c2d3e-1111-2222-3333-444455556666" + GIT_QUERY, GIT_TAR), 400, "ReservedName",
                        "names starting with '.'"),
                row("a link file's name", tar("api/v1/artifacts/" + CHART_DIR + ".latest.tar.gz.link?objectKind=HelmChart&revision=6.6.6", CHART_TAR),
                        400, "ReservedName", "names starting with '.'"),
                row("a sidecar as alias", tar("api/v1/artifacts/" + CHART_DIR + "demo-6.6.6.tgz?objectKind=HelmChart&revision=6.6.6&alias=demo-1.0.0.tgz.sha256",
                        CHART_TAR), 400, "ReservedName", "alias: names ending in '.sha256'"),
                row("another artifact as alias", tar("api/v1/artifacts/" + CHART_DIR + "demo-6.6.6.tgz?objectKind=HelmChart&revision=6.6.6&alias=demo-1.0.0.tgz",
                        CHART_TAR), 400, "InvalidRequest", "alias: must be a stable link name"),
                row("a traversal alias", tar("api/v1/artifacts/" + CHART_DIR + "demo-6.6.6.tgz?objectKind=HelmChart&revision=6.6.6&alias=..%2F..%2Fx",
                        CHART_TAR), 400, "InvalidRequest", "alias: invalid value '../../x'"),
                row("an encoded traversal in the file", tar(gitDir + "..%2F..%2F..%2Fetc%2Fpasswd" + GIT_QUERY, GIT_TAR), 400, "InvalidRequest",
                        "file: invalid value '../../../etc/passwd'"),
                row("an encoded traversal as the name", tar("api/v1/artifacts/gitrepository/hostile/..%2Fvictim-" + RUN + "/" + COMMIT + ".tar.gz"
                        + GIT_QUERY, GIT_TAR), 400, "InvalidRequest", "name: invalid value '../victim-"),
                row("a NUL in the file", tar(gitDir + "a%00b.tar.gz" + GIT_QUERY, GIT_TAR), 400, "InvalidRequest", "file: invalid value 'a?b.tar.gz'"),
                row("a 254-character name", tar("api/v1/artifacts/gitrepository/hostile/" + "n".repeat(254) + "/" + COMMIT + ".tar.gz" + GIT_QUERY,
                        GIT_TAR), 400, "InvalidRequest", "name: must be at most 253 characters, got 254"),
                row("a 64-character namespace", tar("api/v1/artifacts/gitrepository/" + "n".repeat(64) + "/victim-" + RUN + "/" + COMMIT + ".tar.gz"
                        + GIT_QUERY, GIT_TAR), 400, "InvalidRequest", "namespace: must be at most 63 characters, got 64"),
                row("a 249-character file", tar(gitDir + "f".repeat(242) + ".tar.gz" + GIT_QUERY, GIT_TAR), 400, "InvalidRequest",
                        "file: must be at most 248 characters, got 249"),
                row("an unknown kind", tar("api/v1/artifacts/secret/hostile/victim-" + RUN + "/" + COMMIT + ".tar.gz" + GIT_QUERY, GIT_TAR), 400,
                        "InvalidRequest", "kind: must be one of"),
                row("objectKind not matching the path", tar(gitDir + COMMIT + ".tar.gz?objectKind=Bucket&revision=x", GIT_TAR), 400, "InvalidRequest",
                        "objectKind: must be 'GitRepository'"),
                row("objectKind in lower case", tar(gitDir + COMMIT + ".tar.gz?objectKind=gitrepository&revision=x", GIT_TAR), 400, "InvalidRequest",
                        "objectKind: must be 'GitRepository'"),
                row("a revision with a line break", tar(gitDir + COMMIT + ".tar.gz?objectKind=GitRepository&revision=main%0Aforged", GIT_TAR), 400,
                        "InvalidRequest", "revision: must not contain control characters"),
                row("no revision", tar(gitDir + COMMIT + ".tar.gz?objectKind=GitRepository", GIT_TAR), 400, "InvalidRequest", "revision: must not be empty"),
                row("an empty raw file", new Call("PUT", "api/v1/artifacts/" + INDEX + INDEX_QUERY, "application/octet-stream", TOKEN, new byte[0]), 400,
                        "InvalidRequest", "body: must not be empty"),
                row("a raw file over the limit", new Call("PUT", "api/v1/artifacts/" + INDEX + INDEX_QUERY, "application/yaml", TOKEN, new byte[MIB + 1]),
                        413, "PayloadTooLarge", "over the limit of 1048576"),
                row("download: the victim's sidecar", new Call("GET", GIT + ".sha256", null, null, null), 404, "NotFound", "reserved for digest sidecars"),
                row("download: HEAD of the sidecar", new Call("HEAD", GIT + ".sha256", null, null, null), 404, null, null),
                row("download: the link file", new Call("GET", CHART_DIR + ".latest.tar.gz.link", null, null, null), 404, "NotFound", "file: invalid value"),
                row("download: a temporary file", new Call("GET", "gitrepository/hostile/victim-" + RUN + "/.tmp-0b1c2d3e-1111-2222-3333-444455556666",
                        null, null, null), 404, "NotFound", "file: invalid value"),
                row("download: an encoded traversal", new Call("GET", "gitrepository/hostile/victim-" + RUN + "/..%2F..%2F..%2Fapplication.properties",
                        null, null, null), 404, "NotFound", "file: invalid value"),
                row("download: an encoded traversal as the kind", new Call("GET", "..%2F..%2Fetc/hostile/victim-" + RUN + "/" + COMMIT + ".tar.gz",
                        null, null, null), 404, "NotFound", "kind: must be one of"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void hostile(Row row) throws Exception {
        HttpResponse<String> response = send(row.call());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(row.status());
        if (row.reason() != null) {
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("status").asInt()).isEqualTo(row.status());
            assertThat(problem.get("reason").asText()).isEqualTo(row.reason());
            assertThat(problem.get("message").asText()).contains(row.message());
        }
        assertVictimsUnchanged();
        awaitOnlyMarkers();
    }

    /** Symbolic links are dropped as Flux drops them; the rest of the upload is stored and announced. */
    @Test
    void symlinksAreDroppedAndTheRestStored() throws Exception {
        String path = "gitrepository/hostile/links-" + RUN + "/" + COMMIT + ".tar.gz";
        byte[] tar = new RawTar().entry("escape", '2', new byte[0], "../../..").entry("etc", '2', new byte[0], "/etc").file("file", "x").end().bytes();
        HttpResponse<String> stored = send(tar("api/v1/artifacts/" + path + GIT_QUERY, tar));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        awaitNewArtifact("GitRepository/hostile/links-" + RUN);
        assertThat(TarFixtures.entryNames(served(path))).containsExactly("file");
        assertVictimsUnchanged();
    }

    /**
     * A tar with no entries is an empty tree: Flux archives an empty source directory as a valid empty tarball, so it is
     * stored and announced like any other; only an empty body (no tar at all) is refused.
     */
    @Test
    void anEmptyTarIsTheEmptyArtifact() throws Exception {
        String path = "bucket/hostile/empty-" + RUN + "/" + "e".repeat(64) + ".tar.gz";
        HttpResponse<String> stored = send(tar("api/v1/artifacts/" + path + "?objectKind=Bucket&revision=sha256:" + "e".repeat(64),
                new RawTar().end().bytes()));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        awaitNewArtifact("Bucket/hostile/empty-" + RUN);
        assertThat(TarFixtures.entryNames(served(path))).isEmpty();
        assertVictimsUnchanged();
    }

    /** Consumes an accepted upload's record, so that the rows after it see only their markers. */
    private static void awaitNewArtifact(String key) {
        List<ConsumerRecord<String, String>> seen = probe.awaitRecord(r -> key.equals(r.key()), Duration.ofSeconds(30));
        assertThat(seen).extracting(ConsumerRecord::key).containsExactly(key);
        assertThat(reason(seen.get(0))).isEqualTo("NewArtifact");
    }

    private static void assertVictimsUnchanged() throws Exception {
        for (Map.Entry<String, String> victim : digests.entrySet()) {
            HttpResponse<byte[]> served = HTTP.send(HttpRequest.newBuilder(URI.create(base() + victim.getKey())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(served.statusCode()).as(victim.getKey()).isEqualTo(200);
            assertThat(served.headers().firstValue("ETag")).as(victim.getKey()).hasValue("\"" + victim.getValue() + "\"");
            assertThat("sha256:" + hex(served.body())).as(victim.getKey()).isEqualTo(victim.getValue());
        }
    }

    /** Uploads every victim again, unchanged, and requires the consumer to see those three records and no other. */
    private static void awaitOnlyMarkers() throws Exception {
        List<ConsumerRecord<String, String>> seen = awaitMarkers();
        assertThat(seen).hasSize(3);
        assertThat(seen).extracting(ArtifactHostileInputTest::reason).containsOnly("ArtifactUpToDate");
    }

    /** Uploads every victim again, unchanged, and returns every record seen until the three "ArtifactUpToDate" ones arrived. */
    private static List<ConsumerRecord<String, String>> awaitMarkers() throws Exception {
        assertThat(send(tar("api/v1/artifacts/" + GIT + GIT_QUERY, GIT_TAR)).statusCode()).isEqualTo(200);
        assertThat(send(tar("api/v1/artifacts/" + CHART + CHART_QUERY, CHART_TAR)).statusCode()).isEqualTo(200);
        assertThat(send(new Call("PUT", "api/v1/artifacts/" + INDEX + INDEX_QUERY, "application/octet-stream", TOKEN, INDEX_BYTES))
                .statusCode()).isEqualTo(200);
        Set<String> pending = new HashSet<>(Set.of(key("GitRepository", GIT), key("HelmChart", CHART), key("HelmRepository", INDEX)));
        return probe.awaitRecord(r -> {
            if ("ArtifactUpToDate".equals(reason(r))) {
                pending.remove(r.key());
            }
            return pending.isEmpty();
        }, Duration.ofSeconds(30));
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return CloudEventCodec.decode(record.value(), ArtifactStored.class).data().reason();
    }

    private static String key(String kind, String path) {
        String[] parts = path.split("/");
        return kind + "/" + parts[1] + "/" + parts[2];
    }

    private static Call tar(String path, byte[] body) {
        return new Call("PUT", path.startsWith("api/") ? path : "api/v1/artifacts/" + path, "application/x-tar", TOKEN, body);
    }

    private static Call gzip(String path, byte[] body) {
        return new Call("PUT", path, "application/gzip", TOKEN, body);
    }

    private static Row invalid(String name, Call call, String message) {
        return new Row(name, call, 400, "InvalidArchive", message);
    }

    private static Row row(String name, Call call, int status, String reason, String message) {
        return new Row(name, call, status, reason, message);
    }

    static HttpResponse<String> send(Call call) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + call.path()));
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        if (call.auth() != null) {
            request.header("Authorization", call.auth());
        }
        request.method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String servedDigest(String path) throws Exception {
        return "sha256:" + hex(served(path));
    }

    private static byte[] served(String path) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
