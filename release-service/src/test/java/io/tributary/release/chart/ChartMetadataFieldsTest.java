package io.tributary.release.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Chart.yaml scalars as Helm's Metadata holds them: kubernetes-sigs/yaml {@code yaml.go} (convertToJSONableObject:
 * a number or boolean for a string field becomes {@code strconv.FormatFloat(v, 'g', -1, 32)}, FormatInt, "true") into
 * helm/helm v3.21.0 {@code pkg/chart/metadata.go}'s string fields. Expected strings are what Go prints.
 */
class ChartMetadataFieldsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Map<String, Object> read(String yaml) throws Exception {
        return ChartMetadataFields.asHelmReadsThem(YAML.readValue(yaml, new TypeReference<Map<String, Object>>() { }));
    }

    @ParameterizedTest(name = "appVersion: {0} -> \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            1.10        | 1.1
            1.0         | 1
            1.16        | 1.16
            2           | 2
            0.1         | 0.1
            3.14159     | 3.14159
            100000.0    | 100000
            1234567.0   | 1.234567e+06
            0.000012    | 1.2e-05
            -1.5        | -1.5
            true        | true
            "1.10"      | 1.10
            v1.2.3      | v1.2.3
            """)
    void scalarsBecomeTheStringsHelmStores(String yaml, String expected) throws Exception {
        assertThat(read("appVersion: " + yaml + "\n").get("appVersion")).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void nestedStringFieldsToo() throws Exception {
        Map<String, Object> m = read("""
                name: app
                version: 1
                keywords: [a, 2]
                maintainers: [{name: 1, email: x@y}]
                annotations: {build: 42, flag: true}
                dependencies: [{name: db, version: 1.2, enabled: true, tags: [3], import-values: [1]}]
                deprecated: true
                """);
        assertThat(m.get("version")).isEqualTo("1");
        assertThat(m.get("keywords")).isEqualTo(List.of("a", "2"));
        assertThat(m.get("maintainers")).isEqualTo(List.of(Map.of("name", "1", "email", "x@y")));
        assertThat(m.get("annotations")).isEqualTo(Map.of("build", "42", "flag", "true"));
        // enabled is a bool and import-values any value in Helm's Dependency: left as they are
        assertThat(m.get("dependencies")).isEqualTo(List.of(Map.of("name", "db", "version", "1.2", "enabled", true, "tags", List.of("3"),
                "import-values", List.of(1))));
        assertThat(m.get("deprecated")).isEqualTo(true);
    }
}
