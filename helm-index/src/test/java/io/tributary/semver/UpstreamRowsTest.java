package io.tributary.semver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every ported row is read: the row counts of the upstream tables, counted in the Go sources. */
class UpstreamRowsTest {

    private static final Map<String, Integer> ROWS = new TreeMap<>(Map.ofEntries(
            Map.entry("TestParseConstraint", 11),
            Map.entry("TestConstraintCheck", 115), // of 118: three parseConstraint("") rows, see ConstraintTest
            Map.entry("TestNewConstraint", 19),
            Map.entry("TestConstraintsCheck", 126),
            Map.entry("TestConstraintsCheckIncludePrerelease", 130),
            Map.entry("TestRewriteRange", 5),
            Map.entry("TestIsX", 5),
            Map.entry("TestConstraintsValidate", 71),
            Map.entry("TestConstraintsValidate.messages", 36),
            Map.entry("TestConstraintsValidateIncludePrerelease", 79),
            Map.entry("TestConstraintsValidateIncludePrerelease.messages", 39),
            Map.entry("TestConstraintString", 6),
            Map.entry("TestTextMarshalConstraints", 7),
            Map.entry("TestTextUnmarshalConstraints", 6),
            Map.entry("FuzzNewConstraint", 20),
            Map.entry("TestStrictNewVersion", 50),
            Map.entry("TestNewVersion", 44), // the "With loose NewVersion" half, see VersionTest
            Map.entry("TestOriginal", 16),
            Map.entry("TestCoerceString", 16),
            Map.entry("TestCompare", 19),
            Map.entry("TestLessThan", 3),
            Map.entry("TestLessThanEqual", 3),
            Map.entry("TestGreaterThan", 8),
            Map.entry("TestGreaterThanEqual", 3),
            Map.entry("TestEqual", 5), // of 7: two rows call Equal on nil, see VersionTest
            Map.entry("TestValidatePrerelease", 5),
            Map.entry("TestValidateMetadata", 6),
            Map.entry("FuzzNewVersion", 8),
            Map.entry("FuzzStrictNewVersion", 8),
            Map.entry("TestCollection.raw", 5),
            Map.entry("TestCollection.sorted", 5)));

    @Test
    void everyTableHasItsUpstreamRowCount() {
        Map<String, Integer> loaded = new TreeMap<>();
        ROWS.keySet().forEach(table -> loaded.put(table, UpstreamRows.load(table).size()));
        assertThat(loaded).isEqualTo(ROWS);
    }

    @Test
    void cellsReadAsGoWritesThem() {
        var row = UpstreamRows.load("TestStrictNewVersion").stream().filter(r -> r.cells().get(0).equals("\n1.2")).findFirst().orElseThrow();
        assertThat(row.cells()).containsExactly("\n1.2", true);
        assertThat(UpstreamRows.load("TestEqual").get(4).cells()).containsExactly("1.2.3", null, false);
        assertThat(UpstreamRows.load("TestConstraintsValidate.messages").get(0).cells())
                .containsExactly("2.x", "1.2.3", "\"1.2.3\" is less than \"2.x\"");
    }
}
