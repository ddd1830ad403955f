package io.tributary.helm.index;

import static io.tributary.helm.index.IndexReaders.both;
import static io.tributary.helm.index.IndexReaders.general;
import static io.tributary.helm.index.IndexReaders.read;
import static io.tributary.helm.index.IndexReaders.refused;
import static io.tributary.helm.index.IndexReaders.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The index-loading rows of helm/helm {@code pkg/repo/v1/index_test.go} at commit
 * e9b85e4de16ad45805843fb121748018cf89094b (Helm v4, main), with its {@code testdata} index files (copied unchanged
 * under {@code src/test/resources/helm/repo/v1/testdata}). Every YAML row runs through both readers, which must both
 * read it (the block reader does not decline these block-style files) and agree, or both refuse it.
 *
 * <p>Rows not ported, because Tributary has no such API (it only reads indexes):
 * <ul>
 * <li>{@code TestIndexFile}'s {@code MustAdd} calls: the same charts are written as an index and loaded instead; its
 * {@code SortEntries} and {@code Get} assertions are ported ({@link #getPicksTheVersionHelmsTestIndexFileExpects}).</li>
 * <li>{@code TestMerge} (IndexFile.Merge), {@code TestIndexWrite} and {@code TestIndexJSONWrite} (WriteFile,
 * WriteJSONFile), {@code TestIndexAdd} and {@code TestAddFileIndexEntriesNil} (MustAdd), {@code TestIndexDirectory}
 * (IndexDirectory over chart archives): writing and building indexes.</li>
 * <li>{@code TestDownloadIndexFile} and {@code verifyLocalChartsFile}: the HTTP download and Helm's charts cache file
 * (fetcher-service downloads; its tests cover that). The file those rows load after downloading,
 * {@code local-index.yaml}, is loaded by {@link #loadsHelmsTestIndexes}.</li>
 * <li>{@code TestIsVersionRange}: {@code isVersionRange} only picks the log level of {@code Get}'s fallback message.</li>
 * <li>{@code TestLoadIndexFileAnnotations}' check of the index's {@code annotations} value: the reader does not keep
 * index annotations; the file's entries are checked.</li>
 * <li>{@code TestIgnoreSkippableChartValidationError}'s {@code nil} and {@code generic_error} rows test the Go error
 * plumbing; the two validation-error rows are ported as entries ({@link #onlyTheDuplicateDependencyProblemIsLetPass}).</li>
 * </ul>
 */
class HelmRepoIndexTest {

    private static final String TESTDATA = "/helm/repo/v1/testdata/";

    // index_test.go: indexWithDuplicates
    static final String INDEX_WITH_DUPLICATES = """

            apiVersion: v1
            entries:
              nginx:
                - urls:
                    - https://charts.helm.sh/stable/nginx-0.2.0.tgz
                  name: nginx
                  description: string
                  version: 0.2.0
                  home: https://github.com/something/else
                  digest: "sha256:1234567890abcdef"
              nginx:
                - urls:
                    - https://charts.helm.sh/stable/alpine-1.0.0.tgz
                    - http://storage2.googleapis.com/kubernetes-charts/alpine-1.0.0.tgz
                  name: alpine
                  description: string
                  version: 1.0.0
                  home: https://github.com/something
                  digest: "sha256:1234567890abcdef"
            """;

    // index_test.go: indexWithEmptyEntry
    static final String INDEX_WITH_EMPTY_ENTRY = """

            apiVersion: v1
            entries:
              grafana:
              - apiVersion: v2
                name: grafana
              - null
              foo:
              -
              bar:
              - digest: "sha256:1234567890abcdef"
                urls:
                - https://charts.helm.sh/stable/alpine-1.0.0.tgz
            """;

    // index_test.go: indexWithDuplicatesInChartDeps
    static final String INDEX_WITH_DUPLICATES_IN_CHART_DEPS = """

            apiVersion: v1
            entries:
              nginx:
                - urls:
                    - https://charts.helm.sh/stable/alpine-1.0.0.tgz
                    - http://storage2.googleapis.com/kubernetes-charts/alpine-1.0.0.tgz
                  name: alpine
                  description: string
                  home: https://github.com/something
                  digest: "sha256:1234567890abcdef"
                - urls:
                    - https://charts.helm.sh/stable/nginx-0.2.0.tgz
                  name: nginx
                  description: string
                  version: 0.2.0
                  home: https://github.com/something/else
                  digest: "sha256:1234567890abcdef"
            """;

    // index_test.go: indexWithDuplicatesInLastChartDeps
    static final String INDEX_WITH_DUPLICATES_IN_LAST_CHART_DEPS = """

            apiVersion: v1
            entries:
              nginx:
                - urls:
                    - https://charts.helm.sh/stable/nginx-0.2.0.tgz
                  name: nginx
                  description: string
                  version: 0.2.0
                  home: https://github.com/something/else
                  digest: "sha256:1234567890abcdef"
                - urls:
                    - https://charts.helm.sh/stable/alpine-1.0.0.tgz
                    - http://storage2.googleapis.com/kubernetes-charts/alpine-1.0.0.tgz
                  name: alpine
                  description: string
                  home: https://github.com/something
                  digest: "sha256:111"
            """;

    /** index_test.go: verifyLocalIndex. */
    static void verifyLocalIndex(HelmIndex i) {
        assertThat(i.charts()).as("Expected 3 entries in index file").hasSize(3);
        List<ChartVersion> alpine = i.charts().get("alpine");
        assertThat(alpine).as("'alpine' section not found.").isNotNull().as("'alpine' should have 1 chart").hasSize(1);
        List<ChartVersion> nginx = i.charts().get("nginx");
        assertThat(nginx).as("Expected 2 nginx entries").isNotNull().hasSize(2);

        List<ChartVersion> expects = List.of(
                new ChartVersion("alpine", "1.0.0", null, "string", "sha256:1234567890abcdef", null,
                        List.of("https://charts.helm.sh/stable/alpine-1.0.0.tgz", "http://storage2.googleapis.com/kubernetes-charts/alpine-1.0.0.tgz"),
                        List.of("linux", "alpine", "small", "sumtin"), false, "https://github.com/something", null),
                new ChartVersion("nginx", "0.2.0", null, "string", "sha256:1234567890abcdef", null,
                        List.of("https://charts.helm.sh/stable/nginx-0.2.0.tgz"), List.of("popular", "web server", "proxy"), false,
                        "https://github.com/something/else", null),
                new ChartVersion("nginx", "0.1.0", null, "string", "sha256:1234567890abcdef", null,
                        List.of("https://charts.helm.sh/stable/nginx-0.1.0.tgz"), List.of("popular", "web server", "proxy"), false,
                        "https://github.com/something", null));
        List<ChartVersion> tests = List.of(alpine.get(0), nginx.get(0), nginx.get(1));
        for (int n = 0; n < tests.size(); n++) {
            ChartVersion expect = expects.get(n);
            ChartVersion tt = tests.get(n);
            assertThat(tt.name()).isEqualTo(expect.name());
            assertThat(tt.description()).isEqualTo(expect.description());
            assertThat(tt.version()).isEqualTo(expect.version());
            assertThat(tt.digest()).isEqualTo(expect.digest());
            assertThat(tt.home()).isEqualTo(expect.home());
            assertThat(tt.urls()).isEqualTo(expect.urls());
            assertThat(tt.keywords()).isEqualTo(expect.keywords());
        }
        assertThat(i.skipped()).isEmpty();
    }

    /** TestLoadIndex (regular, chartmuseum), TestLoadIndexFileAnnotations, TestLoadUnorderedIndex. */
    @ParameterizedTest
    @ValueSource(strings = {"local-index.yaml", "chartmuseum-index.yaml", "local-index-annotations.yaml", "local-index-unordered.yaml"})
    void loadsHelmsTestIndexes(String file) throws IOException {
        HelmIndex index = both(resource(TESTDATA + file));
        verifyLocalIndex(index);
        assertThat(index.charts().get("chartWithNoURL")).extracting(ChartVersion::urls).containsExactly(List.of());
    }

    /** TestLoadIndex: "JSON index file" — read as JSON, as Helm does; it is also YAML, which reads to the same entries. */
    @Test
    void loadsHelmsJsonTestIndex() throws IOException {
        String json = resource(TESTDATA + "local-index.json");
        verifyLocalIndex(read(json));
        assertThat(general(json)).isEqualTo(read(json));
        assertThat(IndexReaders.fast(json)).as("no block style: left to the general reader").isEmpty();
    }

    /** testdata/server/index.yaml (served by Helm's repo tests): entries without apiVersion load, as v1 charts. */
    @Test
    void loadsTheServersTestIndex() throws IOException {
        HelmIndex index = both(resource(TESTDATA + "server/index.yaml"));
        assertThat(index.charts()).containsOnlyKeys("nginx", "alpine");
        assertThat(index.charts().get("nginx")).extracting(ChartVersion::version).containsExactly("0.2.0", "0.1.0");
        assertThat(index.skipped()).isEmpty();
    }

    /** TestLoadIndex_Duplicates: "Expected an error when duplicate entries are present". */
    @Test
    void aRepeatedChartKeyFailsTheIndex() throws IOException {
        refused(INDEX_WITH_DUPLICATES).hasMessage("index: entries: key 'nginx' is defined twice (line 12); Helm refuses repeated keys");
    }

    /** TestLoadIndex_EmptyEntry: no error; every entry of it is one Helm skips. */
    @Test
    void emptyAndInvalidEntriesAreSkippedNotFatal() throws IOException {
        HelmIndex index = both(INDEX_WITH_EMPTY_ENTRY);
        assertThat(index.charts()).containsOnlyKeys("grafana", "foo", "bar");
        assertThat(index.charts().values()).allSatisfy(versions -> assertThat(versions).isEmpty());
        assertThat(index.skipped()).containsExactly(
                new SkippedEntry("bar", null, "chart.metadata.name is required"),
                new SkippedEntry("foo", null, "empty entry"),
                new SkippedEntry("grafana", null, "chart.metadata.version is required"),
                new SkippedEntry("grafana", null, "empty entry"));
        assertThat(index.skipped().get(2).describe()).isEqualTo("chart 'grafana': chart.metadata.version is required");
    }

    /** TestLoadIndex_Empty: "Expected an error when index.yaml is empty." */
    @Test
    void anEmptyFileFailsTheIndex() {
        assertThatThrownBy(() -> read("")).isInstanceOf(IllegalArgumentException.class).hasMessage("index is empty");
    }

    /** TestLoadIndex_DuplicateChartDeps: the entry without a version is filtered out, the other stays. */
    @ParameterizedTest
    @ValueSource(strings = {INDEX_WITH_DUPLICATES_IN_CHART_DEPS, INDEX_WITH_DUPLICATES_IN_LAST_CHART_DEPS})
    void theMalformedVersionIsFilteredOutTheOtherKept(String yaml) throws IOException {
        HelmIndex index = both(yaml);
        List<ChartVersion> cvs = index.charts().get("nginx");
        assertThat(cvs).as("expected one chart version not to be filtered out").isNotEmpty();
        assertThat(cvs).extracting(ChartVersion::name).as("malformed version was not filtered out").doesNotContain("alpine");
        assertThat(index.skipped()).containsExactly(new SkippedEntry("nginx", null, "chart.metadata.version is required"));
    }

    /**
     * TestIgnoreSkippableChartValidationError: "skipped_validation_error" (more than one dependency with name or alias)
     * keeps the entry; "non_skipped_validation_error" (chart.metadata.type must be application or library) skips it.
     */
    @Test
    void onlyTheDuplicateDependencyProblemIsLetPass() throws IOException {
        HelmIndex index = both("""
                apiVersion: v1
                entries:
                  foo:
                  - name: foo
                    version: 1.0.0
                    dependencies:
                    - name: foo
                    - name: bar
                      alias: foo
                  - name: foo
                    version: 2.0.0
                    type: operator
                """);
        assertThat(index.charts().get("foo")).extracting(ChartVersion::version).containsExactly("1.0.0");
        assertThat(index.skipped()).containsExactly(new SkippedEntry("foo", "2.0.0", "chart.metadata.type must be application or library"));
    }

    /** TestIndexFile: the charts it adds with MustAdd, as an index; then its SortEntries and Get assertions. */
    static Stream<Arguments> testIndexFileGets() {
        return Stream.of(
                Arguments.of("setter", "0.1.9", "0.1.9"), // assert.Contains(cv.Version, "0.1.9"): 0.1.9+alpha
                Arguments.of("setter", "0.1.9+alpha", "0.1.9+alpha"),
                Arguments.of("setter", "0.1.8", "0.1.8"));
    }

    static final String TEST_INDEX_FILE = """
            apiVersion: v1
            entries:
              clipper:
              - {apiVersion: v2, name: clipper, version: 0.1.0, urls: [http://example.com/charts/clipper-0.1.0.tgz], digest: "sha256:1234567890"}
              cutter:
              - {apiVersion: v2, name: cutter, version: 0.1.1, urls: [http://example.com/charts/cutter-0.1.1.tgz], digest: "sha256:1234567890abc"}
              - {apiVersion: v2, name: cutter, version: 0.1.0, urls: [http://example.com/charts/cutter-0.1.0.tgz], digest: "sha256:1234567890abc"}
              - {apiVersion: v2, name: cutter, version: 0.2.0, urls: [http://example.com/charts/cutter-0.2.0.tgz], digest: "sha256:1234567890abc"}
              setter:
              - {apiVersion: v2, name: setter, version: 0.1.9+alpha, urls: [http://example.com/charts/setter-0.1.9+alpha.tgz], digest: "sha256:1234567890abc"}
              - {apiVersion: v2, name: setter, version: 0.1.9+beta, urls: [http://example.com/charts/setter-0.1.9+beta.tgz], digest: "sha256:1234567890abc"}
              - {apiVersion: v2, name: setter, version: 0.1.8, urls: [http://example.com/charts/setter-0.1.8.tgz], digest: "sha256:1234567890abc"}
              - {apiVersion: v2, name: setter, version: 0.1.8+beta, urls: [http://example.com/charts/setter-0.1.8+beta.tgz], digest: "sha256:1234567890abc"}
            """;

    @Test
    void helmsTestIndexFileSortsAsSortEntries() throws IOException {
        HelmIndex i = read(TEST_INDEX_FILE);
        assertThat(i.apiVersion()).as("Expected API version v1").isEqualTo("v1");
        assertThat(i.charts()).as("Expected 3 charts").hasSize(3);
        assertThat(i.charts().get("clipper").get(0).name()).isEqualTo("clipper");
        assertThat(i.charts().get("cutter")).as("Expected three cutters.").hasSize(3);
        assertThat(i.charts().get("cutter").get(0).version()).as("Unexpected first version").isEqualTo("0.2.0");
        // equal precedence keeps the order written, as Go's insertion sort does for short lists
        assertThat(i.charts().get("setter")).extracting(ChartVersion::version).containsExactly("0.1.9+alpha", "0.1.9+beta", "0.1.8", "0.1.8+beta");
    }

    @ParameterizedTest
    @MethodSource("testIndexFileGets")
    void getPicksTheVersionHelmsTestIndexFileExpects(String chart, String version, String contained) throws IOException {
        assertThat(read(TEST_INDEX_FILE).select(chart, version)).get().extracting(ChartVersion::version).asString().contains(contained);
    }
}
