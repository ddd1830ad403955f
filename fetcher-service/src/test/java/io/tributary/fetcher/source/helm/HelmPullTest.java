package io.tributary.fetcher.source.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.source.HelmChartSpec;
import io.tributary.api.source.ReconcileStrategy;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.operator.tls.PemTls;
import io.tributary.testsupport.HelmRepoServer;
import io.tributary.testsupport.TestPki;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from real chart repositories on loopback, and hostile chart packages. */
class HelmPullTest {

    private static final TestPki PKI = TestPki.create("charts-ca");
    private static final ChartArchive.Limits LIMITS = new ChartArchive.Limits(1024 * 1024, 4 * 1024 * 1024, 1000);

    @TempDir
    static Path servers;
    @TempDir
    Path dir;

    private static HelmRepoServer repo;
    private static HelmRepoServer other;

    @BeforeAll
    static void start() throws Exception {
        repo = HelmRepoServer.start(servers.resolve("repo"), PKI, true);
        repo.requireBasic("helm", "s3cret");
        repo.put("charts/index.yaml", "apiVersion: v1\nentries: {}\n".getBytes(StandardCharsets.UTF_8));
        repo.put("charts/big.tgz", new byte[64 * 1024]);
        other = HelmRepoServer.start(servers.resolve("other"));
        other.put("pkg/podinfo-1.0.0.tgz", HelmRepoServer.chart("podinfo", "1.0.0", Map.of()));
    }

    @AfterAll
    static void stop() throws Exception {
        repo.close();
        other.close();
    }

    private HelmHttp client(boolean passCredentials, PemTls tls) {
        return new HelmHttp(repo.url() + "/charts", "helm", "s3cret", tls, passCredentials, Duration.ofSeconds(10));
    }

    private static PemTls mtls() {
        return PemTls.of(PKI.caPem(), PKI.clientCertPem(), PKI.clientKeyPem());
    }

    @Test
    void downloadsOverMutualTlsWithBasicAuth() throws Exception {
        HelmHttp http = client(false, mtls());
        HelmHttp.Downloaded index = http.download(http.resolve("index.yaml"), dir.resolve("index.yaml"), 1024, "index");
        assertThat(Files.readString(index.file())).startsWith("apiVersion: v1");
        assertThat(index.sha256()).isEqualTo(HelmRepoServer.digest(Files.readAllBytes(index.file())));
        assertThat(repo.requests().get(repo.requests().size() - 1).authorization()).startsWith("Basic ");
    }

    @Test
    void wrongCredentialsAndAMissingClientCertificateFail() {
        HelmHttp wrong = new HelmHttp(repo.url() + "/charts", "helm", "nope", mtls(), false, Duration.ofSeconds(10));
        assertThatThrownBy(() -> wrong.download(wrong.resolve("index.yaml"), dir.resolve("a"), 1024, "index"))
                .isInstanceOf(HelmHttp.DownloadException.class).hasMessageEndingWith("server answered 401")
                .satisfies(e -> assertThat(((HelmHttp.DownloadException) e).status()).isEqualTo(401))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("nope"));
        HelmHttp noCert = client(false, PemTls.of(PKI.caPem(), null, null));
        assertThatThrownBy(() -> noCert.download(noCert.resolve("index.yaml"), dir.resolve("b"), 1024, "index"))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void credentialsGoOnlyToTheRepositoryHostUnlessPassCredentials() throws Exception {
        other.clearRequests();
        HelmHttp http = client(false, mtls());
        http.download(java.net.URI.create(other.url() + "/pkg/podinfo-1.0.0.tgz"), dir.resolve("c.tgz"), 1 << 20, "chart");
        assertThat(other.requests()).singleElement().satisfies(r -> assertThat(r.authorization()).isNull());
        HelmHttp passing = client(true, mtls());
        passing.download(java.net.URI.create(other.url() + "/pkg/podinfo-1.0.0.tgz"), dir.resolve("d.tgz"), 1 << 20, "chart");
        assertThat(other.requests()).hasSize(2).last().satisfies(r -> assertThat(r.authorization()).startsWith("Basic "));
    }

    @Test
    void relativeChartUrlsResolveAgainstTheRepository() {
        HelmHttp http = client(false, null);
        assertThat(http.resolve("podinfo-1.0.0.tgz").toString()).isEqualTo(repo.url() + "/charts/podinfo-1.0.0.tgz");
        assertThat(http.resolve("https://cdn.example.com/p.tgz").toString()).isEqualTo("https://cdn.example.com/p.tgz");
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        HelmHttp http = client(false, mtls());
        assertThatThrownBy(() -> http.download(http.resolve("big.tgz"), dir.resolve("big"), 1000, "chart 'big' 1.0.0"))
                .isInstanceOf(HelmHttp.DownloadException.class)
                .hasMessage("chart 'big' 1.0.0 is 65536 bytes, over the limit of 1000 bytes");
        assertThat(dir.resolve("big")).doesNotExist();
    }

    private Path archive(Map<String, byte[]> entries) throws Exception {
        Path file = dir.resolve("chart-" + System.nanoTime() + ".tgz");
        Files.write(file, HelmRepoServer.tgz(entries));
        return file;
    }

    private static Map<String, byte[]> chartWith(String path, String content) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("demo/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 1.0.0\n".getBytes(StandardCharsets.UTF_8));
        entries.put(path, content.getBytes(StandardCharsets.UTF_8));
        return entries;
    }

    @Test
    void aWellFormedPackageIsUnpackedWithoutItsTopDirectory() throws Exception {
        Path target = dir.resolve("ok");
        assertThat(ChartArchive.extract(archive(chartWith("demo/templates/cm.yaml", "kind: ConfigMap")), target, LIMITS, "chart")).isEqualTo("demo");
        assertThat(target.resolve("templates/cm.yaml")).hasContent("kind: ConfigMap");
    }

    @Test
    void hostilePackagesAreRefusedAndWriteNothingOutside() throws Exception {
        Path target = dir.resolve("unpacked");
        assertThatThrownBy(() -> ChartArchive.extract(archive(chartWith("demo/../../evil.txt", "x")), dir.resolve("unpacked-1"), LIMITS, "chart"))
                .isInstanceOf(FetchFailure.class).hasMessage("chart: entry 'demo/../../evil.txt' escapes the target directory");
        assertThatThrownBy(() -> ChartArchive.extract(archive(chartWith("/etc/evil", "x")), dir.resolve("unpacked-2"), LIMITS, "chart"))
                .hasMessageContaining("etc/evil"); // the tar reader drops the leading '/', leaving an entry outside the chart
        assertThatThrownBy(() -> ChartArchive.extract(archive(chartWith("other/file", "x")), dir.resolve("unpacked-3"), LIMITS, "chart"))
                .hasMessageContaining("entries outside the chart directory 'demo/'");
        assertThatThrownBy(() -> ChartArchive.extract(archive(Map.of("demo/values.yaml", "a: 1".getBytes())), dir.resolve("unpacked-4"), LIMITS, "chart"))
                .hasMessage("chart has no Chart.yaml in 'demo/'");
        assertThatThrownBy(() -> ChartArchive.extract(archive(chartWith("demo/big", "x".repeat(1024 * 1024 + 1))), dir.resolve("unpacked-5"), LIMITS, "chart"))
                .hasMessageContaining("over the limit of 1048576");
        assertThat(dir.resolve("evil.txt")).doesNotExist();
        assertThat(Path.of("/etc/evil")).doesNotExist();
    }

    @Test
    void aSymlinkIsRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            byte[] chart = "apiVersion: v2\nname: demo\nversion: 1.0.0\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry file = new TarArchiveEntry("demo/Chart.yaml");
            file.setSize(chart.length);
            tar.putArchiveEntry(file);
            tar.write(chart);
            tar.closeArchiveEntry();
            TarArchiveEntry link = new TarArchiveEntry("demo/templates/passwd", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("../../../../etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        Path file = dir.resolve("link.tgz");
        Files.write(file, bytes.toByteArray());
        assertThatThrownBy(() -> ChartArchive.extract(file, dir.resolve("l"), LIMITS, "chart"))
                .isInstanceOf(FetchFailure.class)
                .hasMessage("chart: entry 'demo/templates/passwd' is a link (to '../../../../etc/passwd'); links are not allowed");
    }

    @Test
    void aGzipBombStopsAtTheLimit() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("demo/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 1.0.0\n".getBytes(StandardCharsets.UTF_8));
        byte[] zeros = new byte[1024 * 1024];
        for (int i = 0; i < 8; i++) {
            entries.put("demo/zeros-" + i, zeros);
        }
        Path bomb = archive(entries);
        assertThat(Files.size(bomb)).isLessThan(100_000);
        assertThatThrownBy(() -> ChartArchive.extract(bomb, dir.resolve("bomb"), LIMITS, "chart"))
                .isInstanceOf(FetchFailure.class).hasMessage("chart unpacks to more than 4194304 bytes");
        assertThatThrownBy(() -> ChartArchive.extract(write("not-gzip", "hello"), dir.resolve("x"), LIMITS, "chart"))
                .hasMessageStartingWith("chart is not a valid gzipped tar");
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void valuesFilesAreMergedInOrderAndMayNotEscape() throws Exception {
        Path source = Files.createDirectories(dir.resolve("src/chart"));
        Files.writeString(dir.resolve("src/chart/values.yaml"), "image: {repo: nginx, tag: '1'}\nreplicas: 1\n");
        Files.writeString(dir.resolve("src/prod.yaml"), "image: {tag: '2'}\nreplicas: 3\nextra: [a]\n");
        List<String> used = ValuesFiles.apply(dir.resolve("src"), List.of("chart/values.yaml", "prod.yaml", "missing.yaml"), true, source);
        assertThat(used).containsExactly("chart/values.yaml", "prod.yaml");
        assertThat(Files.readString(source.resolve("values.yaml"))).contains("repo: \"nginx\"").contains("tag: \"2\"").contains("replicas: 3");
        assertThatThrownBy(() -> ValuesFiles.apply(dir.resolve("src"), List.of("missing.yaml"), false, source))
                .hasMessage("spec.valuesFiles: 'missing.yaml' not found");
        assertThatThrownBy(() -> ValuesFiles.apply(dir.resolve("src"), List.of("../../etc/passwd"), false, source))
                .hasMessage("spec.valuesFiles: '../../etc/passwd' escapes the source");
    }

    @Test
    void revisionsAreWrittenAsFluxWritesThem() {
        HelmChartSpec spec = new HelmChartSpec();
        assertThat(HelmChartBuilder.revision("6.0.3", spec, -1, "main@sha1:0123456789abcdef")).isEqualTo("6.0.3");
        assertThat(HelmChartBuilder.revision("6.0.3", spec, 4, "main@sha1:0123456789abcdef")).isEqualTo("6.0.3+4");
        spec.reconcileStrategy = ReconcileStrategy.Revision;
        assertThat(HelmChartBuilder.revision("6.0.3", spec, -1, "main@sha1:0123456789abcdef")).isEqualTo("6.0.3+0123456789ab");
        assertThat(HelmChartBuilder.revision("6.0.3", spec, 4, "main@sha1:0123456789abcdef")).isEqualTo("6.0.3+0123456789ab.4");
    }
}
