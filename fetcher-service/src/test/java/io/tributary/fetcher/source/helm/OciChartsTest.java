package io.tributary.fetcher.source.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.source.oci.DockerConfig;
import io.tributary.fetcher.source.oci.OciUrl;
import io.tributary.fetcher.source.oci.RegistryClient;
import io.tributary.operator.tls.PemTls;
import io.tributary.testsupport.HelmClient;
import io.tributary.testsupport.HelmRepoServer;
import io.tributary.testsupport.OciRegistry;
import io.tributary.testsupport.SharedServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts of an OCI HelmRepository: version selection from the tags as source-controller and Helm's registry client make
 * it, and pulls from a real registry (docker-registry, HTTPS + htpasswd) of charts pushed by Helm's own client.
 */
class OciChartsTest {

    static OciRegistry registry;
    static String namespace;

    @TempDir
    static Path charts;
    @TempDir
    Path work;

    @BeforeAll
    static void push() throws Exception {
        registry = SharedServers.ociRegistry();
        namespace = "charts-" + UUID.randomUUID().toString().substring(0, 8);
        for (String version : List.of("1.0.0", "1.1.0", "1.2.0+build.1", "2.0.0-rc.1")) {
            Path tgz = charts.resolve("podinfo-" + version + ".tgz");
            Files.write(tgz, HelmRepoServer.chart("podinfo", version, Map.of("templates/cm.yaml",
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: podinfo\ndata:\n  v: \"" + version + "\"\n")));
            HelmClient.push(tgz, registry, namespace);
        }
        // an artifact in a chart's place that Helm did not push: a Flux config and content layer
        registry.pushArtifact(namespace + "/notachart", "1.0.0",
                new OciRegistry.Blob("application/vnd.cncf.flux.config.v1+json", "{}".getBytes(StandardCharsets.UTF_8)),
                List.of(new OciRegistry.Blob("application/vnd.cncf.flux.content.v1.tar+gzip", HelmRepoServer.tgz(Map.of()))));
    }

    private static RegistryClient client(String chart, String password) {
        return new RegistryClient(OciUrl.parse(registry.url(namespace + "/" + chart)), false,
                PemTls.of(registry.pki().caPem(), null, null).sslContext(), new DockerConfig.Credentials(OciRegistry.USER, password),
                Duration.ofSeconds(10));
    }

    private static OciCharts.Tags tags(List<String> tags, AtomicInteger listed) {
        return () -> {
            listed.incrementAndGet();
            return tags;
        };
    }

    @Test
    void tagsAreTheStrictVersionsWithUnderscoreAsPlusNewestFirst() {
        assertThat(OciCharts.versions(List.of("1.0.0", "v1.1.0", "latest", "1.2.0_build.1", "2.0.0-rc.1", "1.10.0", "1.2")))
                .extracting(Object::toString).containsExactly("2.0.0-rc.1", "1.10.0", "1.2.0+build.1", "1.0.0");
    }

    @Test
    void versionsAreSelectedAsSourceControllerSelectsThem() throws Exception {
        List<String> tags = List.of("1.0.0", "1.1.0", "1.2.0_build.1", "2.0.0-rc.1", "1.10.0");
        record Row(String requested, String expected, boolean lists) {
        }
        for (Row row : List.of(
                new Row("1.1.0", "1.1.0", false),          // a version is taken as given, the tags not read
                new Row("v3.0.0", "v3.0.0", false),        // a leading v counts as a version too
                new Row("9.9.9", "9.9.9", false),          // even one that is not tagged: the pull says so
                new Row(null, "1.10.0", true),             // latest stable
                new Row("", "1.10.0", true),
                new Row("*", "1.10.0", true),
                new Row("~1.2", "1.2.0+build.1", true),
                new Row("1.x", "1.10.0", true),
                new Row(">=1.0.0 <1.2.0", "1.1.0", true),
                new Row(">=2.0.0-0", "2.0.0-rc.1", true),  // prereleases only when the constraint names one
                new Row("1.2", "1.2.0+build.1", true),
                new Row("^3.0", null, true))) {
            AtomicInteger listed = new AtomicInteger();
            assertThat(OciCharts.select(row.requested(), tags(tags, listed)).orElse(null)).as(row.requested()).isEqualTo(row.expected());
            assertThat(listed.get() > 0).as("tags listed for " + row.requested()).isEqualTo(row.lists());
        }
        assertThatThrownBy(() -> OciCharts.select(">=1.0 <<2", tags(tags, new AtomicInteger())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OciCharts.select("*", tags(List.of("latest", "main"), new AtomicInteger())))
                .isInstanceOf(FetchFailure.class).hasMessage("unable to locate any tags in the repository");
    }

    @Test
    void chartsPushedByHelmArePulledByDigestWithTheirVersion() throws Exception {
        RegistryClient podinfo = client("podinfo", registry.password());
        String version = OciCharts.select("~1.2", podinfo::tags).orElseThrow();
        assertThat(version).isEqualTo("1.2.0+build.1");
        OciCharts.Pulled pulled = OciCharts.pull(podinfo, version, work.resolve("chart.tgz"), 1 << 20);
        assertThat(pulled.manifestDigest()).isEqualTo(podinfo.headDigest("1.2.0_build.1").orElseThrow());
        assertThat(chartYaml(pulled.file())).contains("version: 1.2.0+build.1");
    }

    @Test
    void whatIsNotAHelmChartOrNotThereIsRefusedNamingIt() {
        assertThatThrownBy(() -> OciCharts.pull(client("notachart", registry.password()), "1.0.0", work.resolve("a.tgz"), 1 << 20))
                .isInstanceOf(FetchFailure.class).hasMessageContaining("could not load config with mediatype "
                        + OciCharts.CONFIG_MEDIA_TYPE + " (the manifest's config is 'application/vnd.cncf.flux.config.v1+json')");
        assertThatThrownBy(() -> OciCharts.pull(client("podinfo", registry.password()), "9.9.9", work.resolve("b.tgz"), 1 << 20))
                .isInstanceOf(FetchFailure.class).hasMessageContaining("9.9.9").hasMessageContaining("not found");
        assertThatThrownBy(() -> OciCharts.pull(client("podinfo", registry.password()), "1.0.0", work.resolve("c.tgz"), 100))
                .isInstanceOf(FetchFailure.class).hasMessageContaining("over the limit of 100");
        assertThat(work.resolve("c.tgz")).doesNotExist();
    }

    @Test
    void refusedCredentialsAreAnAuthenticationFailureWithoutThePassword() {
        assertThatThrownBy(() -> OciCharts.select("*", client("podinfo", "wrong-password")::tags))
                .isInstanceOf(FetchFailure.class)
                .satisfies(e -> assertThat(((FetchFailure) e).reason()).isEqualTo("AuthenticationFailed"))
                .satisfies(e -> assertThat(OciCharts.asChartFailure((FetchFailure) e, "chart 'podinfo'").reason())
                        .isEqualTo("AuthenticationFailed"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-password"));
    }

    private static String chartYaml(Path tgz) throws Exception {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new java.util.zip.GZIPInputStream(Files.newInputStream(tgz)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.getName().equals("podinfo/Chart.yaml")) {
                    return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no podinfo/Chart.yaml in " + tgz);
    }
}
