package io.tributary.fetcher.oci;

import io.tributary.api.meta.Artifact;
import io.tributary.api.source.OCIRepositorySpec;
import io.tributary.api.source.OCIRepositoryStatus;
import io.tributary.fetcher.artifact.TreeTar;
import io.tributary.fetcher.source.git.IgnoreRules;
import io.tributary.fetcher.source.oci.OciArtifactSteps;
import io.tributary.operator.archive.SafeTar;
import io.tributary.testsupport.HelmRepoServer;
import io.tributary.testsupport.OciRegistry;
import io.tributary.testsupport.SharedServers;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCIRepository fetch throughput (run with {@code -Pbench}; prints figures, asserts nothing): N artifacts on the real
 * registry (HTTPS + htpasswd), each fetched in full (HEAD, manifest, layer download and digest check, SafeTar
 * extraction, the sorted tar stream the artifact-service upload carries, hashed), then reconciled again with
 * nothing changed (HEAD only). There is no Kubernetes API server in this harness, so "apply to all Ready" is not
 * measured; the figures are per artifact.
 */
class OciFetchBench {

    private static final int ARTIFACTS = Integer.getInteger("bench.artifacts", 50);
    private static final int FILES = Integer.getInteger("bench.files", 200);
    private static final int FILE_BYTES = Integer.getInteger("bench.file-bytes", 2_000);

    @TempDir
    Path work;

    @Test
    void fetchThroughput() throws Exception {
        OciRegistry registry = SharedServers.ociRegistry();
        Random random = new Random(42);
        List<String> repositories = new ArrayList<>();
        long layerBytes = 0;
        for (int i = 0; i < ARTIFACTS; i++) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (int f = 0; f < FILES; f++) {
                byte[] content = new byte[FILE_BYTES];
                for (int b = 0; b < content.length; b++) {
                    content[b] = (byte) ('a' + random.nextInt(26));
                }
                files.put("dir" + (f % 10) + "/file" + f + ".yaml", content);
            }
            byte[] layer = HelmRepoServer.tgz(files);
            layerBytes += layer.length;
            String repository = "bench/a" + i;
            registry.pushArtifact(repository, "latest", OciRegistryPullTest.CONFIG,
                    List.of(new OciRegistry.Blob(OciRegistryPullTest.FLUX_LAYER, layer)));
            repositories.add(repository);
        }
        List<OCIRepositoryStatus> statuses = new ArrayList<>();
        SafeTar.Limits limits = new SafeTar.Limits(64 << 20, 1L << 30, 100_000, 64);
        long start = System.nanoTime();
        for (String repository : repositories) {
            OCIRepositoryStatus status = new OCIRepositoryStatus();
            OCIRepositorySpec spec = OciRegistryPullTest.spec(registry, repository);
            OciArtifactSteps.run(spec, status, OciRegistryPullTest.client(registry, spec), new DigestStorage(),
                    Files.createTempDirectory(work, "ws"), 64 << 20, limits);
            statuses.add(status);
        }
        long full = System.nanoTime() - start;
        start = System.nanoTime();
        for (int i = 0; i < repositories.size(); i++) {
            OCIRepositorySpec spec = OciRegistryPullTest.spec(registry, repositories.get(i));
            OciArtifactSteps.run(spec, statuses.get(i), OciRegistryPullTest.client(registry, spec), new DigestStorage(),
                    Files.createTempDirectory(work, "ws"), 64 << 20, limits);
        }
        long unchanged = System.nanoTime() - start;
        System.out.printf("OciFetchBench: %d artifacts x %d files x %d bytes (layer avg %.0f KiB)%n", ARTIFACTS, FILES, FILE_BYTES,
                layerBytes / 1024.0 / ARTIFACTS);
        System.out.printf("  full fetch:        %.1f ms/artifact, %.1f artifacts/s, %.1f MiB/s of layers%n", full / 1e6 / ARTIFACTS,
                ARTIFACTS / (full / 1e9), layerBytes / 1048576.0 / (full / 1e9));
        System.out.printf("  unchanged (HEAD):  %.1f ms/artifact, %.1f artifacts/s%n", unchanged / 1e6 / ARTIFACTS, ARTIFACTS / (unchanged / 1e9));
    }

    /** Produces the tar stream the real upload sends, into a sha256, storing nothing. */
    static final class DigestStorage implements OciArtifactSteps.Storage {
        @Override
        public boolean exists(Artifact artifact) {
            return true;
        }

        @Override
        public Artifact storeTree(Path tree, String ignore, String file, String revision) throws java.io.IOException {
            MessageDigest sha = sha();
            IgnoreRules rules = IgnoreRules.read(tree, ignore);
            try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
                TreeTar.write(tree, "", rules::excluded, TreeTar.Walk.TEST_EVERY_PATH, out);
            }
            return artifact(file, revision, sha);
        }

        @Override
        public Artifact storeFile(Path content, String file, String revision) throws java.io.IOException {
            MessageDigest sha = sha();
            sha.update(Files.readAllBytes(content));
            return artifact(file, revision, sha);
        }

        private static Artifact artifact(String file, String revision, MessageDigest sha) {
            Artifact artifact = new Artifact();
            artifact.path = file;
            artifact.url = "bench://" + file;
            artifact.revision = revision;
            artifact.digest = "sha256:" + HexFormat.of().formatHex(sha.digest());
            artifact.lastUpdateTime = "2026-01-01T00:00:00Z";
            return artifact;
        }

        private static MessageDigest sha() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
