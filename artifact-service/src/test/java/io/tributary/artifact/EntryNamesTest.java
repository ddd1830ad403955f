package io.tributary.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.artifact.packaging.EntryNames;
import io.tributary.artifact.packaging.InvalidArchiveException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Entry names as {@link EntryNames} accepts or refuses them, with depth 4 and 64 bytes as the limits. The first rows
 * port fluxcd/pkg {@code tar/untar.go} {@code validRelPath} (commit e2cfd1a2): empty, backslash, absolute and
 * {@code ../} names are refused there too.
 */
class EntryNamesTest {

    private static final int DEPTH = 4;
    private static final int BYTES = 64;

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("file1", false, "file1"),
                Arguments.of("abc/fileX", false, "abc/fileX"),
                Arguments.of("./abc/fileX", false, "abc/fileX"),
                Arguments.of("dir/", true, "dir/"),
                Arguments.of("dir", true, "dir/"),
                Arguments.of("./", true, EntryNames.ROOT),
                Arguments.of(".", true, EntryNames.ROOT),
                Arguments.of("a/b/c/d", false, "a/b/c/d"),
                Arguments.of("ünïcødé/日本", false, "ünïcødé/日本"),
                Arguments.of("..hidden/.dotfile", false, "..hidden/.dotfile"),
                Arguments.of("x".repeat(64), false, "x".repeat(64)));
    }

    @ParameterizedTest
    @MethodSource
    void accepted(String raw, boolean directory, String expected) throws Exception {
        assertThat(EntryNames.normalize(raw, directory, DEPTH, BYTES)).isEqualTo(expected);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("", "empty name"),
                Arguments.of("a\\b", "backslash"),
                Arguments.of("/etc/passwd", "absolute"),
                Arguments.of("../abc/file", "escapes"),
                Arguments.of("a/../../b", "escapes"),
                Arguments.of("a/./b", "not clean"),
                Arguments.of("a//b", "not clean"),
                Arguments.of("./../x", "escapes"),
                Arguments.of("..", "escapes"),
                Arguments.of("a\0b", "NUL"),
                Arguments.of("bad\uFFFDutf8", "not valid UTF-8"),
                Arguments.of("a/b/c/d/e", "5 path segments deep, over the limit of 4"),
                Arguments.of("x".repeat(65), "name of 65 bytes, over the limit of 64"),
                Arguments.of("日".repeat(22), "name of 66 bytes"),
                Arguments.of("s".repeat(256), "segment of 256 bytes, over the file-name limit of 255"),
                Arguments.of("./", "empty name"));
    }

    @ParameterizedTest
    @MethodSource
    void refused(String raw, String message) {
        int bytes = raw.length() > 255 ? 1000 : BYTES;
        assertThatThrownBy(() -> EntryNames.normalize(raw, false, DEPTH, bytes))
                .isInstanceOf(InvalidArchiveException.class)
                .hasMessageContaining(message);
    }
}
