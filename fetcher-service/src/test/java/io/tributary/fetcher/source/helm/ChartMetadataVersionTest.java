package io.tributary.fetcher.source.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The version source-controller writes into a packaged chart when it adds build metadata. */
class ChartMetadataVersionTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            block style        | "apiVersion: v2\\nname: demo\\nversion: 0.1.0\\nappVersion: 1.0.0\\n"
            quoted             | "apiVersion: v2\\nname: demo\\nversion: '0.1.0'\\n"
            dependency version | "apiVersion: v2\\nname: demo\\nversion: 0.1.0\\ndependencies:\\n  - name: lib\\n    version: 1.2.3\\n    repository: file://../lib\\n"
            flow style         | "{apiVersion: v2, name: demo, version: 0.1.0}"
            CRLF               | "apiVersion: v2\\r\\nname: demo\\r\\nversion: 0.1.0\\r\\n"
            """)
    void theRevisionBecomesTheChartsVersionAndNothingElseChanges(String row, String chartYaml) throws Exception {
        Files.writeString(dir.resolve("Chart.yaml"), chartYaml.replace("\\n", "\n").replace("\\r", "\r"));
        ChartMetadata before = ChartMetadata.read(dir, "./demo");

        ChartMetadata.writeVersion(dir, before.version(), "0.1.0+0123456789ab.3");

        ChartMetadata after = ChartMetadata.read(dir, "./demo");
        assertThat(after.version()).isEqualTo("0.1.0+0123456789ab.3");
        assertThat(after.name()).isEqualTo(before.name());
        assertThat(after.appVersion()).isEqualTo(before.appVersion());
        if (row.equals("dependency version")) {
            assertThat(Files.readString(dir.resolve("Chart.yaml"))).contains("    version: 1.2.3\n");
        }
    }

    @Test
    void anUnchangedVersionLeavesTheFileAsItWas() throws Exception {
        String version = "0.1.0";
        String text = "apiVersion: v2\nname: demo\n# a comment\nversion:   0.1.0   \n";
        Files.writeString(dir.resolve("Chart.yaml"), text);
        ChartMetadata.writeVersion(dir, version, version);
        assertThat(Files.readString(dir.resolve("Chart.yaml"))).isEqualTo(text);
    }
}
