package io.tributary.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tributary.testsupport.KafkaTestResource;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A storage failure answers 500 with a problem body and is logged exactly once, with the reason. This test reads log
 * records, against the usual rule, because logging each 5xx once is the behaviour under test; a client error is not
 * logged at all.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ServerErrorLoggingTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = Long.toString(System.nanoTime(), 36);
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger("").removeHandler(capture);
    }

    private HttpResponse<String> upload(String path, byte[] tar) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/artifacts/" + path))
                .header("Content-Type", "application/x-tar").header("Authorization", "Bearer test-upload-token")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(tar)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> warningsAbout(String needle) {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(r -> formatted(r) + (r.getThrown() == null ? "" : " / " + r.getThrown()))
                .filter(line -> line.contains(needle)).toList();
    }

    private static String formatted(LogRecord record) {
        return record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    }

    @Test
    void aStorageFailureIsAnswered500AndLoggedOnceWithTheReason() throws Exception {
        String namespace = "broken-" + run;
        Files.createDirectories(Path.of("target/test-artifacts/gitrepository"));
        Files.writeString(Path.of("target/test-artifacts/gitrepository", namespace), "a file where the namespace directory belongs");

        HttpResponse<String> response = upload("gitrepository/" + namespace + "/app/c1.tar.gz?objectKind=GitRepository&revision=main@sha1:c1",
                new RawTar().file("a", "a").end().bytes());

        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode problem = new ObjectMapper().readTree(response.body());
        assertThat(problem.get("reason").asText()).isEqualTo("StorageFailed");
        assertThat(problem.get("message").asText()).contains("gitrepository/" + namespace + "/app/c1.tar.gz");
        List<String> logged = warningsAbout(namespace);
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0)).contains("PUT /api/v1/artifacts/gitrepository/" + namespace + "/app/c1.tar.gz answered 500 StorageFailed")
                .doesNotContain("test-upload-token").doesNotContain("revision=");
    }

    @Test
    void aRejectedArchiveIsAnswered400AndNotLogged() throws Exception {
        String name = "text-" + run;
        HttpResponse<String> response = upload("gitrepository/default/" + name + "/c1.tar.gz?objectKind=GitRepository&revision=main@sha1:c1",
                "plain text, not a tar\n".repeat(200).getBytes());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"reason\":\"InvalidArchive\"");
        assertThat(warningsAbout(name)).isEmpty();
    }
}
