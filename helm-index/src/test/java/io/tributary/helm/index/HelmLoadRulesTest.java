package io.tributary.helm.index;

import static io.tributary.helm.index.IndexReaders.fast;
import static io.tributary.helm.index.IndexReaders.general;
import static io.tributary.helm.index.IndexReaders.read;
import static io.tributary.helm.index.IndexReaders.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What Helm does with each kind of entry and document, row by row, worked out from its source at helm/helm
 * e9b85e4de16ad45805843fb121748018cf89094b: {@code loadIndex} and {@code ignoreSkippableChartValidationError}
 * (pkg/repo/v1/index.go), {@code Metadata.Validate}, {@code Maintainer.Validate}, {@code Dependency.Validate}
 * (pkg/chart/v2/metadata.go, dependency.go), and the decoding it goes through: sigs.k8s.io/yaml v1.6.0
 * {@code UnmarshalStrict} over go-yaml v2.4.3 (yaml.go, decode.go, resolve.go), encoding/json for JSON documents.
 * Each YAML row runs through both readers: rows marked {@code BLOCK} must be read by the block reader itself, the
 * others may be left to the general reader, but whatever the block reader reads must equal the general reader's.
 */
class HelmLoadRulesTest {

    private static final boolean BLOCK = true;
    private static final boolean ANY = false;

    /** An index with one chart {@code c} whose only entry has these lines. */
    static String entry(String lines) {
        return "apiVersion: v1\nentries:\n  c:\n" + lines.lines().map(l -> "    " + l).collect(Collectors.joining("\n", "  - ", "\n")).replaceFirst("  -     ", "  - ");
    }

    private static HelmIndex load(String yaml, boolean block) throws IOException {
        HelmIndex index = general(yaml);
        Optional<HelmIndex> fast = fast(yaml);
        if (block) {
            assertThat(fast).as("the block reader reads it").isPresent();
        }
        fast.ifPresent(f -> assertThat(f).isEqualTo(index));
        assertThat(read(yaml)).isEqualTo(index);
        return index;
    }

    // ---- entries Helm skips, and entries it keeps ---------------------------------------------------------------

    static Stream<Arguments> validation() {
        return Stream.of(
                Arguments.of("a valid entry", "name: c\nversion: 1.0.0", BLOCK, null),
                Arguments.of("no apiVersion: Helm sets v1", "name: c\nversion: 1.0.0\nurls:\n- c-1.0.0.tgz", BLOCK, null),
                Arguments.of("no name", "version: 1.0.0", BLOCK, "chart.metadata.name is required"),
                Arguments.of("an empty name", "name: \"\"\nversion: 1.0.0", BLOCK, "chart.metadata.name is required"),
                Arguments.of("a null name", "name: ~\nversion: 1.0.0", BLOCK, "chart.metadata.name is required"),
                Arguments.of("name .", "name: .\nversion: 1.0.0", BLOCK, "chart.metadata.name \".\" is not allowed"),
                Arguments.of("name ..", "name: ..\nversion: 1.0.0", BLOCK, "chart.metadata.name \"..\" is not allowed"),
                Arguments.of("a path as name", "name: a/b\nversion: 1.0.0", BLOCK, "chart.metadata.name \"a/b\" is invalid"),
                Arguments.of("a trailing slash", "name: a/\nversion: 1.0.0", BLOCK, "chart.metadata.name \"a/\" is invalid"),
                Arguments.of("name / is its own base name", "name: /\nversion: 1.0.0", BLOCK, null),
                Arguments.of("a name of spaces is not empty", "name: '  '\nversion: 1.0.0", BLOCK, null),
                Arguments.of("a control character is dropped first", "name: \"\\u0007\"\nversion: 1.0.0", BLOCK, "chart.metadata.name is required"),
                Arguments.of("no version", "name: c", BLOCK, "chart.metadata.version is required"),
                Arguments.of("an empty version", "name: c\nversion: ''", BLOCK, "chart.metadata.version is required"),
                Arguments.of("a null version", "name: c\nversion:", BLOCK, "chart.metadata.version is required"),
                Arguments.of("not a semantic version", "name: c\nversion: latest", BLOCK, "chart.metadata.version \"latest\" is invalid"),
                Arguments.of("an empty pre-release", "name: c\nversion: 1.0.0-", BLOCK, "chart.metadata.version \"1.0.0-\" is invalid"),
                Arguments.of("a partial version with v", "name: c\nversion: v1.2", BLOCK, null),
                Arguments.of("a quoted partial version", "name: c\nversion: \"1.0\"", BLOCK, null),
                Arguments.of("type application", "name: c\nversion: 1.0.0\ntype: application", BLOCK, null),
                Arguments.of("type library", "name: c\nversion: 1.0.0\ntype: library", BLOCK, null),
                Arguments.of("type is case-sensitive", "name: c\nversion: 1.0.0\ntype: Application", BLOCK,
                        "chart.metadata.type must be application or library"),
                Arguments.of("a null maintainer", "name: c\nversion: 1.0.0\nmaintainers:\n- ~", ANY,
                        "maintainers must not contain empty or null nodes"),
                Arguments.of("maintainers", "name: c\nversion: 1.0.0\nmaintainers:\n- name: a\n  email: a@example.com\n  url: https://a", BLOCK, null),
                Arguments.of("a null dependency", "name: c\nversion: 1.0.0\ndependencies:\n-", ANY,
                        "dependencies must not contain empty or null nodes"),
                Arguments.of("a bad alias", "name: c\nversion: 1.0.0\ndependencies:\n- name: redis\n  alias: bad alias", BLOCK,
                        "dependency \"redis\" has disallowed characters in the alias"),
                Arguments.of("a repeated dependency is let pass", "name: c\nversion: 1.0.0\ndependencies:\n- name: redis\n- name: redis", BLOCK, null),
                Arguments.of("an alias repeating a name is let pass", "name: c\nversion: 1.0.0\ndependencies:\n- name: a\n- name: b\n  alias: a", BLOCK, null),
                Arguments.of("checks stop at the repeat", "name: c\nversion: 1.0.0\ndependencies:\n- name: a\n- name: a\n- name: b\n  alias: bad!", BLOCK, null),
                Arguments.of("a bad alias before the repeat", "name: c\nversion: 1.0.0\ndependencies:\n- name: b\n  alias: bad!\n- name: a\n- name: a", BLOCK,
                        "dependency \"b\" has disallowed characters in the alias"),
                Arguments.of("dependencies with every field", "name: c\nversion: 1.0.0\ndependencies:\n- name: a\n  version: 1.x\n  repository: oci://r\n"
                        + "  condition: a.enabled\n  tags:\n  - t\n  enabled: true\n  alias: a-1", BLOCK, null),
                Arguments.of("the name is checked before the version", "version: latest", BLOCK, "chart.metadata.name is required"),
                Arguments.of("the version before the type", "name: c\nversion: x\ntype: x", BLOCK, "chart.metadata.version \"x\" is invalid"),
                Arguments.of("the type before maintainers", "name: c\nversion: 1.0.0\ntype: x\nmaintainers:\n- ~", ANY,
                        "chart.metadata.type must be application or library"),
                Arguments.of("an empty mapping", "{}", BLOCK, "chart.metadata.name is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validation")
    void entriesAreKeptOrSkippedAsHelmValidatesThem(String what, String lines, boolean block, String reason) throws IOException {
        HelmIndex index = load(entry(lines), block);
        assertThat(index.charts()).containsOnlyKeys("c");
        if (reason == null) {
            assertThat(index.charts().get("c")).hasSize(1);
            assertThat(index.skipped()).isEmpty();
        } else {
            assertThat(index.charts().get("c")).isEmpty();
            assertThat(index.skipped()).extracting(SkippedEntry::reason).containsExactly(reason);
        }
    }

    static Stream<Arguments> sanitised() {
        return Stream.of(
                Arguments.of("description: |\n  line one\n  line two", "line one line two "),
                Arguments.of("description: \"tab\\tand\\nnewline\"", "tab and newline"),
                Arguments.of("description: \"no\\u00a0break, zero\\u200bwidth\"", "no break, zerowidth"),
                Arguments.of("description: plain ascii", "plain ascii"));
    }

    /** Metadata.Validate's sanitizeString: spaces become a space, what is not printable goes; the kept entry shows it. */
    @ParameterizedTest
    @MethodSource("sanitised")
    void keptEntriesCarryHelmsSanitisedText(String line, String description) throws IOException {
        ChartVersion v = load(entry("name: c\nversion: 1.0.0\n" + line), BLOCK).charts().get("c").get(0);
        assertThat(v.description()).isEqualTo(description);
    }

    // ---- documents Helm refuses ---------------------------------------------------------------------------------

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(entry("name: c\nversion: 1.0.0\nfoo: bar"), "entries.c[0]: unknown field 'foo'"),
                Arguments.of(entry("name: c\nversion: 1.0.0\nmetadata: {}"), "entries.c[0]: unknown field 'metadata'"),
                Arguments.of(entry("name: c\nversion: 1.0.0\nmaintainers:\n- name: a\n  github: a"), "entries.c[0].maintainers[0]: unknown field 'github'"),
                Arguments.of(entry("name: c\nversion: 1.0.0\ndependencies:\n- name: a\n  optional: true"),
                        "entries.c[0].dependencies[0]: unknown field 'optional'"),
                Arguments.of("apiVersion: v1\nentries: {}\nextra: 1\n", "the index: unknown field 'extra'"),
                Arguments.of(entry("name: c\nversion: 1.0.0\nversion: 2.0.0"), "entries.c[0]: key 'version' is defined twice (line 6)"),
                Arguments.of(entry("name: c\nversion: 1.0.0\nannotations:\n  a: x\n  a: y"), "entries.c[0].annotations: key 'a' is defined twice"),
                Arguments.of(entry("name: c\nversion: 1.0.0\nmaintainers:\n- name: a\n  name: b"), "entries.c[0].maintainers[0]: key 'name' is defined twice"),
                Arguments.of("apiVersion: v1\napiVersion: v1\nentries: {}\n", "the index: key 'apiVersion' is defined twice"),
                Arguments.of("apiVersion: v1\nserverInfo:\n  a: 1\n  a: 2\nentries: {}\n", "serverInfo: key 'a' is defined twice"),
                Arguments.of(entry("name: c\nversion: 1.0.0\nannotations:\n  yes: x\n  on: y"), "key 'true' is defined twice"),
                Arguments.of(entry("name: c\nversion: 1.0.0\nappVersion: 392065e2"),
                        "entries.c[0].appVersion: expected a string, got a number (392065e2) (line 6); quote it to make it one"),
                Arguments.of(entry("name: c\nversion: 1.0"), "entries.c[0].version: expected a string, got a number (1.0)"),
                Arguments.of(entry("name: yes\nversion: 1.0.0"), "entries.c[0].name: expected a string, got a boolean (yes)"),
                Arguments.of(entry("name: c\nversion: 1.0.0\ndescription: 12"), "entries.c[0].description: expected a string, got a number (12)"),
                Arguments.of(entry("name: c\nversion: 1.0.0\nkeywords:\n- 1"), "entries.c[0].keywords[0]: expected a string, got a number (1)"),
                Arguments.of(entry("name: c\nversion: 1.0.0\nsources: [true]"), "entries.c[0].sources[0]: expected a string, got a boolean (true)"),
                Arguments.of(entry("name: c\nversion: 1.0.0\ndeprecated: \"true\""), "entries.c[0].deprecated: expected true or false, got a string"),
                Arguments.of(entry("name: c\nversion: 1.0.0\ndeprecated: 1"), "entries.c[0].deprecated: expected true or false, got a number (1)"),
                Arguments.of(entry("name: c\nversion: 1.0.0\ncreated: 2019-05-06"), "entries.c[0].created: '2019-05-06' is not an RFC 3339 time"),
                Arguments.of(entry("name: c\nversion: 1.0.0\ncreated: \"2019-05-06 14:27:00\""), "is not an RFC 3339 time"),
                Arguments.of(entry("name: c\nversion: 1.0.0\ncreated: 2019-05-06t14:27:00Z"), "is not an RFC 3339 time"),
                Arguments.of(entry("name: c\nversion: 1.0.0\ncreated: 12"), "entries.c[0].created: expected an RFC 3339 time string, got a number"),
                Arguments.of("apiVersion: v1\ngenerated: \"\"\nentries: {}\n", "generated: '' is not an RFC 3339 time"),
                Arguments.of(entry("name: c\nversion: 1.0.0\nurls: c.tgz"), "entries.c[0].urls: expected a list of strings, got a string"),
                Arguments.of(entry("name: c\nversion: 1.0.0\nurls:\n  a: b"), "entries.c[0].urls: expected a list of strings, got a mapping"),
                Arguments.of(entry("name: c\nversion: 1.0.0\nannotations: [a]"), "entries.c[0].annotations: expected a mapping of strings, got a list"),
                Arguments.of(entry("name: c\nversion: 1.0.0\nannotations:\n  a: 1"), "entries.c[0].annotations.a: expected a string, got a number (1)"),
                Arguments.of(entry("name: c\nversion: 1.0.0\nannotations:\n  a: [x]"), "entries.c[0].annotations.a: expected a string, got a list"),
                Arguments.of(entry("name: c\nversion: 1.0.0\nannotations:\n  ~: x"), "entries.c[0].annotations: a null mapping key"),
                Arguments.of(entry("name: c\nversion: 1.0.0\nannotations:\n  ? [a]\n  : x"), "entries.c[0].annotations: a mapping key that is not a scalar"),
                Arguments.of(entry("name: c\nversion: 1.0.0\nmaintainers:\n  name: a"), "entries.c[0].maintainers: expected a list of maintainers, got a mapping"),
                Arguments.of(entry("name: c\nversion: 1.0.0\nmaintainers:\n- name: 1"), "entries.c[0].maintainers[0].name: expected a string, got a number (1)"),
                Arguments.of(entry("name: c\nversion: 1.0.0\ndependencies:\n- name: a\n  enabled: \"yes\""),
                        "entries.c[0].dependencies[0].enabled: expected true or false, got a string"),
                Arguments.of(entry("name: c\nversion: 1.0.0\ndependencies:\n- name: a\n  tags: t"), "entries.c[0].dependencies[0].tags: expected a list of strings"),
                Arguments.of(entry("name: c\nversion: 1.0.0\ndependencies:\n- name: a\n  import-values: x"),
                        "entries.c[0].dependencies[0].import-values: expected a list, got a string"),
                Arguments.of("apiVersion: v1\nentries:\n  c:\n  - foo\n", "entries.c[0]: expected a chart version (a mapping), got a string"),
                Arguments.of("apiVersion: v1\nentries:\n  c:\n    name: c\n", "index entry 'c' is not a list of versions"),
                Arguments.of("apiVersion: v1\nentries:\n- c\n", "index 'entries' is not a mapping of chart names to versions"),
                Arguments.of("apiVersion: v1\nserverInfo: x\nentries: {}\n", "serverInfo: expected a mapping, got a string"),
                Arguments.of("apiVersion: v1\npublicKeys: x\nentries: {}\n", "publicKeys: expected a list of strings, got a string"),
                Arguments.of("apiVersion: v1\nentries:\n  ~:\n  - name: c\n", "entries: a null mapping key"),
                Arguments.of(entry("name: c\nversion: !!int 1"), "entries.c[0].version: expected a string, got a number (1)"),
                Arguments.of(entry("name: c\nversion: !!int x"), "index is not valid YAML: cannot decode `x` as a !!int"),
                Arguments.of("apiVersion: v1\nentries:\n  c:\n  - &e\n    name: c\n    version: 1.0.0\n  - <<: *e\n    version: 2.0.0\n",
                        "entries.c[1]: key 'version' is defined twice"),
                Arguments.of("apiVersion: v1\nentries:\n  c:\n  - <<: x\n    version: 2.0.0\n", "map merge requires map or sequence of maps as the value"),
                Arguments.of("apiVersion: v1\nentries:\n  c:\n  - name: *nowhere\n", "unknown anchor 'nowhere' referenced"),
                Arguments.of("apiVersion: v1\nentries: {a: [\n", "index is not valid YAML"),
                Arguments.of("apiVersion: v1\nentries:\n  c:\n  - name: \"a\u0007\"\n", "index is not valid YAML"),
                Arguments.of("- a\n- b\n", "index is not a YAML mapping"),
                Arguments.of("just text\n", "index is not a YAML mapping"),
                Arguments.of("entries: {}\n", "index has no apiVersion"),
                Arguments.of("apiVersion: ''\nentries: {}\n", "index has no apiVersion"),
                Arguments.of("apiVersion: ~\nentries: {}\n", "index has no apiVersion"),
                Arguments.of("# nothing but a comment\n", "index has no apiVersion"),
                Arguments.of("---\n", "index has no apiVersion"),
                Arguments.of("~\n", "index has no apiVersion"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void documentsHelmRefusesFailTheWholeIndex(String yaml, String message) throws IOException {
        refused(yaml).hasMessageContaining(message);
    }

    // ---- what Helm's decoding accepts and turns into strings ----------------------------------------------------

    static Stream<Arguments> conversions() {
        return Stream.of(
                Arguments.of("digest: 12345", "12345"),
                Arguments.of("digest: 0x1F", "31"),
                Arguments.of("digest: 0123", "83"),
                Arguments.of("digest: 1_000", "1000"),
                Arguments.of("digest: 1e3", "1000"),
                Arguments.of("digest: 3.14159", "3.14159"),
                Arguments.of("digest: 392065e2", "3.92065e+07"),
                Arguments.of("digest: .inf", ".inf"),
                Arguments.of("digest: yes", "true"),
                Arguments.of("digest: Off", "false"),
                Arguments.of("digest: \"12345\"", "12345"),
                Arguments.of("digest: !!str 0x1F", "0x1F"));
    }

    /** sigs.k8s.io/yaml writes a number or boolean as a string where the field is ChartVersion's own string. */
    @ParameterizedTest
    @MethodSource("conversions")
    void numbersAndBooleansBecomeStringsInChartVersionsOwnFields(String line, String digest) throws IOException {
        assertThat(load(entry("name: c\nversion: 1.0.0\n" + line), ANY).charts().get("c").get(0).digest()).isEqualTo(digest);
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("urls in a list convert too", entry("name: c\nversion: 1.0.0\nurls: [1.5, true, ~]"), ANY,
                        (Check) i -> assertThat(i.charts().get("c").get(0).urls()).containsExactly("1.5", "true", "")),
                Arguments.of("a null keyword is an empty string", entry("name: c\nversion: 1.0.0\nkeywords:\n- a\n-\n- ~"), BLOCK,
                        (Check) i -> assertThat(i.charts().get("c").get(0).keywords()).containsExactly("a", "", "")),
                Arguments.of("deprecated: yes", entry("name: c\nversion: 1.0.0\ndeprecated: yes"), BLOCK,
                        (Check) i -> assertThat(i.charts().get("c").get(0).deprecated()).isTrue()),
                Arguments.of("deprecated: null", entry("name: c\nversion: 1.0.0\ndeprecated: ~"), BLOCK,
                        (Check) i -> assertThat(i.charts().get("c").get(0).deprecated()).isFalse()),
                Arguments.of("a plain RFC 3339 time", entry("name: c\nversion: 1.0.0\ncreated: 2016-10-06T16:23:20.499029981-06:00"), BLOCK,
                        (Check) i -> assertThat(i.charts().get("c").get(0).created()).isEqualTo("2016-10-06T16:23:20.499029981-06:00")),
                Arguments.of("an annotation under a metadata string field's name converts",
                        entry("name: c\nversion: 1.0.0\nannotations:\n  version: 1\n  Home: true"), ANY,
                        (Check) i -> assertThat(i.charts().get("c")).hasSize(1)),
                Arguments.of("the index's own annotations convert", "apiVersion: v1\nannotations:\n  a: 1\nentries: {}\n", ANY,
                        (Check) i -> assertThat(i.charts()).isEmpty()),
                Arguments.of("serverInfo holds anything", "apiVersion: v1\nserverInfo:\n  a: [1, {b: c}]\n  d: ~\nentries: {}\n", ANY,
                        (Check) i -> assertThat(i.charts()).isEmpty()),
                Arguments.of("a numeric apiVersion converts", "apiVersion: 1\nentries: {}\n", ANY, (Check) i -> assertThat(i.apiVersion()).isEqualTo("1")),
                Arguments.of("a blank apiVersion is one", "apiVersion: ' '\nentries: {}\n", BLOCK, (Check) i -> assertThat(i.apiVersion()).isEqualTo(" ")),
                Arguments.of("chart keys convert", "apiVersion: v1\nentries:\n  1.0:\n  true:\n  010:\n  c:\n", ANY,
                        (Check) i -> assertThat(i.charts()).containsOnlyKeys("1", "true", "8", "c")),
                Arguments.of("null entries: no charts", "apiVersion: v1\nentries: ~\n", BLOCK, (Check) i -> assertThat(i.charts()).isEmpty()),
                Arguments.of("field names match case-insensitively", entry("Name: c\nVERSION: 1.0.0"), ANY,
                        (Check) i -> assertThat(i.charts().get("c")).extracting(ChartVersion::version).containsExactly("1.0.0")),
                Arguments.of("of case variants the greatest key wins", entry("name: second\nName: first\nversion: 1.0.0"), ANY,
                        (Check) i -> assertThat(i.charts().get("c").get(0).name()).isEqualTo("second")),
                Arguments.of("a null does not override a case variant", entry("Name: c\nname: ~\nversion: 1.0.0"), ANY,
                        (Check) i -> assertThat(i.charts().get("c").get(0).name()).isEqualTo("c")),
                Arguments.of("the Kelvin sign folds to k", entry("name: c\nversion: 1.0.0\n\u212Aeywords: [a]"), ANY,
                        (Check) i -> assertThat(i.charts().get("c").get(0).keywords()).containsExactly("a")),
                Arguments.of("merge keys splice a mapping in", "apiVersion: v1\nentries:\n  c:\n  - &e\n    name: c\n    home: h\n    version: 1.0.0\n"
                        + "  - <<: {name: c, home: h}\n    version: 2.0.0\n", ANY,
                        (Check) i -> assertThat(i.charts().get("c")).extracting(ChartVersion::home).containsExactly("h", "h")),
                Arguments.of("aliases repeat a node", "apiVersion: v1\nentries:\n  c:\n  - name: &n c\n    version: 1.0.0\n    keywords: &k [a, b]\n"
                        + "  - name: *n\n    version: 2.0.0\n    keywords: *k\n", ANY,
                        (Check) i -> assertThat(i.charts().get("c")).extracting(ChartVersion::keywords).containsExactly(List.of("a", "b"), List.of("a", "b"))),
                Arguments.of("a string tag keeps the text", entry("name: c\nversion: !!str 1.0.0\nappVersion: !!str 1.0"), ANY,
                        (Check) i -> assertThat(i.charts().get("c").get(0).appVersion()).isEqualTo("1.0")),
                Arguments.of("only the first document is read", "apiVersion: v1\nentries: {}\n---\n[this, is: {not read\n", ANY,
                        (Check) i -> assertThat(i.charts()).isEmpty()));
    }

    interface Check {
        void check(HelmIndex index);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void documentsHelmLoads(String what, String yaml, boolean block, Check check) throws IOException {
        check.check(load(yaml, block));
    }

    // ---- JSON, read with encoding/json ---------------------------------------------------------------------------

    static Stream<Arguments> json() {
        return Stream.of(
                Arguments.of("unknown fields are ignored",
                        "{\"apiVersion\":\"v1\",\"x\":1,\"entries\":{\"c\":[{\"name\":\"c\",\"version\":\"1.0.0\",\"foo\":{\"a\":[1]}}]}}",
                        (Check) i -> assertThat(i.charts().get("c")).hasSize(1)),
                Arguments.of("a repeated key's last value wins",
                        "{\"apiVersion\":\"v1\",\"entries\":{\"c\":[{\"name\":\"c\",\"version\":\"1.0.0\",\"version\":\"2.0.0\"}]}}",
                        (Check) i -> assertThat(i.charts().get("c")).extracting(ChartVersion::version).containsExactly("2.0.0")),
                Arguments.of("a repeated chart's last list wins",
                        "{\"apiVersion\":\"v1\",\"entries\":{\"c\":[null],\"c\":[{\"name\":\"c\",\"version\":\"2.0.0\"}]}}",
                        (Check) i -> {
                            assertThat(i.charts().get("c")).extracting(ChartVersion::version).containsExactly("2.0.0");
                            assertThat(i.skipped()).isEmpty();
                        }),
                Arguments.of("case variants: the last one wins",
                        "{\"apiVersion\":\"v1\",\"entries\":{\"c\":[{\"name\":\"b\",\"NAME\":\"a\",\"version\":\"2.0.0\"}]}}",
                        (Check) i -> assertThat(i.charts().get("c").get(0).name()).isEqualTo("a")),
                Arguments.of("null entries are skipped", " \n{\"apiVersion\":\"v1\",\"entries\":{\"c\":[null]}}",
                        (Check) i -> assertThat(i.skipped()).containsExactly(new SkippedEntry("c", null, "empty entry"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("json")
    void jsonIndexesAreReadAsEncodingJsonReadsThem(String what, String json, Check check) throws IOException {
        check.check(read(json));
    }

    @ParameterizedTest
    @MethodSource("jsonRefusals")
    void jsonTypesMustStillMatch(String json, String message) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    static Stream<Arguments> jsonRefusals() {
        return Stream.of(
                Arguments.of("{\"apiVersion\":\"v1\",\"entries\":{\"c\":[{\"name\":\"c\",\"version\":\"1.0.0\",\"digest\":12}]}}",
                        "entries.c[0].digest: expected a string, got a number (12)"),
                Arguments.of("{\"entries\":{}}", "index has no apiVersion"),
                Arguments.of("{\"apiVersion\":\"v1\",\"entries\":[]}", "index 'entries' is not a mapping"));
    }
}
