package io.tributary.release.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The labels a replaced storage Secret keeps: helm/helm v4.2.4 {@code pkg/storage/driver/util.go} ({@code systemLabels},
 * {@code filterSystemLabels}): the release's own, never the ones the driver sets itself.
 */
class ReleaseStorageTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            name=app,owner=helm,status=deployed,version=3                 | none
            createdAt=1764646856,modifiedAt=1764646900                     | none
            team=shop,name=app                                             | team=shop
            team=shop,tier=web,owner=helm,status=failed                    | team=shop,tier=web
            none                                                           | none
            """)
    void keepsOnlyTheReleasesOwnLabels(String labels, String kept) {
        assertThat(ReleaseStorage.releaseLabels(labels == null ? null : parse(labels))).isEqualTo(kept == null ? Map.of() : parse(kept));
    }

    private static Map<String, String> parse(String list) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : list.split(",")) {
            String[] kv = pair.split("=");
            map.put(kv[0], kv[1]);
        }
        return map;
    }
}
