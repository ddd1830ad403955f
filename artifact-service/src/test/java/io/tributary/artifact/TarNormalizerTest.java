package io.tributary.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.artifact.packaging.InvalidArchiveException;
import io.tributary.artifact.packaging.TarNormalizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TarNormalizerTest {

    private final TarNormalizer normalizer = new TarNormalizer(1024 * 1024, 10 * 1024 * 1024);

    private ByteArrayOutputStream normalize(byte[] tar) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        normalizer.normalize(new ByteArrayInputStream(tar), out);
        return out;
    }

    @Test
    void sameTreeGivesByteIdenticalOutputWhateverTheTimestampsAndOwners() throws Exception {
        byte[] a = TarFixtures.tar(1_700_000_000_000L, 1000, "chart/", "", "chart/Chart.yaml", "name: demo\n", "chart/values.yaml", "a: 1\n");
        byte[] b = TarFixtures.tar(1_600_000_000_000L, 501, "chart/", "", "chart/Chart.yaml", "name: demo\n", "chart/values.yaml", "a: 1\n");

        ByteArrayOutputStream first = new ByteArrayOutputStream();
        TarNormalizer.Result ra = normalizer.normalize(new ByteArrayInputStream(a), first);
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        TarNormalizer.Result rb = normalizer.normalize(new ByteArrayInputStream(b), second);

        assertThat(first.toByteArray()).isEqualTo(second.toByteArray());
        assertThat(ra.digest()).isEqualTo(rb.digest())
                .isEqualTo("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first.toByteArray())));
        assertThat(ra.size()).isEqualTo(first.size());
        assertThat(ra.entries()).isEqualTo(3);
    }

    @Test
    void differentContentGivesADifferentDigest() throws Exception {
        var one = normalizer.normalize(new ByteArrayInputStream(TarFixtures.tar(0, 0, "a.txt", "1")), new ByteArrayOutputStream());
        var two = normalizer.normalize(new ByteArrayInputStream(TarFixtures.tar(0, 0, "a.txt", "2")), new ByteArrayOutputStream());
        assertThat(one.digest()).isNotEqualTo(two.digest());
    }

    @Test
    void writesNormalisedHeaders() throws Exception {
        byte[] input = TarFixtures.tar(1_700_000_000_000L, 1000, "dir/", "", "dir/file.txt", "x");
        try (var tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(normalize(input).toByteArray())))) {
            TarArchiveEntry dir = tar.getNextEntry();
            assertThat(dir.getName()).isEqualTo("dir/");
            assertThat(dir.getMode()).isEqualTo(040750);
            TarArchiveEntry file = tar.getNextEntry();
            assertThat(file.getName()).isEqualTo("dir/file.txt");
            assertThat(file.getMode()).isEqualTo(0100600);
            assertThat(file.getModTime().getTime()).isZero();
            assertThat(file.getLongUserId()).isZero();
            assertThat(file.getUserName()).isEmpty();
        }
    }

    @Test
    void keepsTheExecutableBitAsMode0700AndDropsSymlinks() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry link = new TarArchiveEntry("a-link", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            out.putArchiveEntry(link);
            out.closeArchiveEntry();
            TarArchiveEntry script = new TarArchiveEntry("run.sh");
            script.setMode(0100755);
            script.setSize(2);
            out.putArchiveEntry(script);
            out.write("#!".getBytes());
            out.closeArchiveEntry();
        }
        try (var tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(normalize(bytes.toByteArray()).toByteArray())))) {
            TarArchiveEntry only = tar.getNextEntry();
            assertThat(only.getName()).isEqualTo("run.sh");
            assertThat(only.getMode()).isEqualTo(0100700);
            assertThat(tar.getNextEntry()).isNull();
        }
    }

    @Test
    void rejectsEntriesOutOfLexicalOrder() throws Exception {
        byte[] input = TarFixtures.tar(0, 0, "b.txt", "b", "a.txt", "a");
        assertThatThrownBy(() -> normalize(input))
                .isInstanceOf(InvalidArchiveException.class)
                .hasMessageContaining("lexical order");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape.txt", "a/../../escape.txt", "/etc/passwd", "a//b", "a/./b"})
    void rejectsEntriesThatEscapeOrAreNotClean(String name) throws Exception {
        byte[] input = TarFixtures.tarWithRawName(name, "x");
        assertThatThrownBy(() -> normalize(input))
                .isInstanceOf(InvalidArchiveException.class)
                .hasMessageContaining(name.startsWith("/") ? "absolute" : "escapes");
    }

    @Test
    void rejectsAnEntryOverTheSizeLimit() throws Exception {
        TarNormalizer small = new TarNormalizer(4, 100);
        byte[] input = TarFixtures.tar(0, 0, "big.bin", "0123456789");
        assertThatThrownBy(() -> small.normalize(new ByteArrayInputStream(input), new ByteArrayOutputStream()))
                .isInstanceOf(InvalidArchiveException.class)
                .hasMessageContaining("'big.bin' is 10 bytes, over the limit of 4");
    }
}
