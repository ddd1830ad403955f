package io.tributary.helm.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
                - version: 1.2.3
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
        assertThatThrownBy(() -> read("apiVersion: v1\nentries:\n  x:\n    - version: latest\n"))
                .hasMessage("index entry 'x': version 'latest' is not a semantic version");
        assertThatThrownBy(() -> read("apiVersion: v1\nentries:\n  x:\n    - name: x\n")).hasMessage("index entry 'x' has a version without 'version'");
        assertThatThrownBy(() -> read("apiVersion: v1\nentries: {a: [\n")).hasMessageStartingWith("index is not valid YAML");
    }

    @Test
    void anAliasBombIsNeverExpanded() throws Exception {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\na: &a [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 0; i < 60; i++) {
            yaml.append("b").append(i).append(": &b").append(i).append(" [*a, *a, *a, *a, *a, *a, *a, *a]\n");
        }
        yaml.append("entries:\n  x:\n    - version: 1.0.0\n      keywords: [*b59, *b59]\n");
        // 8^60 expanded nodes would never finish; the reader sees each alias as one scalar
        HelmIndex index = read(yaml.toString());
        assertThat(index.charts().get("x").get(0).keywords()).hasSize(2);
    }

    @Test
    void theCompactFormRoundTrips() throws Exception {
        HelmIndex index = read(INDEX);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompactIndex.write(index, out);
        HelmIndex back = CompactIndex.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(back).isEqualTo(index);
        assertThatThrownBy(() -> CompactIndex.read(new ByteArrayInputStream("garbage!".getBytes()))).hasMessage("not a compact Helm index");
    }
}
