package io.tributary.fetcher.source.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.meta.Durations;
import io.tributary.api.meta.Reasons;
import io.tributary.api.source.HelmRepository;
import io.tributary.fetcher.artifact.CatalogClient;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.status.Sanitizer;
import io.tributary.helm.index.ChartVersion;
import io.tributary.helm.index.HelmIndex;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code helm dependency build} for a chart packaged from a source artifact: dependencies already vendored under
 * {@code charts/} are kept; {@code file://} ones are copied from the source tree (never from outside it); {@code http(s)}
 * ones are pulled through the HelmRepository in the same namespace whose URL matches, with its credentials.
 */
final class ChartDependencies {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final KubernetesClient client;
    private final String namespace;
    private final ChartArchive.Limits limits;
    private final long maxChartBytes;
    private final CatalogClient catalog;

    ChartDependencies(KubernetesClient client, String namespace, ChartArchive.Limits limits, long maxChartBytes, CatalogClient catalog) {
        this.client = client;
        this.namespace = namespace;
        this.limits = limits;
        this.maxChartBytes = maxChartBytes;
        this.catalog = catalog;
    }

    void build(Path sourceDir, Path chartDir, Path workDir) throws IOException, InterruptedException, FetchFailure {
        JsonNode dependencies = YAML.readTree(chartDir.resolve("Chart.yaml").toFile()).path("dependencies");
        if (!dependencies.isArray() || dependencies.isEmpty()) {
            return;
        }
        Path charts = chartDir.resolve("charts");
        for (JsonNode dependency : dependencies) {
            String name = dependency.path("name").asText(null);
            String version = dependency.path("version").asText("*");
            String repository = dependency.path("repository").asText("");
            if (name == null || !name.matches("[a-zA-Z0-9][a-zA-Z0-9._-]*")) {
                throw failure("Chart.yaml: a dependency has no valid 'name'");
            }
            if (vendored(charts, name)) {
                continue;
            }
            if (repository.isBlank()) {
                throw failure("dependency '" + name + "' has no repository and is not in charts/");
            }
            Files.createDirectories(charts);
            if (repository.startsWith("file://")) {
                copyLocal(sourceDir, chartDir, name, repository.substring("file://".length()), charts.resolve(name));
            } else if (repository.startsWith("http://") || repository.startsWith("https://")) {
                pull(name, version, repository, charts.resolve(name), workDir);
            } else {
                throw failure("dependency '" + name + "': repository '" + Sanitizer.sanitize(repository)
                        + "' is not supported (use file://, or the http(s) URL of a HelmRepository in namespace '" + namespace + "')");
            }
        }
    }

    private static boolean vendored(Path charts, String name) throws IOException {
        if (!Files.isDirectory(charts)) {
            return false;
        }
        if (Files.isDirectory(charts.resolve(name))) {
            return true;
        }
        try (Stream<Path> files = Files.list(charts)) {
            return files.anyMatch(f -> f.getFileName().toString().matches(java.util.regex.Pattern.quote(name) + "-[0-9v].*\\.tgz"));
        }
    }

    private static void copyLocal(Path sourceDir, Path chartDir, String name, String path, Path target) throws IOException, FetchFailure {
        Path root = sourceDir.toRealPath();
        Path from = chartDir.resolve(path).normalize();
        if (!from.startsWith(root)) {
            throw failure("dependency '" + name + "': path '" + path + "' leaves the source artifact");
        }
        if (!Files.isRegularFile(from.resolve("Chart.yaml"))) {
            throw failure("dependency '" + name + "': no chart at '" + path + "'");
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path file : walk.sorted(Comparator.naturalOrder()).toList()) {
                if (Files.isSymbolicLink(file)) {
                    continue;
                }
                Path out = target.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(file, out);
                }
            }
        }
    }

    private void pull(String name, String constraint, String repository, Path target, Path workDir)
            throws IOException, InterruptedException, FetchFailure {
        HelmRepository repo = client.resources(HelmRepository.class).inNamespace(namespace).list().getItems().stream()
                .filter(r -> r.getSpec() != null && r.getSpec().url != null && normalise(r.getSpec().url).equals(normalise(repository)))
                .findFirst().orElseThrow(() -> failure("dependency '" + name + "': no HelmRepository in namespace '" + namespace
                        + "' has URL '" + Sanitizer.sanitize(repository) + "'"));
        if (repo.getStatus() == null || repo.getStatus().artifact == null) {
            throw FetchFailure.waiting(Reasons.SOURCE_NOT_READY, "dependency '" + name + "': HelmRepository '" + repo.getMetadata().getName()
                    + "' has no index artifact yet");
        }
        Files.createDirectories(workDir);
        HelmIndex index;
        try {
            index = new HelmIndex("v1", null, Map.of(name, catalog.versions(namespace, repo.getMetadata().getName(), name).versions()));
        } catch (CatalogClient.NotFound missing) {
            throw failure("dependency '" + name + "': " + missing.getMessage());
        }
        ChartVersion version;
        try {
            version = index.select(name, constraint).orElseThrow(() -> failure("dependency '" + name + "': no version matching '"
                    + constraint + "' in HelmRepository '" + repo.getMetadata().getName() + "'"));
        } catch (IllegalArgumentException invalid) {
            throw failure("dependency '" + name + "': version " + invalid.getMessage());
        }
        if (version.urls().isEmpty()) {
            throw failure("dependency '" + name + "' " + version.version() + " has no URL in the index");
        }
        Duration timeout = Durations.parseOr("spec.timeout", repo.getSpec().timeout, Duration.ofSeconds(60));
        HelmHttp http = HelmSecrets.client(client, repo, timeout);
        URI url = http.resolve(version.urls().get(0));
        String what = "dependency '" + name + "' " + version.version();
        HelmHttp.Downloaded downloaded = http.download(url, workDir.resolve(name + ".tgz"), maxChartBytes, what);
        if (version.digest() != null && !version.digest().isBlank() && !version.digest().equalsIgnoreCase(downloaded.sha256())) {
            throw new FetchFailure(Reasons.CHART_PULL_ERROR, what + ": digest does not match the index", false);
        }
        ChartArchive.extract(downloaded.file(), target, limits, what);
    }

    private static String normalise(String url) {
        return url.replaceAll("/+$", "");
    }

    private static FetchFailure failure(String message) {
        return new FetchFailure(Reasons.CHART_PACKAGE_ERROR, message, false);
    }
}
