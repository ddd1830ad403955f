package io.tributary.fetcher.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.meta.Artifact;
import io.tributary.api.meta.Reasons;
import io.tributary.api.source.OCIRepositoryLayerSelector;
import io.tributary.api.source.OCIRepositoryRef;
import io.tributary.api.source.OCIRepositorySpec;
import io.tributary.api.source.OCIRepositoryStatus;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.source.oci.DockerConfig;
import io.tributary.fetcher.source.oci.OciArtifactSteps;
import io.tributary.fetcher.source.oci.OciReasons;
import io.tributary.fetcher.source.oci.OciUrl;
import io.tributary.fetcher.source.oci.RegistryClient;
import io.tributary.operator.archive.SafeTar;
import io.tributary.operator.tls.PemTls;
import io.tributary.testsupport.HelmRepoServer;
import io.tributary.testsupport.OciRegistry;
import io.tributary.testsupport.SharedServers;
import io.tributary.testsupport.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCIRepository fetches against a real registry (docker-registry 2.8: HTTPS + htpasswd, the token flow, plain
 * HTTP): revisions as Flux writes them, the HEAD-only shortcut counted in the registry's access log, layer
 * selection, indexes, and every refusal with its reason and nothing stored. The artifact store is a directory here.
 */
class OciRegistryPullTest {

    static final String FLUX_LAYER = "application/vnd.cncf.flux.content.v1.tar+gzip";
    static final OciRegistry.Blob CONFIG = new OciRegistry.Blob("application/vnd.cncf.flux.config.v1+json", "{}".getBytes(StandardCharsets.UTF_8));
    static final SafeTar.Limits LIMITS = new SafeTar.Limits(1 << 20, 4 << 20, 1000, 32);

    static OciRegistry registry;
    static OciRegistry tokenRegistry;
    static OciRegistry plainRegistry;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        registry = SharedServers.ociRegistry();
        tokenRegistry = OciRegistry.start(Files.createTempDirectory("oci-token"), TestPki.create("oci-token-ca"), OciRegistry.Auth.TOKEN);
        plainRegistry = OciRegistry.start(Files.createTempDirectory("oci-plain"), null, OciRegistry.Auth.NONE);
    }

    @AfterAll
    static void stop() {
        tokenRegistry.close();
        plainRegistry.close();
    }

    static OciRegistry.Blob layer(Map<String, String> files) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        files.forEach((k, v) -> entries.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return new OciRegistry.Blob(FLUX_LAYER, HelmRepoServer.tgz(entries));
    }

    static String repo() {
        return "test/" + UUID.randomUUID().toString().substring(0, 8);
    }

    static OCIRepositorySpec spec(OciRegistry on, String repository) {
        OCIRepositorySpec spec = new OCIRepositorySpec();
        spec.url = on.url(repository);
        spec.interval = "1m";
        spec.insecure = on.pki() == null ? Boolean.TRUE : null;
        return spec;
    }

    static RegistryClient client(OciRegistry on, String user, String password) {
        OciUrl url = OciUrl.parse(on.url("x"));
        DockerConfig.Credentials credentials = user == null ? null
                : DockerConfig.credentials(on.dockerConfigJson(user, password), on.host());
        var tls = on.pki() == null ? null : PemTls.of(on.pki().caPem(), null, null).sslContext();
        return new RegistryClient(url, on.pki() == null, tls, credentials, Duration.ofSeconds(10));
    }

    static RegistryClient client(OciRegistry on, OCIRepositorySpec spec) {
        OciUrl url = OciUrl.parse(spec.url);
        DockerConfig.Credentials credentials = on.auth() == OciRegistry.Auth.NONE ? null
                : DockerConfig.credentials(on.dockerConfigJson(OciRegistry.USER, on.password()), on.host());
        var tls = on.pki() == null ? null : PemTls.of(on.pki().caPem(), null, null).sslContext();
        return new RegistryClient(url, on.pki() == null, tls, credentials, Duration.ofSeconds(10));
    }

    /** An artifact store on disk: trees as sorted file lists, files as bytes; counts what it stored. */
    static final class DirStorage implements OciArtifactSteps.Storage {
        final Path root;
        final AtomicInteger stores = new AtomicInteger();

        DirStorage(Path root) {
            this.root = root;
        }

        @Override
        public boolean exists(Artifact artifact) {
            return Files.exists(root.resolve(artifact.path));
        }

        @Override
        public Artifact storeTree(Path tree, String ignore, String file, String revision) throws IOException {
            StringBuilder listing = new StringBuilder();
            try (Stream<Path> paths = Files.walk(tree)) {
                for (Path p : paths.filter(Files::isRegularFile).sorted().toList()) {
                    listing.append(tree.relativize(p)).append('=').append(Files.readString(p)).append('\n');
                }
            }
            return store(file, revision, listing.toString().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Artifact storeFile(Path content, String file, String revision) throws IOException {
            return store(file, revision, Files.readAllBytes(content));
        }

        private Artifact store(String file, String revision, byte[] bytes) throws IOException {
            stores.incrementAndGet();
            Files.createDirectories(root);
            Files.write(root.resolve(file), bytes);
            Artifact artifact = new Artifact();
            artifact.path = file;
            artifact.url = "file://" + root.resolve(file);
            artifact.revision = revision;
            artifact.digest = OciRegistry.sha256(bytes);
            artifact.size = (long) bytes.length;
            artifact.lastUpdateTime = "2026-01-01T00:00:00Z";
            return artifact;
        }

        String read(String file) throws IOException {
            return Files.readString(root.resolve(file));
        }
    }

    String run(OciRegistry on, OCIRepositorySpec spec, OCIRepositoryStatus status, DirStorage storage) throws Exception {
        Path workspace = Files.createTempDirectory(work, "ws");
        return OciArtifactSteps.run(spec, status, client(on, spec), storage, workspace, 1 << 20, LIMITS);
    }

    FetchFailure failure(OciRegistry on, OCIRepositorySpec spec, DirStorage storage) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> run(on, spec, new OCIRepositoryStatus(), storage));
        assertThat(thrown).isInstanceOf(FetchFailure.class);
        assertThat(storage.stores.get()).as("nothing stored").isZero();
        return (FetchFailure) thrown;
    }

    @Test
    void latestIsPulledExtractedAndTheRevisionIsTagAtManifestDigest() throws Exception {
        String repository = repo();
        String digest = registry.pushArtifact(repository, "latest", CONFIG, List.of(layer(Map.of("app/deploy.yaml", "kind: Deployment"))));
        OCIRepositoryStatus status = new OCIRepositoryStatus();
        DirStorage storage = new DirStorage(work.resolve("store"));

        String message = run(registry, spec(registry, repository), status, storage);

        assertThat(status.artifact.revision).isEqualTo("latest@" + digest);
        assertThat(message).isEqualTo("stored artifact for digest 'latest@" + digest + "'");
        assertThat(status.artifact.path).isEqualTo(digest.substring(7) + ".tar.gz");
        assertThat(storage.read(status.artifact.path)).isEqualTo("app/deploy.yaml=kind: Deployment\n");
        assertThat(registry.blobGets(repository)).isEqualTo(1);
    }

    @Test
    void aTagThatStillResolvesToTheStoredDigestPullsNoLayer() throws Exception {
        String repository = repo();
        registry.pushArtifact(repository, "v1", CONFIG, List.of(layer(Map.of("a.txt", "one"))));
        OCIRepositorySpec spec = spec(registry, repository);
        spec.ref = new OCIRepositoryRef();
        spec.ref.tag = "v1";
        OCIRepositoryStatus status = new OCIRepositoryStatus();
        DirStorage storage = new DirStorage(work.resolve("store"));
        run(registry, spec, status, storage);
        long gets = registry.blobGets(repository);
        assertThat(gets).isEqualTo(1);

        run(registry, spec, status, storage);
        assertThat(registry.blobGets(repository)).as("no blob GET when the tag's digest is unchanged").isEqualTo(gets);
        assertThat(storage.stores.get()).isEqualTo(1);

        String moved = registry.pushArtifact(repository, "v1", CONFIG, List.of(layer(Map.of("a.txt", "two"))));
        run(registry, spec, status, storage);
        assertThat(status.artifact.revision).isEqualTo("v1@" + moved);
        assertThat(storage.read(status.artifact.path)).isEqualTo("a.txt=two\n");
        assertThat(registry.blobGets(repository)).isEqualTo(gets + 1);

        spec.layerSelector = new OCIRepositoryLayerSelector();
        spec.layerSelector.operation = OCIRepositoryLayerSelector.Operation.COPY;
        run(registry, spec, status, storage);
        assertThat(registry.blobGets(repository)).as("a changed layer selector pulls again").isEqualTo(gets + 2);
        assertThat(status.observedLayerSelector.operation).isEqualTo(OCIRepositoryLayerSelector.Operation.COPY);
    }

    @Test
    void precedenceIsDigestOverSemverOverTag() throws Exception {
        String repository = repo();
        String d100 = registry.pushArtifact(repository, "1.0.0", CONFIG, List.of(layer(Map.of("v", "1.0.0"))));
        String d110 = registry.pushArtifact(repository, "1.1.0", CONFIG, List.of(layer(Map.of("v", "1.1.0"))));
        registry.pushArtifact(repository, "2.0.0-rc.1", CONFIG, List.of(layer(Map.of("v", "2.0.0-rc.1"))));
        String d111 = registry.pushArtifact(repository, "1.1.1-hotfix", CONFIG, List.of(layer(Map.of("v", "hotfix"))));
        OCIRepositorySpec spec = spec(registry, repository);
        spec.ref = new OCIRepositoryRef();
        spec.ref.tag = "1.0.0";
        spec.ref.semver = ">=1.0.0 <2.0.0";
        OCIRepositoryStatus status = new OCIRepositoryStatus();
        DirStorage storage = new DirStorage(work.resolve("store"));

        run(registry, spec, status, storage);
        assertThat(status.artifact.revision).as("semver over tag").isEqualTo("1.1.0@" + d110);

        spec.ref.semver = ">=1.1.1-0";
        spec.ref.semverFilter = ".*-hotfix$";
        run(registry, spec, status, storage);
        assertThat(status.artifact.revision).as("semverFilter").isEqualTo("1.1.1-hotfix@" + d111);

        spec.ref.digest = d100;
        run(registry, spec, status, storage);
        assertThat(status.artifact.revision).as("digest over semver: the digest alone").isEqualTo(d100);
        assertThat(storage.read(status.artifact.path)).isEqualTo("v=1.0.0\n");
    }

    @Test
    void layerSelectorPicksByMediaTypeAndCopyKeepsTheBytes() throws Exception {
        String repository = repo();
        OciRegistry.Blob other = new OciRegistry.Blob("application/vnd.example.other", "not a tarball".getBytes(StandardCharsets.UTF_8));
        OciRegistry.Blob content = layer(Map.of("x.yaml", "x: 1"));
        registry.pushArtifact(repository, "latest", CONFIG, List.of(other, content));
        OCIRepositorySpec spec = spec(registry, repository);
        spec.layerSelector = new OCIRepositoryLayerSelector();
        spec.layerSelector.mediaType = FLUX_LAYER;
        OCIRepositoryStatus status = new OCIRepositoryStatus();
        DirStorage storage = new DirStorage(work.resolve("store"));
        run(registry, spec, status, storage);
        assertThat(storage.read(status.artifact.path)).isEqualTo("x.yaml=x: 1\n");

        spec.layerSelector.mediaType = "application/vnd.example.other";
        spec.layerSelector.operation = OCIRepositoryLayerSelector.Operation.COPY;
        run(registry, spec, status, storage);
        assertThat(status.artifact.path).endsWith(".tgz");
        assertThat(storage.read(status.artifact.path)).isEqualTo("not a tarball");
    }

    @Test
    void anIndexResolvesToItsLinuxAmd64ManifestOrFailsNamingIt() throws Exception {
        String repository = repo();
        OciRegistry.Blob amd = layer(Map.of("arch", "amd64"));
        OciRegistry.Blob arm = layer(Map.of("arch", "arm64"));
        registry.pushBlob(repository, CONFIG.content());
        registry.pushBlob(repository, amd.content());
        registry.pushBlob(repository, arm.content());
        byte[] amdManifest = OciRegistry.imageManifest(CONFIG, List.of(amd));
        byte[] armManifest = OciRegistry.imageManifest(CONFIG, List.of(arm));
        String amdDigest = registry.pushManifest(repository, OciRegistry.sha256(amdManifest), "application/vnd.oci.image.manifest.v1+json", amdManifest);
        String armDigest = registry.pushManifest(repository, OciRegistry.sha256(armManifest), "application/vnd.oci.image.manifest.v1+json", armManifest);
        String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + armDigest + "\",\"size\":" + armManifest.length
                + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\"}},"
                + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + amdDigest + "\",\"size\":" + amdManifest.length
                + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}";
        String indexDigest = registry.pushManifest(repository, "multi", "application/vnd.oci.image.index.v1+json", index.getBytes(StandardCharsets.UTF_8));
        OCIRepositorySpec spec = spec(registry, repository);
        spec.ref = new OCIRepositoryRef();
        spec.ref.tag = "multi";
        OCIRepositoryStatus status = new OCIRepositoryStatus();
        DirStorage storage = new DirStorage(work.resolve("store"));
        run(registry, spec, status, storage);
        assertThat(status.artifact.revision).as("the index's digest is the revision").isEqualTo("multi@" + indexDigest);
        assertThat(storage.read(status.artifact.path)).isEqualTo("arch=amd64\n");

        String armOnly = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + armDigest + "\",\"size\":" + armManifest.length
                + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\"}}]}";
        registry.pushManifest(repository, "armonly", "application/vnd.oci.image.index.v1+json", armOnly.getBytes(StandardCharsets.UTF_8));
        spec.ref.tag = "armonly";
        FetchFailure failure = failure(registry, spec, new DirStorage(work.resolve("store2")));
        assertThat(failure.reason()).isEqualTo(OciReasons.PULL_FAILED);
        assertThat(failure.getMessage()).contains("no linux/amd64 manifest").contains("linux/arm64");
    }

    @Test
    void theTokenFlowAndPlainHttpBothPull() throws Exception {
        String repository = repo();
        String digest = tokenRegistry.pushArtifact(repository, "latest", CONFIG, List.of(layer(Map.of("t", "token"))));
        OCIRepositoryStatus status = new OCIRepositoryStatus();
        run(tokenRegistry, spec(tokenRegistry, repository), status, new DirStorage(work.resolve("t")));
        assertThat(status.artifact.revision).isEqualTo("latest@" + digest);

        String plainDigest = plainRegistry.pushArtifact(repository, "latest", CONFIG, List.of(layer(Map.of("p", "plain"))));
        OCIRepositoryStatus plain = new OCIRepositoryStatus();
        run(plainRegistry, spec(plainRegistry, repository), plain, new DirStorage(work.resolve("p")));
        assertThat(plain.artifact.revision).isEqualTo("latest@" + plainDigest);
    }

    // ---- refusals: a reason, a message naming the object, nothing stored ----

    @Test
    void aTagThatDoesNotExist() throws Exception {
        String repository = repo();
        registry.pushArtifact(repository, "v1", CONFIG, List.of(layer(Map.of("a", "b"))));
        OCIRepositorySpec spec = spec(registry, repository);
        spec.ref = new OCIRepositoryRef();
        spec.ref.tag = "v9";
        FetchFailure failure = failure(registry, spec, new DirStorage(work.resolve("s")));
        assertThat(failure.reason()).isEqualTo(OciReasons.PULL_FAILED);
        assertThat(failure.getMessage()).contains("failed to determine artifact digest").contains(repository + ":v9").contains("not found");
    }

    @Test
    void noSemverMatch() throws Exception {
        String repository = repo();
        registry.pushArtifact(repository, "1.0.0", CONFIG, List.of(layer(Map.of("a", "b"))));
        OCIRepositorySpec spec = spec(registry, repository);
        spec.ref = new OCIRepositoryRef();
        spec.ref.semver = ">=2.0.0";
        FetchFailure failure = failure(registry, spec, new DirStorage(work.resolve("s")));
        assertThat(failure.reason()).isEqualTo(OciReasons.READ_OPERATION_FAILED);
        assertThat(failure.getMessage()).contains("no match found for semver: >=2.0.0").contains(repository);
    }

    @Test
    void noLayerOfTheSelectedMediaType() throws Exception {
        String repository = repo();
        registry.pushArtifact(repository, "latest", CONFIG, List.of(layer(Map.of("a", "b"))));
        OCIRepositorySpec spec = spec(registry, repository);
        spec.layerSelector = new OCIRepositoryLayerSelector();
        spec.layerSelector.mediaType = "application/vnd.example.missing";
        FetchFailure failure = failure(registry, spec, new DirStorage(work.resolve("s")));
        assertThat(failure.reason()).isEqualTo(OciReasons.LAYER_OPERATION_FAILED);
        assertThat(failure.getMessage()).contains("failed to find layer with media type 'application/vnd.example.missing'")
                .contains("spec.layerSelector.mediaType");
        assertThat(registry.blobGets(repository)).isZero();
    }

    @Test
    void aLayerOverTheSizeCapIsNotDownloaded() throws Exception {
        String repository = repo();
        byte[] big = new byte[(1 << 20) + 1];
        new java.util.Random(1).nextBytes(big);
        registry.pushArtifact(repository, "latest", CONFIG, List.of(new OciRegistry.Blob(FLUX_LAYER, big)));
        FetchFailure failure = failure(registry, spec(registry, repository), new DirStorage(work.resolve("s")));
        assertThat(failure.reason()).isEqualTo(OciReasons.LAYER_OPERATION_FAILED);
        assertThat(failure.getMessage()).contains("over the limit of " + (1 << 20));
        assertThat(registry.blobGets(repository)).isZero();
    }

    @Test
    void aLayerThatUnpacksPastTheLimitsIsRefused() throws Exception {
        String repository = repo();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("../escape.txt", "x");
        registry.pushArtifact(repository, "latest", CONFIG, List.of(layer(files)));
        FetchFailure failure = failure(registry, spec(registry, repository), new DirStorage(work.resolve("s")));
        assertThat(failure.reason()).isEqualTo(OciReasons.LAYER_OPERATION_FAILED);
        assertThat(failure.getMessage()).startsWith("failed to extract layer contents from artifact");
    }

    @Test
    void wrongPasswordIsAuthenticationFailed() {
        String repository = repo();
        RegistryClient wrong = client(registry, OciRegistry.USER, "wrong");
        assertThatThrownBy(() -> wrong.headDigest("latest")).isInstanceOfSatisfying(FetchFailure.class, f -> {
            assertThat(f.reason()).isEqualTo(Reasons.AUTHENTICATION_FAILED);
            assertThat(f.getMessage()).contains("401").contains("user 'tributary'").doesNotContain("wrong");
        });
        RegistryClient anonymous = client(registry, null, null);
        assertThatThrownBy(() -> anonymous.tags()).isInstanceOfSatisfying(FetchFailure.class, f -> {
            assertThat(f.reason()).isEqualTo(Reasons.AUTHENTICATION_FAILED);
            assertThat(f.getMessage()).contains("spec.secretRef");
        });
        assertThat(repository).isNotEmpty();
    }

    @Test
    void aTokenServerRefusalIsAuthenticationFailed() {
        RegistryClient denied = client(tokenRegistry, OciRegistry.DENIED_USER, tokenRegistry.password());
        assertThatThrownBy(() -> denied.headDigest("latest")).isInstanceOfSatisfying(FetchFailure.class, f -> {
            assertThat(f.reason()).isEqualTo(Reasons.AUTHENTICATION_FAILED);
            assertThat(f.getMessage()).contains("token server answered 403").contains("user 'denied'");
        });
    }

    @Test
    void aBlobWhoseBytesAreNotItsDigestIsRefused() throws Exception {
        String repository = repo();
        OciRegistry.Blob content = layer(Map.of("tampered", UUID.randomUUID().toString()));
        registry.pushArtifact(repository, "latest", CONFIG, List.of(content));
        Path data = registry.blobData(content.digest());
        byte[] tampered = Files.readAllBytes(data);
        tampered[tampered.length - 1] ^= 1;
        Files.write(data, tampered);
        FetchFailure failure = failure(registry, spec(registry, repository), new DirStorage(work.resolve("s")));
        assertThat(failure.reason()).isEqualTo(OciReasons.PULL_FAILED);
        assertThat(failure.getMessage()).contains("digest mismatch").contains(content.digest());
    }

    /** The registry itself refuses manifests of unknown media types (OciRulesTest covers our refusal); a layer we cannot extract fails here. */
    @Test
    void aLayerOfAnUnsupportedMediaTypeCannotBeExtracted() throws Exception {
        String repository = repo();
        OciRegistry.Blob zstd = new OciRegistry.Blob("application/vnd.oci.image.layer.v1.tar+zstd", ("zstd " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        registry.pushArtifact(repository, "latest", CONFIG, List.of(zstd));
        FetchFailure failure = failure(registry, spec(registry, repository), new DirStorage(work.resolve("s")));
        assertThat(failure.reason()).isEqualTo(OciReasons.LAYER_OPERATION_FAILED);
        assertThat(failure.getMessage()).contains("failed to extract layer contents").contains("application/vnd.oci.image.layer.v1.tar+zstd")
                .contains(zstd.digest());
    }

    @Test
    void tagsListIsRead() throws Exception {
        String repository = repo();
        List<String> pushed = new ArrayList<>(List.of("a", "b", "c"));
        for (String tag : pushed) {
            registry.pushArtifact(repository, tag, CONFIG, List.of(layer(Map.of("t", tag))));
        }
        RegistryClient client = new RegistryClient(OciUrl.parse(registry.url(repository)), false,
                PemTls.of(registry.pki().caPem(), null, null).sslContext(),
                DockerConfig.credentials(registry.dockerConfigJson(OciRegistry.USER, registry.password()), registry.host()), Duration.ofSeconds(10));
        assertThat(client.tags()).containsExactlyInAnyOrderElementsOf(pushed);
    }
}
