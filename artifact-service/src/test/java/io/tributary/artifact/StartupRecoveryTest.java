package io.tributary.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tributary.testsupport.KafkaTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The service starts on a store a killed process left behind (prepared before start-up, in a store of its own): the
 * temporary files of every write step are gone, a sidecar without its artifact is gone, an artifact whose sidecar
 * predates its content is served with the digest of what it holds, and nothing else was touched.
 */
@QuarkusTest
@TestProfile(StartupRecoveryTest.KilledMidWrite.class)
class StartupRecoveryTest {

    static final Path STORE = Path.of("target/recovery-artifacts");
    static final Path OBJECT = STORE.resolve("gitrepository/default/app");
    static final Path CATALOG = STORE.resolve(".catalog");
    static final List<String> LEFTOVERS = List.of(".tmp-0b1c2d3e-1111-2222-3333-444455556666", ".c1.tar.gz.tmp-1", ".c1.tar.gz.sha256.tmp-2",
            ".latest.tar.gz.link.tmp-3");

    public static class KilledMidWrite implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(Leftovers.class));
        }
    }

    /** Runs before the application starts: writes what kill -9 in the middle of uploads leaves. */
    public static class Leftovers implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                deleteTree(STORE);
                Files.createDirectories(OBJECT);
                Files.createDirectories(CATALOG);
                Files.write(OBJECT.resolve("c1.tar.gz"), RawTar.gzip(new RawTar().file("a", "a").end().bytes()));
                Files.writeString(OBJECT.resolve("c1.tar.gz.sha256"), "sha256:" + "0".repeat(64) + " 1 1\n");
                Files.writeString(OBJECT.resolve("gone.tar.gz.sha256"), "sha256:" + "1".repeat(64) + "\n");
                Files.writeString(OBJECT.resolve(".latest.tar.gz.link"), "c1.tar.gz");
                for (String leftover : LEFTOVERS) {
                    Files.writeString(OBJECT.resolve(leftover), "partial");
                }
                Files.writeString(CATALOG.resolve("abc.idx.tmp-4"), "partial");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("tributary.artifact.storage-path", STORE.toString());
        }

        @Override
        public void stop() {
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void startUpClearsInterruptedWrites() throws Exception {
        try (Stream<Path> files = Files.list(OBJECT)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly(".latest.tar.gz.link", "c1.tar.gz", "c1.tar.gz.sha256");
        }
        try (Stream<Path> files = Files.list(CATALOG)) {
            assertThat(files).isEmpty();
        }
        HttpResponse<byte[]> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "gitrepository/default/app/latest.tar.gz"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("ETag")).hasValue("\"sha256:" + ArtifactHostileInputTest.hex(served.body()) + "\"");
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
