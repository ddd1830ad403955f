package io.tributary.release.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.helm.HelmReleaseSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code spec.test.filters}: which test hooks run. Each filter is {@code name} or {@code !name} (exclude). */
class TestFiltersTest {

    @ParameterizedTest(name = "filters [{0}] hook {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
                       | a | true
            a          | a | true
            a          | b | false
            !a         | a | false
            !a         | b | true
            a,!b       | b | false
            a,!b       | c | false
            !a,!b      | c | true
            """)
    void selects(String filters, String hook, boolean expected) {
        List<HelmReleaseSpec.Test.Filter> list = new ArrayList<>();
        if (filters != null) {
            for (String f : filters.split(",")) {
                HelmReleaseSpec.Test.Filter filter = new HelmReleaseSpec.Test.Filter();
                filter.exclude = f.startsWith("!");
                filter.name = f.replace("!", "");
                list.add(filter);
            }
        }
        assertThat(Test.selected(hook, list)).isEqualTo(expected);
    }
}
