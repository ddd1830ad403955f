package io.tributary.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.artifact.packaging.ArchiveLimits;
import io.tributary.artifact.packaging.InvalidArchiveException;
import io.tributary.artifact.packaging.TarNormalizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The normaliser against well-formed and hostile archives. Rows marked "go:" port the vectors of golang/go
 * {@code src/archive/tar/reader_test.go} (commit 019d8a07e102bd0047a70d026986d7c02781e26f); the binary testdata files
 * are rebuilt here from what each one holds. Rows marked "flux:" port fluxcd/pkg {@code tar/untar_test.go}
 * (commit e2cfd1a2). Not ported: Go's gnu.tar, star.tar, v7.tar, pax.tar, xattrs.tar, nil-uid.tar, gnu-incremental.tar
 * (well-formed header variants commons-compress parses, with nothing an artifact keeps beyond name, size and mode),
 * gnu-multi-hdrs.tar and pax-multi-hdrs.tar (repeated long-name records on a symlink, which an artifact drops
 * whichever name wins); flux's "disable max size checks" (limits here cannot be disabled), "existing subdir",
 * "relative target dir", "relative paths can't ascend" and "symlink" (all about the extraction directory; the
 * normaliser writes a stream, not a directory).
 */
class TarNormalizerTest {

    private static final int MIB = 1024 * 1024;
    static final ArchiveLimits LIMITS = new ArchiveLimits(MIB, 4 * MIB, 8 * MIB, 100, 8, 256);
    private final TarNormalizer normalizer = new TarNormalizer(LIMITS);

    private ByteArrayOutputStream normalize(byte[] tar) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        normalizer.normalize(new ByteArrayInputStream(tar), out);
        return out;
    }

    /** The normalised artifact's entries as "name mode size". */
    private List<String> entries(byte[] tar) throws IOException {
        List<String> entries = new ArrayList<>();
        try (var in = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(normalize(tar).toByteArray())),
                StandardCharsets.UTF_8.name())) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.add(entry.getName() + " " + Integer.toOctalString(entry.getMode()) + " " + entry.getSize());
            }
        }
        return entries;
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
    void aGzipCompressedUploadGivesTheSameArtifactAsThePlainTar() throws Exception {
        byte[] tar = TarFixtures.tar(0, 0, "a/", "", "a/b.txt", "content");
        assertThat(normalize(RawTar.gzip(tar)).toByteArray()).isEqualTo(normalize(tar).toByteArray());
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
        assertThat(entries(bytes.toByteArray())).containsExactly("run.sh 100700 2");
    }

    /** An empty source directory gives a valid empty artifact, as Flux's Archive of an empty directory does. */
    @Test
    void anArchiveWithNoEntriesGivesTheEmptyArtifact() throws Exception {
        TarNormalizer.Result result = normalizer.normalize(new ByteArrayInputStream(new RawTar().end().bytes()), new ByteArrayOutputStream());
        assertThat(result.entries()).isZero();
        assertThat(entries(new RawTar().end().bytes())).isEmpty();
        assertThat(normalize(new RawTar().end().bytes()).toByteArray()).isEqualTo(normalize(new byte[10240]).toByteArray());
    }

    @Test
    void namesAreUtf8WhateverThePlatformCharset() throws Exception {
        assertThat(entries(new RawTar().file("ünïcødé-日本.txt", "x").end().bytes())).containsExactly("ünïcødé-日本.txt 100600 1");
    }

    static Stream<Arguments> accepted() {
        byte[] devs = RawTar.header("dev-numbers.txt", '0', 3, null);
        RawTar.octal(devs, 329, 8, 1);
        RawTar.octal(devs, 337, 8, 3);
        byte[] paxSize = RawTar.header("sized", '0', 0, null);
        return Stream.of(
                row("flux: file at root", () -> new RawTar().file("file1", "x".repeat(256)).end().bytes(), "file1 100600 256"),
                row("flux: file at subdir root", () -> new RawTar().file("abc/fileX", "x".repeat(256)).end().bytes(), "abc/fileX 100600 256"),
                row("flux: directory permissions 0555 become 0750", () -> {
                    byte[] dir = RawTar.header("test-dir/", '5', 0, null);
                    RawTar.octal(dir, 100, 8, 0555);
                    return new RawTar().entry(dir, new byte[0]).end().bytes();
                }, "test-dir/ 40750 0"),
                row("flux: symlinks are skipped, the regular file kept", () -> new RawTar()
                        .entry("symlink", '2', new byte[0], "symlink.target").file("symlink.target", "t").end().bytes(), "symlink.target 100600 1"),
                row("go: ustar-file-devs.tar (a regular file with device numbers)",
                        () -> new RawTar().entry(devs, "abc".getBytes()).end().bytes(), "dev-numbers.txt 100600 3"),
                row("go: pax-pos-size-file.tar (the PAX size overrides the header)",
                        () -> new RawTar().pax("size=999").entry(paxSize, "y".repeat(999).getBytes()).end().bytes(), "sized 100600 999"),
                row("go: pax-path-hdr.tar (a PAX path longer than the header's)",
                        () -> new RawTar().pax("path=" + "p".repeat(120) + "/file").file("short", "z").end().bytes(),
                        "p".repeat(120) + "/file 100600 1"),
                row("go: trailing-slash.tar (a GNU long name ending in / is a directory)",
                        () -> new RawTar().gnuLongName(("d".repeat(120) + "/").getBytes()).entry("ignored/", '5', new byte[0], null).end().bytes(),
                        "d".repeat(120) + "/ 40750 0"),
                row("GNU tar -C dir . starts with the root ./, which is left out",
                        () -> new RawTar().dir("./").file("./a.txt", "a").end().bytes(), "a.txt 100600 1"),
                row("a pre-POSIX directory: type 0 and a trailing slash", () -> new RawTar().entry("old/", '0', new byte[0], null).end().bytes(),
                        "old/ 40750 0"),
                row("a symlink named x/ is a symlink, not a directory", () -> new RawTar().entry("x/", '2', new byte[0], "/etc").end().bytes()),
                row("a lone zero block at the end (GNU tar accepts it)", () -> new RawTar().file("a", "a").raw(new byte[512]).bytes(),
                        "a 100600 1"),
                row("zero padding after the end marker", () -> new RawTar().file("a", "a").end().raw(new byte[9216]).bytes(), "a 100600 1"),
                row("go: pax-nul-xattrs.tar is refused by Go; here extended attributes never reach the artifact",
                        () -> new RawTar().pax("SCHILY.xattr.user.k\0ey=value").file("xattrs", "v").end().bytes(), "xattrs 100600 1"));
    }

    /** Builds one row's upload. */
    @FunctionalInterface
    interface TarSource {
        byte[] get() throws IOException;
    }

    private static Arguments row(String name, TarSource tar, String... entries) {
        return Arguments.of(name, tar, entries);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void accepted(String name, TarSource tar, String[] expected) throws Exception {
        assertThat(entries(tar.get())).containsExactly(expected);
    }

    static Stream<Arguments> refused() {
        byte[] negative = RawTar.header("neg", '0', 0, null);
        Arrays.fill(negative, 124, 136, (byte) 0xff);
        byte[] garbage = RawTar.header("fuzzed", '0', 0, null);
        RawTar.put(garbage, 100, 8, "0x64z!".getBytes());
        byte[] badChecksum = RawTar.header("a.txt", '0', 1, null);
        RawTar.put(badChecksum, 148, 8, "012345\0 ".getBytes());
        byte[] huge = RawTar.header("huge.bin", '0', 2L * MIB, null);
        byte[] text = "The quick brown fox jumps over the lazy dog.\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
        byte[] good = new RawTar().file("a.txt", "a").end().bytes();
        byte[] gz = RawTar.gzip(good);
        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 8] ^= 0x01;
        return Stream.of(
                row("flux: directory traversal parent", () -> new RawTar().file("../abc/file", "x").end().bytes(), "escapes the archive root"),
                row("flux: breach max size", () -> new RawTar().entry(huge, new byte[0]).end().bytes(),
                        "'huge.bin' is 2097152 bytes, over the limit of 1048576"),
                row("go: pax-bad-hdr-file.tar (a PAX record longer than its header)", () -> new RawTar().paxRaw("30 path=foo\n").file("f", "x").end().bytes(),
                        "not a valid tar archive"),
                row("go: pax-bad-mtime-file.tar", () -> new RawTar().pax("mtime=not-a-number").file("f", "x").end().bytes(), "not a valid tar archive"),
                row("go: pax-nul-path.tar", () -> new RawTar().pax("path=foo\0bar").file("f", "x").end().bytes(), "NUL"),
                row("go: neg-size.tar", () -> new RawTar().entry(negative, new byte[0]).end().bytes(), "not a valid tar archive"),
                row("go: issue10968.tar (garbage in a numeric field)", () -> new RawTar().entry(garbage, new byte[0]).end().bytes(), "not a valid tar archive"),
                row("go: issue11169.tar (a PAX record length that overflows)", () -> new RawTar().paxRaw("99999999999999999999 path=x\n").file("f", "x")
                        .end().bytes(), "not a valid tar archive"),
                row("go: issue12435.tar / sparse-formats.tar (sparse files)", () -> new RawTar().entry("sparse", 'S', new byte[0], null).end().bytes(),
                        "is a sparse file"),
                row("go: gnu-long-nul.tar is read by Go up to the NUL; here a NUL in a name is refused",
                        () -> new RawTar().gnuLongName("0123456789\0junk".getBytes()).file("x", "x").end().bytes(), "NUL"),
                row("go: hardlink.tar is read by Go; artifacts cannot hold hard links (flux Untar refuses them)",
                        () -> new RawTar().file("file.txt", "x").entry("link.txt", '1', new byte[0], "file.txt").end().bytes(), "is a hard link"),
                row("an empty body", () -> new byte[0], "the body is empty"),
                row("text shorter than a header", () -> "hello".getBytes(), "shorter than one 512-byte tar header"),
                row("4.5 KB of plain text", () -> text, "not a valid tar archive"),
                row("a header checksum that does not match", () -> new RawTar().entry(badChecksum, "a".getBytes()).end().bytes(), "checksum"),
                row("a stream truncated inside an entry", () -> Arrays.copyOf(new RawTar().file("a.txt", "x".repeat(2000)).end().bytes(), 1024),
                        "'a.txt' is truncated"),
                row("a stream that stops at an entry boundary, without the end marker", () -> new RawTar().file("a.txt", "a").bytes(),
                        "without its end-of-archive marker"),
                row("a stream truncated inside a header", () -> Arrays.copyOf(new RawTar().file("a", "a").file("b", "b").end().bytes(), 1100),
                        "without its end-of-archive marker (truncated after 1100 bytes)"),
                row("a stream truncated inside an entry's padding", () -> Arrays.copyOf(good, 700), "Truncated TAR archive"),
                row("a GNU long name that is absolute", () -> new RawTar().gnuLongName("/etc/passwd".getBytes()).file("x", "x").end().bytes(),
                        "absolute path"),
                row("a truncated gzip stream", () -> Arrays.copyOf(gz, gz.length / 2), "gzip stream is truncated"),
                row("a gzip stream with a bad CRC", () -> badCrc, "gzip stream is corrupt"),
                row("a gzip bomb: 16 MiB of zeros", () -> RawTar.gzip(new byte[16 * MIB]), "over the limit of 8388608 bytes once decompressed"),
                row("a gzip bomb: five 1 MiB files", () -> {
                    RawTar tar = new RawTar();
                    for (int i = 0; i < 5; i++) {
                        tar.entry("f" + i, '0', new byte[MIB], null);
                    }
                    return tar.end().gzip();
                }, "archive content exceeds the limit of 4194304"),
                row("a tar bomb: 101 entries", () -> {
                    RawTar tar = new RawTar();
                    for (int i = 0; i < 101; i++) {
                        tar.file(String.format("f%03d", i), "");
                    }
                    return tar.end().bytes();
                }, "more than 100 entries"),
                row("nine directories deep", () -> new RawTar().file("1/2/3/4/5/6/7/8/9", "x").end().bytes(), "9 path segments deep, over the limit of 8"),
                row("a 257-byte name", () -> new RawTar().pax("path=" + "n/".repeat(4) + "x".repeat(249)).file("f", "x").end().bytes(),
                        "name of 257 bytes, over the limit of 256"),
                row("a 256-byte path segment", () -> new RawTar().pax("path=" + "s".repeat(256)).file("f", "x").end().bytes(), "file-name limit of 255"),
                row("an absolute name", () -> new RawTar().file("/etc/passwd", "x").end().bytes(), "absolute path"),
                row("a PAX path escaping the root", () -> new RawTar().pax("path=a/../../etc/cron.d/x").file("f", "x").end().bytes(), "escapes"),
                row("a PAX path that is absolute", () -> new RawTar().pax("path=/etc/shadow").file("f", "x").end().bytes(), "absolute path"),
                row("a PAX size that is negative", () -> new RawTar().pax("size=-5").file("f", "x").end().bytes(), "not a valid tar archive"),
                row("a PAX size that is not a number", () -> new RawTar().pax("size=abc").file("f", "x").end().bytes(), "not a valid tar archive"),
                row("a PAX header of 100 KiB", () -> new RawTar().pax("comment=" + "c".repeat(100 * 1024)).file("f", "x").end().bytes(),
                        "PAX header record is"),
                row("a GNU long name of 100 KiB", () -> new RawTar().gnuLongName("l".repeat(100 * 1024).getBytes()).file("f", "x").end().bytes(),
                        "GNU long-name header record is"),
                row("a GNU long name with no entry after it", () -> new RawTar().gnuLongName("lost".getBytes()).end().bytes(), "not followed by its entry"),
                row("a character device", () -> new RawTar().entry("tty", '3', new byte[0], null).end().bytes(), "is a device file"),
                row("a block device", () -> new RawTar().entry("sda", '4', new byte[0], null).end().bytes(), "is a device file"),
                row("a named pipe", () -> new RawTar().entry("fifo", '6', new byte[0], null).end().bytes(), "is a named pipe"),
                row("an unknown entry type", () -> new RawTar().entry("volume", 'V', new byte[0], null).end().bytes(), "unsupported type"),
                row("duplicate entries", () -> new RawTar().file("a.txt", "1").file("a.txt", "2").end().bytes(), "duplicate entry 'a.txt'"),
                row("the same name once with ./ and once without", () -> new RawTar().file("./a.txt", "1").file("a.txt", "2").end().bytes(),
                        "duplicate entry 'a.txt'"),
                row("an entry below a regular file", () -> new RawTar().file("a", "1").file("a/b", "2").end().bytes(), "lies below 'a'"),
                row("entries out of lexical order", () -> TarFixtures.tar(0, 0, "b.txt", "b", "a.txt", "a"), "lexical order"),
                row("data after the end marker", () -> new RawTar().file("a", "a").end().raw("trailing".getBytes()).bytes(),
                        "data after the end-of-archive marker at byte 2048"),
                row("a second archive appended", () -> new RawTar().file("a", "a").end().file("b", "b").end().bytes(),
                        "data after the end-of-archive marker"),
                row("a lone zero block followed by more entries", () -> new RawTar().file("a", "a").raw(new byte[512]).file("b", "b").end().bytes(),
                        "data after the end-of-archive marker"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refused(String name, TarSource tar, String[] message) {
        assertThatThrownBy(() -> normalize(tar.get())).isInstanceOf(InvalidArchiveException.class).hasMessageContaining(message[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape.txt", "a/../../escape.txt", "/etc/passwd", "a//b", "a/./b"})
    void rejectsEntriesThatEscapeOrAreNotClean(String name) throws Exception {
        byte[] input = TarFixtures.tarWithRawName(name, "x");
        assertThatThrownBy(() -> normalize(input))
                .isInstanceOf(InvalidArchiveException.class)
                .hasMessageContaining(name.startsWith("/") ? "absolute" : "escapes");
    }
}
