package io.tributary.helm.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelmIndexReaderTest {

    static final String INDEX = """
            apiVersion: v1
            generated: "2026-11-01T10:00:00Z"
            serverInfo: {contextPath: /charts}
            entries:
              podinfo:
                - name: podinfo
                  version: 6.5.0
                  appVersion: "6.5.0"
                  description: Podinfo Helm chart
                  digest: 0123abcd
                  created: "2026-10-01T10:00:00Z"
                  urls: [podinfo-6.5.0.tgz]
                  keywords: [demo, web]
                  maintainers: [{name: stefan}]
                  dependencies: [{name: redis, version: 1.x}]
                - name: podinfo
                  version: 6.10.0
                  urls: ["https://charts.example.com/podinfo-6.10.0.tgz"]
                - name: podinfo
                  version: 7.0.0-rc.1
                  urls: [podinfo-7.0.0-rc.1.tgz]
                - name: podinfo
                  version: v6.1.0
                  deprecated: true
                  urls: [podinfo-v6.1.0.tgz]
              redis:
                - name: redis
                  version: 1.2.3
                  urls: [redis-1.2.3.tgz]
            """;

    static HelmIndex read(String yaml) throws Exception {
        return HelmIndexReader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsEntriesSortedNewestFirstKeepingWhatTheCatalogNeeds() throws Exception {
        HelmIndex index = read(INDEX);
        assertThat(index.apiVersion()).isEqualTo("v1");
        assertThat(index.charts()).containsOnlyKeys("podinfo", "redis");
        assertThat(index.charts().get("podinfo")).extracting(ChartVersion::version)
                .containsExactly("7.0.0-rc.1", "6.10.0", "6.5.0", "v6.1.0");
        ChartVersion v650 = index.charts().get("podinfo").get(2);
        assertThat(v650.appVersion()).isEqualTo("6.5.0");
        assertThat(v650.keywords()).containsExactly("demo", "web");
        assertThat(v650.urls()).containsExactly("podinfo-6.5.0.tgz");
        assertThat(index.charts().get("redis").get(0).name()).isEqualTo("redis");
        assertThat(index.versionCount()).isEqualTo(5);
    }

    @Test
    void selectsExactMatchesFirstThenTheHighestAllowedStableVersion() throws Exception {
        HelmIndex index = read(INDEX);
        assertThat(index.select("podinfo", null).orElseThrow().version()).isEqualTo("6.10.0");
        assertThat(index.select("podinfo", "*").orElseThrow().version()).isEqualTo("6.10.0");
        assertThat(index.select("podinfo", "6.5.x").orElseThrow().version()).isEqualTo("6.5.0");
        assertThat(index.select("podinfo", "v6.1.0").orElseThrow().version()).isEqualTo("v6.1.0");
        assertThat(index.select("podinfo", "6.1.0").orElseThrow().version()).isEqualTo("v6.1.0");
        assertThat(index.select("podinfo", ">=7.0.0-0").orElseThrow().version()).isEqualTo("7.0.0-rc.1");
        assertThat(index.select("podinfo", "8.x")).isEmpty();
        assertThat(index.select("nginx", "*")).isEmpty();
        assertThatThrownBy(() -> index.select("podinfo", ">= x.y")).hasMessageContaining("improper constraint");
    }

    @Test
    void brokenIndexesAreRejectedNamingTheProblem() {
        assertThatThrownBy(() -> read("entries: {}\n")).hasMessage("index has no apiVersion");
        assertThatThrownBy(() -> read("- a\n- b\n")).hasMessage("index is not a YAML mapping");
        assertThatThrownBy(() -> read("apiVersion: v1\nentries: [1, 2]\n")).hasMessage("index 'entries' is not a mapping of chart names to versions");
        assertThatThrownBy(() -> read("apiVersion: v1\nentries:\n  x: {version: 1.0.0}\n")).hasMessage("index entry 'x' is not a list of versions");
        assertThatThrownBy(() -> read("apiVersion: v1\nentries:\n  x:\n    - name: x\n      version: 1.0.0\n      extra: 1\n"))
                .hasMessage("index: entries.x[0]: unknown field 'extra' (line 6); Helm refuses fields it does not know");
        assertThatThrownBy(() -> read("apiVersion: v1\nentries: {a: [\n")).hasMessageStartingWith("index is not valid YAML");
    }

    @Test
    void entriesHelmSkipsAreListedNotFatal() throws Exception {
        HelmIndex index = read("apiVersion: v1\nentries:\n  x:\n    - name: x\n      version: latest\n    - name: x\n    - name: x\n      version: 1.0.0\n");
        assertThat(index.charts().get("x")).extracting(ChartVersion::version).containsExactly("1.0.0");
        assertThat(index.skipped()).extracting(SkippedEntry::describe).containsExactly(
                "chart 'x' version 'latest': chart.metadata.version \"latest\" is invalid", "chart 'x': chart.metadata.version is required");
    }

    @Test
    void skippedEntriesSummariseForALogLine() {
        List<SkippedEntry> skipped = List.of(new SkippedEntry("a", null, "empty entry"), new SkippedEntry("b", "x", "chart.metadata.version \"x\" is invalid"),
                new SkippedEntry("c", "", "chart.metadata.name is required"));
        assertThat(SkippedEntry.summary(skipped.subList(0, 1), 2)).isEqualTo("1 invalid index entry skipped: chart 'a': empty entry");
        assertThat(SkippedEntry.summary(skipped, 2)).isEqualTo("3 invalid index entries skipped: chart 'a': empty entry; "
                + "chart 'b' version 'x': chart.metadata.version \"x\" is invalid; and 1 more");
    }

    @Test
    void anAliasBombIsRefusedAsGoYamlRefusesIt() throws Exception {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nserverInfo:\n  a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 0; i < 60; i++) {
            String previous = i == 0 ? "*a" : "*b" + (i - 1);
            yaml.append("  b").append(i).append(": &b").append(i).append(" [").append((previous + ", ").repeat(7)).append(previous).append("]\n");
        }
        yaml.append("entries:\n  x:\n    - version: 1.0.0\n      keywords: [*b59, *b59]\n");
        // 8^60 expanded nodes would never finish; go-yaml v2 stops once most of what it decodes comes from aliases
        assertThatThrownBy(() -> read(yaml.toString())).hasMessage("index is not valid YAML: document contains excessive aliasing");
    }

    @Test
    void theCompactFormRoundTrips() throws Exception {
        HelmIndex index = read(INDEX.replace("  redis:\n", "  redis:\n    - name: redis\n      version: latest\n"));
        assertThat(index.skipped()).hasSize(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompactIndex.write(index, out);
        HelmIndex back = CompactIndex.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(back).isEqualTo(index);
        assertThatThrownBy(() -> CompactIndex.read(new ByteArrayInputStream("garbage!".getBytes()))).hasMessage("not a compact Helm index");
    }
}
