package io.tributary.fetcher.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.helm.index.ChartVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks artifact-service's chart catalog for a chart's versions, so choosing a chart version costs a small JSON answer
 * instead of downloading and parsing the repository's whole index.
 */
@ApplicationScoped
public class CatalogClient {

    /** A chart's versions, newest first, from the stored index with {@code indexDigest}. */
    public record ChartVersions(String indexDigest, List<ChartVersion> versions) {
    }

    /** The catalog has no stored index for the repository, or the index has no such chart. */
    public static final class NotFound extends Exception {
        NotFound(String message) {
            super(message);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @ConfigProperty(name = "tributary.artifact-service.url", defaultValue = "http://localhost:9090")
    String serviceUrl;

    @Inject
    ObjectMapper mapper;

    public ChartVersions versions(String namespace, String repository, String chart) throws IOException, InterruptedException, NotFound {
        URI uri = URI.create((serviceUrl.endsWith("/") ? serviceUrl : serviceUrl + "/") + "api/v1/catalog/repositories/"
                + encode(namespace) + "/" + encode(repository) + "/charts/" + encode(chart));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            throw new NotFound(mapper.readTree(response.body()).path("message").asText("not found"));
        }
        if (response.statusCode() != 200) {
            throw new ArtifactStorageException("the chart catalog answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode body = mapper.readTree(response.body());
        List<ChartVersion> versions = new ArrayList<>();
        for (JsonNode version : body.path("versions")) {
            versions.add(mapper.treeToValue(version, ChartVersion.class));
        }
        return new ChartVersions(body.path("digest").asText(null), List.copyOf(versions));
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
