package io.tributary.fetcher.artifact;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.events.ArtifactInfo;
import io.tributary.operator.VerifiedDownload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Talks to artifact-service: streams trees up as tar, downloads artifacts with digest verification. */
@ApplicationScoped
public class ArtifactClient {

    /** Writes a tar stream of a tree into the given stream. */
    @FunctionalInterface
    public interface TarProducer {
        void writeTo(OutputStream out) throws IOException;
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final VerifiedDownload downloads = new VerifiedDownload();
    private final ExecutorService producers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tar-producer");
        t.setDaemon(true);
        return t;
    });

    @ConfigProperty(name = "tributary.artifact-service.url", defaultValue = "http://localhost:9090")
    String serviceUrl;

    @ConfigProperty(name = "tributary.artifact-service.max-download-bytes", defaultValue = "2147483648")
    long maxDownloadBytes;

    @ConfigProperty(name = "tributary.artifact-service.upload-token")
    java.util.Optional<String> uploadToken;

    @Inject
    ObjectMapper mapper;

    /** Streams the tar produced by {@code producer} to artifact-service and returns the stored artifact. */
    public ArtifactInfo upload(String objectKind, String namespace, String name, String file, String revision,
            TarProducer producer) throws IOException, InterruptedException {
        return upload(objectKind, namespace, name, file, revision, null, producer);
    }

    /** As {@link #upload(String, String, String, String, String, TarProducer)}, also pointing {@code alias} at it. */
    public ArtifactInfo upload(String objectKind, String namespace, String name, String file, String revision, String alias,
            TarProducer producer) throws IOException, InterruptedException {
        PipedInputStream in = new PipedInputStream(1024 * 1024);
        PipedOutputStream out = new PipedOutputStream(in);
        Future<?> writing = producers.submit(() -> {
            try (out) {
                producer.writeTo(out);
            }
            return null;
        });
        URI uri = URI.create(base() + "api/v1/artifacts/" + objectKind.toLowerCase(Locale.ROOT) + "/" + namespace + "/"
                + name + "/" + file + "?objectKind=" + objectKind + "&revision=" + URLEncoder.encode(revision, StandardCharsets.UTF_8) + (alias == null ? "" : "&alias=" + alias));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-tar")
                .timeout(Duration.ofMinutes(10))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> in));
        uploadToken.filter(t -> !t.isBlank()).ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } finally {
            in.close();
        }
        try {
            writing.get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException("packaging the tree failed: " + cause.getMessage(), cause);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ArtifactStorageException("artifact-service answered " + response.statusCode() + ": " + response.body());
        }
        return mapper.readValue(response.body(), ArtifactInfo.class);
    }

    /** Stores a file as it is (no tar normalisation): the artifact's digest is the sha256 of its bytes. */
    public ArtifactInfo uploadFile(String objectKind, String namespace, String name, String file, String revision, String alias,
            Path content) throws IOException, InterruptedException {
        URI uri = URI.create(base() + "api/v1/artifacts/" + objectKind.toLowerCase(Locale.ROOT) + "/" + namespace + "/"
                + name + "/" + file + "?objectKind=" + objectKind + "&revision=" + URLEncoder.encode(revision, StandardCharsets.UTF_8)
                + (alias == null ? "" : "&alias=" + alias));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofMinutes(5))
                .PUT(HttpRequest.BodyPublishers.ofFile(content));
        uploadToken.filter(t -> !t.isBlank()).ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new ArtifactStorageException("artifact-service answered " + response.statusCode() + ": " + response.body());
        }
        return mapper.readValue(response.body(), ArtifactInfo.class);
    }

    /** Downloads {@code url} to {@code target}, failing if its sha256 is not {@code expectedDigest}. */
    public void download(String url, String expectedDigest, Path target) throws IOException, InterruptedException {
        try {
            downloads.download(url, expectedDigest, target, maxDownloadBytes);
        } catch (VerifiedDownload.DownloadException e) {
            throw new ArtifactStorageException(e.getMessage());
        }
    }

    /** Whether artifact-service still serves {@code url} (a HEAD request answered 200). */
    public boolean exists(String url) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | IllegalArgumentException unreachable) {
            return false;
        }
    }

    /** Deletes every artifact stored for an object. */
    public void deleteAll(String objectKind, String namespace, String name) throws IOException, InterruptedException {
        URI uri = URI.create(base() + "api/v1/artifacts/" + objectKind.toLowerCase(Locale.ROOT) + "/" + namespace + "/" + name);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).DELETE();
        uploadToken.filter(t -> !t.isBlank()).ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
            throw new ArtifactStorageException("artifact-service answered " + response.statusCode() + " to a delete: " + response.body());
        }
    }

    private String base() {
        return serviceUrl.endsWith("/") ? serviceUrl : serviceUrl + "/";
    }
}
