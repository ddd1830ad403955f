package io.tributary.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tributary.artifact.catalog.IndexCatalog;
import io.tributary.testsupport.KafkaTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Raw index uploads and the chart catalog over them (hot/cold cache included), against the running service. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class CatalogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String ns = "cat-" + Long.toString(System.nanoTime(), 36);

    @TestHTTPResource("/")
    URL base;
    @Inject
    IndexCatalog catalog;

    private HttpResponse<String> uploadIndex(String name, String yaml) throws Exception {
        byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        return http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/artifacts/helmrepository/" + ns + "/" + name + "/index-" + hex
                        + ".yaml?objectKind=HelmRepository&revision=sha256:" + hex + "&alias=index.yaml"))
                .header("Content-Type", "application/octet-stream").header("Authorization", "Bearer test-upload-token")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/catalog/" + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    static String index(String... charts) {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nentries:\n");
        for (String chart : charts) {
            String[] parts = chart.split(":");
            yaml.append("  ").append(parts[0]).append(":\n");
            for (String version : parts[1].split(",")) {
                yaml.append("    - name: ").append(parts[0]).append("\n      version: ").append(version)
                        .append("\n      appVersion: \"app-").append(version).append("\"\n      description: the ").append(parts[0])
                        .append(" chart\n      keywords: [").append(parts.length > 2 ? parts[2] : "misc").append("]\n      digest: d")
                        .append(version.replace(".", "")).append("\n      created: \"2026-0").append(version.charAt(0))
                        .append("-01T00:00:00Z\"\n      urls: [").append(parts[0]).append("-").append(version).append(".tgz]\n");
            }
        }
        return yaml.toString();
    }

    @BeforeEach
    void store() throws Exception {
        assertThat(uploadIndex("bitnami", index("nginx:1.0.0,1.2.0,2.0.0-rc.1:web", "redis:7.0.0,6.2.0:database", "apache:2.4.0:web"))
                .statusCode()).isEqualTo(201);
        assertThat(uploadIndex("podinfo", index("podinfo:6.5.0,6.10.0:demo")).statusCode()).isEqualTo(201);
    }

    @Test
    void rawUploadsAreStoredAsTheyCameWithTheirSha256() throws Exception {
        String yaml = index("one:1.0.0");
        HttpResponse<String> stored = uploadIndex("raw", yaml);
        JsonNode info = JSON.readTree(stored.body());
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(yaml.getBytes(StandardCharsets.UTF_8)));
        assertThat(info.get("digest").asText()).isEqualTo("sha256:" + hex);
        HttpResponse<String> served = http.send(HttpRequest.newBuilder(URI.create(base + "helmrepository/" + ns + "/raw/index.yaml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(served.body()).isEqualTo(yaml);
        assertThat(served.headers().firstValue("Content-Type").orElse("")).contains("yaml");
        assertThat(uploadIndex("raw", yaml).statusCode()).isEqualTo(200);

        HttpResponse<String> tooLarge = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/artifacts/helmrepository/" + ns
                        + "/raw/index-big.yaml?objectKind=HelmRepository&revision=sha256:x"))
                .header("Content-Type", "application/octet-stream").header("Authorization", "Bearer test-upload-token")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[1024 * 1024 + 1])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("over the limit of 1048576");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "helmrepository/" + ns + "/raw/index.yaml")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).isEqualTo(yaml);
    }

    @Test
    void listsRepositoriesAndSearchesChartsByNameAndKeyword() throws Exception {
        JsonNode repositories = get("repositories", 200).get("items");
        assertThat(repositories.findValuesAsText("name")).contains("bitnami", "podinfo");

        JsonNode web = get("charts?q=web&repository=" + ns + "/bitnami", 200);
        assertThat(web.get("total").asInt()).isEqualTo(2);
        assertThat(web.get("items").findValuesAsText("name")).containsExactly("apache", "nginx");
        JsonNode nginx = web.get("items").get(1);
        assertThat(nginx.get("latestVersion").asText()).isEqualTo("1.2.0");
        assertThat(nginx.get("versions").asInt()).isEqualTo(3);

        JsonNode byName = get("charts?q=PODINFO&repository=" + ns + "/podinfo", 200);
        assertThat(byName.get("items").findValuesAsText("name")).containsExactly("podinfo");
        assertThat(get("charts?q=no-such-chart&repository=" + ns + "/podinfo", 200).get("total").asInt()).isZero();
    }

    @Test
    void pagesAndSorts() throws Exception {
        String scope = "&repository=" + ns + "/bitnami";
        JsonNode first = get("charts?limit=2&page=1&sort=-name" + scope, 200);
        assertThat(first.get("total").asInt()).isEqualTo(3);
        assertThat(first.get("items").findValuesAsText("name")).containsExactly("redis", "nginx");
        assertThat(get("charts?limit=2&page=2&sort=-name" + scope, 200).get("items").findValuesAsText("name")).containsExactly("apache");
        assertThat(get("charts?limit=2&page=3" + scope, 200).get("items")).isEmpty();
        assertThat(get("charts?sort=created" + scope, 200).get("items").findValuesAsText("name")).containsExactly("nginx", "apache", "redis");
        assertThat(get("charts?limit=0", 400).get("message").asText()).startsWith("limit:");
        assertThat(get("charts?limit=101", 400).get("message").asText()).startsWith("limit:");
        assertThat(get("charts?page=0", 400).get("message").asText()).startsWith("page:");
        assertThat(get("charts?sort=size", 400).get("message").asText()).startsWith("sort:");
    }

    @Test
    void listsVersionsAndOneVersionsMetadata() throws Exception {
        JsonNode versions = get("repositories/" + ns + "/bitnami/charts/nginx", 200);
        assertThat(versions.get("versions").findValuesAsText("version")).containsExactly("2.0.0-rc.1", "1.2.0", "1.0.0");
        JsonNode one = get("repositories/" + ns + "/bitnami/charts/redis/versions/6.2.0", 200);
        assertThat(one.get("appVersion").asText()).isEqualTo("app-6.2.0");
        assertThat(one.get("description").asText()).isEqualTo("the redis chart");
        assertThat(one.get("digest").asText()).isEqualTo("d620");
        assertThat(one.get("urls").get(0).asText()).isEqualTo("redis-6.2.0.tgz");
        assertThat(get("repositories/" + ns + "/bitnami/charts/nope", 404).get("message").asText()).contains("no chart 'nope'");
        assertThat(get("repositories/" + ns + "/bitnami/charts/redis/versions/9.9.9", 404).get("message").asText()).contains("no version '9.9.9'");
        assertThat(get("repositories/" + ns + "/missing/charts/redis", 404).get("message").asText()).contains("no stored index");
    }

    @Test
    void entriesHelmSkipsAreReportedAlsoAfterAColdLoad() throws Exception {
        String yaml = index("ok:1.0.0") + "  broken:\n    - name: broken\n      version: latest\n    -\n";
        assertThat(uploadIndex("skips", yaml).statusCode()).isEqualTo(201);
        catalog.awaitWarmed();
        for (int load = 0; load < 2; load++) {
            JsonNode listed = get("repositories", 200).get("items");
            JsonNode skips = null;
            for (JsonNode item : listed) {
                if (item.get("name").asText().equals("skips") && item.get("namespace").asText().equals(ns)) {
                    skips = item;
                }
            }
            assertThat(skips).isNotNull();
            assertThat(skips.get("skipped").asInt()).isEqualTo(2);
            assertThat(skips.get("versions").asInt()).isEqualTo(1);
            JsonNode broken = get("repositories/" + ns + "/skips/charts/broken", 200);
            assertThat(broken.get("versions")).isEmpty();
            assertThat(broken.get("skipped").findValuesAsText("reason")).containsExactly("chart.metadata.version \"latest\" is invalid", "empty entry");
            assertThat(get("repositories/" + ns + "/skips/charts/ok", 200).get("skipped")).isEmpty();
            catalog.dropHot(); // the second round reads the compact form
        }
    }

    @Test
    void compactFilesOfReplacedIndexesAreDropped() throws Exception {
        java.nio.file.Path cache = java.nio.file.Path.of("target/test-artifacts/.catalog");
        HttpResponse<String> first = uploadIndex("moving", index("m:1.0.0"));
        String firstHex = JSON.readTree(first.body()).get("digest").asText().replace("sha256:", "");
        catalog.awaitWarmed();
        assertThat(cache.resolve(firstHex + ".idx")).exists();
        HttpResponse<String> second = uploadIndex("moving", index("m:1.0.0,1.1.0"));
        String secondHex = JSON.readTree(second.body()).get("digest").asText().replace("sha256:", "");
        catalog.awaitWarmed();
        assertThat(cache.resolve(secondHex + ".idx")).exists();
        assertThat(cache.resolve(firstHex + ".idx")).doesNotExist();
        assertThat(get("repositories/" + ns + "/moving/charts/m", 200).get("versions").findValuesAsText("version"))
                .containsExactly("1.1.0", "1.0.0");
    }

    @Test
    void memoryHoldsOnlyTheRecentIndexesAndTheRestLoadsFromTheCompactForm() throws Exception {
        catalog.dropHot();
        catalog.repository(ns, "bitnami").orElseThrow();
        catalog.repository(ns, "podinfo").orElseThrow();
        // 6 + 2 versions fill the 8-version budget; a third repository evicts the least recently used one
        assertThat(uploadIndex("third", index("x:1.0.0,1.1.0")).statusCode()).isEqualTo(201);
        catalog.repository(ns, "third").orElseThrow();
        catalog.awaitWarmed();
        assertThat(catalog.stats().get("hotVersions")).isLessThanOrEqualTo(8L);
        long parses = catalog.stats().get("parses");
        long coldLoads = catalog.stats().get("coldLoads");
        catalog.repository(ns, "bitnami").orElseThrow();
        assertThat(catalog.stats().get("parses")).isEqualTo(parses);
        assertThat(catalog.stats().get("coldLoads")).isEqualTo(coldLoads + 1);
    }
}
