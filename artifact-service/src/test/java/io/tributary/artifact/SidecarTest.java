package io.tributary.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.artifact.storage.Sidecar;
import io.tributary.artifact.storage.StorageNames;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The sidecar's text format, the stamp check, and which names are the store's own. */
class SidecarTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);

    static Stream<Arguments> parses() {
        return Stream.of(
                Arguments.of(DIGEST + " 10 1700000000123456789\n", Optional.of(Sidecar.of(DIGEST, 10, 1700000000123456789L))),
                Arguments.of(DIGEST, Optional.of(Sidecar.of(DIGEST, -1, -1))),
                Arguments.of(DIGEST + "\n", Optional.of(Sidecar.of(DIGEST, -1, -1))),
                Arguments.of("", Optional.empty()),
                Arguments.of("sha256:abc 1 2", Optional.empty()),
                Arguments.of(DIGEST + " ten 2", Optional.empty()),
                Arguments.of(DIGEST + " 1", Optional.empty()),
                Arguments.of(DIGEST + " 1 2 3", Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource
    void parses(String text, Optional<Sidecar> expected) {
        assertThat(Sidecar.parse(text)).isEqualTo(expected);
    }

    static Stream<Arguments> describes() {
        return Stream.of(
                Arguments.of(Sidecar.of(DIGEST, 10, 99), 10L, 99L, true),
                Arguments.of(Sidecar.of(DIGEST, 10, 99), 11L, 99L, false),
                Arguments.of(Sidecar.of(DIGEST, 10, 99), 10L, 100L, false),
                Arguments.of(Sidecar.of(DIGEST, -1, -1), 10L, 100L, true));
    }

    @ParameterizedTest
    @MethodSource
    void describes(Sidecar sidecar, long size, long modified, boolean expected) {
        assertThat(sidecar.describes(size, modified)).isEqualTo(expected);
        assertThat(Sidecar.parse(sidecar.format())).hasValue(sidecar);
    }

    @ParameterizedTest
    @ValueSource(strings = {".tmp-0b1c2d3e-aaaa-bbbb-cccc-1234567890ab", ".abc.tar.gz.tmp-0b1c2d3e-aaaa-bbbb-cccc-1234567890ab",
            ".abc.tar.gz.sha256.tmp-1", ".latest.tar.gz.link.tmp-2"})
    void leftoversOfEveryGenerationAreRecognised(String name) {
        assertThat(StorageNames.isLeftover(name)).isTrue();
        assertThat(StorageNames.isArtifactFile(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc.tar.gz", "x.tmp-1", ".latest.tar.gz.link", "abc.tar.gz.sha256"})
    void otherNamesAreNotLeftovers(String name) {
        assertThat(StorageNames.isLeftover(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "latest.tar.gz", "latest.tgz", "index.yaml"})
    void linkNames(String name) {
        assertThat(StorageNames.isLinkName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest-1.0.0.tgz", "index-abc.yaml", "mylatest.tar.gz", "index.yml", "abc.tar.gz"})
    void notLinkNames(String name) {
        assertThat(StorageNames.isLinkName(name)).isFalse();
    }
}
