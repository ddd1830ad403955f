package io.tributary.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.artifact.storage.ArtifactKey;
import io.tributary.artifact.storage.ArtifactStore;
import io.tributary.artifact.storage.FilesystemArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The filesystem store on a real directory: atomic writes, names at Kubernetes' limits, recovery after a killed process. */
class FilesystemArtifactStoreTest {

    @TempDir
    Path root;

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static ArtifactStore.Stored write(ArtifactStore store, ArtifactKey key, byte[] content) throws Exception {
        String digest = sha256(content);
        return store.write(key, out -> {
            out.write(content);
            return new ArtifactStore.Written(digest, content.length);
        });
    }

    private List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gitrepository", "helmrepository", "helmchart", "bucket", "ocirepository"})
    void everyKindStoresServesLinksAndDeletesWithTheLongestNames(String kind) throws Exception {
        FilesystemArtifactStore store = new FilesystemArtifactStore(root);
        ArtifactKey key = new ArtifactKey(kind, ArtifactKeyTest.NAMESPACE, ArtifactKeyTest.NAME, ArtifactKeyTest.FILE);
        ArtifactKey alias = new ArtifactKey(kind, ArtifactKeyTest.NAMESPACE, ArtifactKeyTest.NAME, "latest.tar.gz");
        byte[] content = "content".getBytes(StandardCharsets.UTF_8);

        ArtifactStore.Stored stored = write(store, key, content);
        store.link(alias, key);

        assertThat(stored.digest()).isEqualTo(sha256(content));
        assertThat(store.stat(key).orElseThrow().digest()).isEqualTo(sha256(content));
        try (InputStream in = store.open(key).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(store.resolveLink(alias)).hasValue(key);
        assertThat(store.list(kind, ArtifactKeyTest.NAMESPACE, ArtifactKeyTest.NAME)).extracting(ArtifactStore.Stored::key).containsExactly(key);
        assertThat(store.objects(kind)).hasSize(1);
        Path dir = root.toRealPath().resolve(key.objectPrefix());
        assertThat(filesIn(dir)).allSatisfy(name -> assertThat(name.length()).isLessThanOrEqualTo(255))
                .containsExactly(".latest.tar.gz.link", ArtifactKeyTest.FILE, ArtifactKeyTest.FILE + ".sha256");

        store.delete(key);
        assertThat(store.stat(key)).isEmpty();
        assertThat(filesIn(dir)).containsExactly(".latest.tar.gz.link");
    }

    @Test
    void aFailedWriteLeavesNothingBehindAndTheOldArtifactInPlace() throws Exception {
        FilesystemArtifactStore store = new FilesystemArtifactStore(root);
        ArtifactKey key = new ArtifactKey("gitrepository", "default", "app", "a.tar.gz");
        write(store, key, "old".getBytes());
        try {
            store.write(key, out -> {
                out.write("half of the new".getBytes());
                throw new IOException("the upload broke");
            });
        } catch (IOException expected) {
            assertThat(expected).hasMessage("the upload broke");
        }
        assertThat(filesIn(root.toRealPath().resolve(key.objectPrefix()))).containsExactly("a.tar.gz", "a.tar.gz.sha256");
        assertThat(store.stat(key).orElseThrow().digest()).isEqualTo(sha256("old".getBytes()));
    }

    /** What kill -9 can leave: temporary files of every write step, of this and earlier versions, and unfinished pairs. */
    @Test
    void recoveryRemovesWhatAKilledProcessLeftAndRepairsDigests() throws Exception {
        FilesystemArtifactStore store = new FilesystemArtifactStore(root);
        ArtifactKey kept = new ArtifactKey("gitrepository", "default", "app", "kept.tar.gz");
        ArtifactKey overwritten = new ArtifactKey("gitrepository", "default", "app", "overwritten.tar.gz");
        ArtifactKey unsealed = new ArtifactKey("helmchart", "default", "chart", "chart-1.0.0.tgz");
        write(store, kept, "kept".getBytes());
        write(store, overwritten, "before".getBytes());
        store.link(new ArtifactKey("gitrepository", "default", "app", "latest.tar.gz"), kept);
        Path app = root.toRealPath().resolve(kept.objectPrefix());
        Path chart = Files.createDirectories(root.toRealPath().resolve(unsealed.objectPrefix()));
        List<String> leftovers = List.of(".tmp-0b1c2d3e-1111-2222-3333-444455556666", ".kept.tar.gz.tmp-77", ".kept.tar.gz.sha256.tmp-88",
                ".latest.tar.gz.link.tmp-99");
        for (String leftover : leftovers) {
            Files.writeString(app.resolve(leftover), "partial");
        }
        Files.writeString(app.resolve("gone.tar.gz.sha256"), sha256("gone".getBytes()));
        // killed between the two renames of an overwrite: the new content is in place, the sidecar still the old one
        Files.write(app.resolve("overwritten.tar.gz"), "after, longer".getBytes());
        // killed after the artifact's rename in an older version that renamed the artifact first: no sidecar at all
        Files.write(chart.resolve("chart-1.0.0.tgz"), "chart".getBytes());

        FilesystemArtifactStore.Recovery recovery = store.recover();

        assertThat(recovery).isEqualTo(new FilesystemArtifactStore.Recovery(4, 1, 2));
        assertThat(filesIn(app)).containsExactly(".latest.tar.gz.link", "kept.tar.gz", "kept.tar.gz.sha256", "overwritten.tar.gz",
                "overwritten.tar.gz.sha256");
        assertThat(store.stat(overwritten).orElseThrow().digest()).isEqualTo(sha256("after, longer".getBytes()));
        assertThat(store.stat(unsealed).orElseThrow().digest()).isEqualTo(sha256("chart".getBytes()));
        assertThat(store.stat(kept).orElseThrow().digest()).isEqualTo(sha256("kept".getBytes()));
        assertThat(store.recover().nothingToDo()).isTrue();
    }

    @Test
    void aSidecarThatDoesNotDescribeItsFileIsNotTrustedWhenServing() throws Exception {
        FilesystemArtifactStore store = new FilesystemArtifactStore(root);
        ArtifactKey key = new ArtifactKey("bucket", "default", "b", "x.tar.gz");
        write(store, key, "first".getBytes());
        Files.write(root.toRealPath().resolve(key.path()), "second!".getBytes());
        assertThat(store.stat(key).orElseThrow().digest()).isEqualTo(sha256("second!".getBytes()));
        assertThat(Files.readString(root.toRealPath().resolve(key.path() + ".sha256"))).startsWith(sha256("second!".getBytes()) + " 7 ");
    }

    @Test
    void aSidecarOfAnEarlierVersionHoldingOnlyTheDigestIsTrusted() throws Exception {
        FilesystemArtifactStore store = new FilesystemArtifactStore(root);
        ArtifactKey key = new ArtifactKey("bucket", "default", "b", "x.tar.gz");
        Path file = Files.createDirectories(root.toRealPath().resolve(key.objectPrefix())).resolve("x.tar.gz");
        Files.writeString(file, "legacy");
        String recorded = "sha256:" + "0".repeat(64);
        Files.writeString(file.resolveSibling("x.tar.gz.sha256"), recorded);
        assertThat(store.stat(key).orElseThrow().digest()).isEqualTo(recorded);
        assertThat(store.recover().nothingToDo()).isTrue();
    }
}
