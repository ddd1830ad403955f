package io.tributary.semver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Masterminds/semver {@code collection_test.go} (TestCollection), at commit 71f2b39f5a1f18100def1d01ef4f59576e4c6da2:
 * sorting a {@code Collection} is sorting by our {@link Version} ordering. Both tables are data files under
 * {@code src/test/resources/io/tributary/semver/masterminds/}.
 */
class CollectionTest {

    @Test
    void collection() {
        List<String> raw = UpstreamRows.load("TestCollection.raw").stream().map(r -> (String) r.cells().get(0)).toList();
        List<String> sorted = UpstreamRows.load("TestCollection.sorted").stream().map(r -> (String) r.cells().get(0)).toList();
        assertThat(raw.stream().map(Version::parse).sorted().map(Version::toString).toList()).isEqualTo(sorted);
    }
}
