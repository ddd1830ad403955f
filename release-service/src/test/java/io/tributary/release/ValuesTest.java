package io.tributary.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.release.values.ValuesDigest;
import io.tributary.values.ValuesMerger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void mergesMapsDeeplyAndReplacesEverythingElse() {
        Map<String, Object> base = Map.of("image", Map.of("repository", "nginx", "tag", "1.0"), "ports", List.of(80), "debug", true);
        Map<String, Object> overlay = Map.of("image", Map.of("tag", "2.0"), "ports", List.of(8080));
        Map<String, Object> merged = ValuesMerger.merge(base, overlay);
        assertThat(merged).containsEntry("image", Map.of("repository", "nginx", "tag", "2.0"))
                .containsEntry("ports", List.of(8080)).containsEntry("debug", true);
    }

    @Test
    void theDigestIgnoresKeyOrderButNotContent() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("x", 1);
        a.put("y", Map.of("b", 2, "a", 1));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("y", Map.of("a", 1, "b", 2));
        b.put("x", 1);
        assertThat(ValuesDigest.of(a)).isEqualTo(ValuesDigest.of(b)).startsWith("sha256:");
        assertThat(ValuesDigest.of(Map.of("x", 2))).isNotEqualTo(ValuesDigest.of(Map.of("x", 1)));
        assertThat(ValuesDigest.of(null)).isEqualTo(ValuesDigest.of(Map.of()));
    }
}
