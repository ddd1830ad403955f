package io.tributary.operator.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile archives against the one extractor: each is refused with its reason and writes nothing outside the target. */
class SafeTarTest {

    private static final SafeTar.Limits LIMITS = new SafeTar.Limits(1024, 4096, 20, 8);

    @TempDir
    Path dir;

    /** One tar entry: name, type flag, content, link target. */
    record Entry(String name, byte type, String content, String link) {
        static Entry file(String name, String content) {
            return new Entry(name, TarConstants.LF_NORMAL, content, null);
        }

        static Entry of(String name, byte type, String link) {
            return new Entry(name, type, "", link);
        }
    }

    static byte[] tgz(Entry... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(bytes); TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry entry = new TarArchiveEntry(e.name(), e.type(), true);
                byte[] content = e.content().getBytes(StandardCharsets.UTF_8);
                if (e.link() != null) {
                    entry.setLinkName(e.link());
                }
                if (entry.isFile()) {
                    entry.setSize(content.length);
                }
                tar.putArchiveEntry(entry);
                if (entry.isFile()) {
                    tar.write(content);
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static Stream<Arguments> hostile() throws IOException {
        byte[] truncated = tgz(Entry.file("chart/Chart.yaml", "name: a\nversion: 1.0.0\n"), Entry.file("chart/x", "y".repeat(500)));
        byte[] bomb;
        {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream gzip = new GZIPOutputStream(bytes); TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
                TarArchiveEntry entry = new TarArchiveEntry("chart/zeros");
                entry.setSize(1000);
                tar.putArchiveEntry(entry);
                tar.write(new byte[1000]);
                tar.closeArchiveEntry();
                for (int i = 0; i < 5; i++) {
                    TarArchiveEntry more = new TarArchiveEntry("chart/zeros-" + i);
                    more.setSize(1000);
                    tar.putArchiveEntry(more);
                    tar.write(new byte[1000]);
                    tar.closeArchiveEntry();
                }
            }
            bomb = bytes.toByteArray();
        }
        Entry[] many = new Entry[25];
        for (int i = 0; i < many.length; i++) {
            many[i] = Entry.file("chart/f" + i, "x");
        }
        return Stream.of(
                Arguments.of("plain text", "this is not an archive at all".repeat(100).getBytes(StandardCharsets.UTF_8), "not a valid gzipped tar"),
                Arguments.of("empty body", new byte[0], "not a valid gzipped tar"),
                Arguments.of("truncated gzip", java.util.Arrays.copyOf(truncated, truncated.length / 2), "not a valid gzipped tar"),
                Arguments.of("dot-dot escape", tgz(Entry.file("chart/../../evil", "x")), "escapes the target directory"),
                Arguments.of("absolute path", tgz(Entry.file("/etc/passwd", "x")), "absolute path"),
                Arguments.of("drive letter", tgz(Entry.file("C:/evil", "x")), "absolute path"),
                Arguments.of("backslash name", tgz(Entry.file("chart\\..\\evil", "x")), "backslash"),
                Arguments.of("symlink", tgz(Entry.of("chart/link", TarConstants.LF_SYMLINK, "/etc/passwd")), "is a link"),
                Arguments.of("hard link", tgz(Entry.of("chart/hard", TarConstants.LF_LINK, "chart/Chart.yaml")), "is a link"),
                Arguments.of("character device", tgz(Entry.of("chart/dev", TarConstants.LF_CHR, null)), "not a regular file"),
                Arguments.of("fifo", tgz(Entry.of("chart/fifo", TarConstants.LF_FIFO, null)), "not a regular file"),
                Arguments.of("file over the limit", tgz(Entry.file("chart/big", "x".repeat(2000))), "over the limit of 1024"),
                Arguments.of("gzip bomb over the total", bomb, "unpacks to more than 4096 bytes"),
                Arguments.of("too many entries", tgz(many), "more than 20 entries"),
                Arguments.of("too deep", tgz(Entry.file("chart/a/b/c/d/e/f/g/h/i", "x")), "deeper than 8"),
                Arguments.of("duplicate entry", tgz(Entry.file("chart/Chart.yaml", "a"), Entry.file("chart/Chart.yaml", "b")), "appears twice"),
                Arguments.of("two top directories", tgz(Entry.file("chart/Chart.yaml", "a"), Entry.file("other/x", "b")), "outside the chart directory"),
                Arguments.of("file at the top", tgz(Entry.file("Chart.yaml", "a")), "not inside a directory"),
                Arguments.of("no Chart.yaml", tgz(Entry.file("chart/values.yaml", "a: 1")), "no Chart.yaml"),
                Arguments.of("empty archive", tgz(), "is empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void aHostileChartPackageIsRefusedWithItsReasonAndWritesNothingOutside(String name, byte[] archive, String reason) throws Exception {
        Path file = dir.resolve("in.tgz");
        Files.write(file, archive);
        Path target = dir.resolve("out");
        assertThatThrownBy(() -> SafeTar.extractChart(file, target, LIMITS, "chart package"))
                .isInstanceOf(SafeTar.Refused.class).hasMessageContaining(reason).hasMessageStartingWith("chart package");
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(p -> !p.startsWith(target) && !p.equals(file) && !p.equals(dir))).isEmpty();
        }
    }

    @Test
    void aGoodChartIsUnpackedWithItsTopDirectoryStripped() throws Exception {
        Path file = dir.resolve("good.tgz");
        Files.write(file, tgz(Entry.file("./demo/Chart.yaml", "name: demo\nversion: 1.0.0\n"), Entry.file("demo/templates/cm.yaml", "kind: ConfigMap\n")));
        assertThat(SafeTar.extractChart(file, dir.resolve("out"), LIMITS, "chart")).isEqualTo("demo");
        assertThat(dir.resolve("out/templates/cm.yaml")).hasContent("kind: ConfigMap");
    }

    @Test
    void aSourceDirectoryIsExtractedAloneAndOtherEntriesAreSkipped() throws Exception {
        Path file = dir.resolve("source.tgz");
        Files.write(file, tgz(Entry.file("charts/demo/Chart.yaml", "a"), Entry.file("README.md", "b"), Entry.file("charts/demo-other/x", "c")));
        assertThat(SafeTar.extract(file, "charts/demo", dir.resolve("out"), LIMITS, "source")).isEqualTo(1);
        try (Stream<Path> all = Files.walk(dir.resolve("out"))) {
            assertThat(all.filter(Files::isRegularFile).map(p -> dir.resolve("out").relativize(p).toString())).containsExactly("Chart.yaml");
        }
    }
}
