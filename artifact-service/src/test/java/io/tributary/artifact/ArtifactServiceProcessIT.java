package io.tributary.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.events.ArtifactStored;
import io.tributary.events.CloudEventCodec;
import io.tributary.events.Topics;
import io.tributary.testsupport.KafkaProbe;
import io.tributary.testsupport.SharedServers;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * artifact-service as its own process, started from the built jar with the settings the local stack passes, and
 * stopped the two ways a pod dies while a fetcher's upload is still streaming in: SIGTERM (it must be gone within 10
 * seconds, Kubernetes' grace period being 30) and kill -9. Neither may leave a visible partial artifact or announce
 * one, and the next start removes what the killed write left on disk. The deadline is a requirement, not a
 * performance figure, hence the one timed wait. A failsafe test because the jar exists only after {@code package}.
 */
class ArtifactServiceProcessIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final String TOKEN = "process-it-token";
    private static final String OBJECT = "gitrepository/default/inflight";
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final String QUERY = "?objectKind=GitRepository&revision=main@sha1:" + COMMIT;

    @TempDir
    Path storage;
    @TempDir
    Path logs;

    /** A new client per process started, so that no connection to a stopped process is reused. */
    private HttpClient http;
    private final List<Process> started = new ArrayList<>();
    private int port;
    private int management;
    private PipedOutputStream stalledBody;

    @BeforeEach
    void ports() throws IOException {
        port = freePort();
        management = freePort();
    }

    @AfterEach
    void stop() throws Exception {
        if (stalledBody != null) {
            stalledBody.close();
        }
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void sigtermStopsWithinTenSecondsDuringAnUploadAndLeavesNoPartialArtifact() throws Exception {
        Process service = start();
        String victim = store("gitrepository/default/victim/" + COMMIT + ".tar.gz");
        try (KafkaProbe probe = new KafkaProbe(SharedServers.kafka().bootstrapServers(), Topics.ARTIFACT_EVENTS)) {
            stalledUpload();
            awaitTempFile();

            service.toHandle().destroy();

            assertThat(service.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s of SIGTERM").isTrue();
            stalledBody.close();
            assertThat(visibleFiles()).isEmpty();

            start();
            assertNothingStoredOrAnnouncedInFlight(probe);
            assertThat(store("gitrepository/default/victim/" + COMMIT + ".tar.gz")).isEqualTo(victim);
        }
    }

    @Test
    void killMinus9LeavesATemporaryFileThatTheNextStartRemoves() throws Exception {
        Process service = start();
        try (KafkaProbe probe = new KafkaProbe(SharedServers.kafka().bootstrapServers(), Topics.ARTIFACT_EVENTS)) {
            stalledUpload();
            awaitTempFile();

            service.destroyForcibly();
            service.waitFor(30, TimeUnit.SECONDS);
            stalledBody.close();

            assertThat(filesInObject()).anyMatch(name -> name.startsWith(".tmp-"));
            assertThat(visibleFiles()).isEmpty();

            start();
            assertThat(filesInObject()).isEmpty();
            assertNothingStoredOrAnnouncedInFlight(probe);
        }
    }

    /** No artifact at the in-flight path; storing one there now is new (201), and it is the first record for that key. */
    private void assertNothingStoredOrAnnouncedInFlight(KafkaProbe probe) throws Exception {
        assertThat(http.send(request(base() + OBJECT + "/" + COMMIT + ".tar.gz").build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
        HttpResponse<String> stored = upload(OBJECT + "/" + COMMIT + ".tar.gz", new RawTar().file("a", "complete").end().bytes());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        var records = probe.awaitRecord(r -> ("GitRepository/default/inflight").equals(r.key()), Duration.ofSeconds(60));
        List<ConsumerRecordView> forKey = records.stream().filter(r -> "GitRepository/default/inflight".equals(r.key()))
                .map(r -> new ConsumerRecordView(r.key(), CloudEventCodec.decode(r.value(), ArtifactStored.class).data().reason())).toList();
        assertThat(forKey).containsExactly(new ConsumerRecordView("GitRepository/default/inflight", "NewArtifact"));
    }

    record ConsumerRecordView(String key, String reason) {
    }

    /** Streams a tar whose one file declares 1 MiB and sends only the first 64 KiB, then stalls with the body open. */
    private CompletableFuture<HttpResponse<String>> stalledUpload() throws IOException {
        PipedInputStream body = new PipedInputStream(256 * 1024);
        stalledBody = new PipedOutputStream(body);
        byte[] header = RawTar.header("big.bin", '0', 1024 * 1024, null);
        RawTar.writeChecksum(header);
        stalledBody.write(header);
        stalledBody.write(new byte[64 * 1024]);
        stalledBody.flush();
        HttpRequest request = request(base() + "api/v1/artifacts/" + OBJECT + "/" + COMMIT + ".tar.gz" + QUERY)
                .header("Content-Type", "application/x-tar").header("Authorization", "Bearer " + TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private void awaitTempFile() {
        await("the in-flight upload's temporary file", Duration.ofSeconds(60), () -> filesInObject().stream().anyMatch(n -> n.startsWith(".tmp-")));
    }

    private List<String> filesInObject() {
        Path dir = storage.resolve(OBJECT);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a reader could see of the in-flight object: anything not starting with a dot. */
    private List<String> visibleFiles() {
        return filesInObject().stream().filter(name -> !name.startsWith(".")).toList();
    }

    private String store(String path) throws Exception {
        HttpResponse<String> response = upload(path, new RawTar().dir("deploy/").file("deploy/app.yaml", "kind: ConfigMap\n").end().bytes());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        HttpResponse<byte[]> served = http.send(request(base() + path).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        String digest = "sha256:" + ArtifactHostileInputTest.hex(served.body());
        assertThat(served.headers().firstValue("ETag")).hasValue("\"" + digest + "\"");
        return digest;
    }

    private HttpResponse<String> upload(String path, byte[] tar) throws Exception {
        return http.send(request(base() + "api/v1/artifacts/" + path + QUERY)
                .header("Content-Type", "application/x-tar").header("Authorization", "Bearer " + TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(tar)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Process start() throws Exception {
        assertThat(JAR).as("built by the package phase").isRegularFile();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dkafka.bootstrap.servers=" + SharedServers.kafka().bootstrapServers(),
                "-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + management,
                "-Dtributary.artifact.upload-token=" + TOKEN, "-Dtributary.artifact.storage-path=" + storage,
                "-Dtributary.artifact.advertised-url=" + base(), "-jar", JAR.toString());
        Path log = logs.resolve("artifact-service-" + started.size() + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(process);
        await("artifact-service to be ready (log: " + log + ")", Duration.ofSeconds(90), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("artifact-service exited with " + process.exitValue() + ": " + read(log));
            }
            try {
                return http.send(request("http://127.0.0.1:" + management + "/q/health/ready").build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        return process;
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    }

    private String base() {
        return "http://127.0.0.1:" + port + "/";
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
