package io.tributary.release.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting Helm's rendered output into documents, as helm/helm releaseutil.SplitManifests and SortManifests read it. */
class ManifestDocumentsTest {

    @Test
    void splitsOnSeparatorsAndKeepsTheSource() throws Exception {
        List<RenderedDocument> docs = ManifestDocuments.split("""
                ---
                # Source: c/templates/a.yaml
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: a
                ---
                # Source: c/templates/empty.yaml
                ---
                # Source: c/templates/b.yaml
                apiVersion: v1
                kind: Secret
                metadata:
                  name: b
                """);
        assertThat(docs).extracting(RenderedDocument::path).containsExactly("c/templates/a.yaml", "c/templates/b.yaml");
        assertThat(docs).extracting(RenderedDocument::kind).containsExactly("ConfigMap", "Secret");
        assertThat(docs.get(0).asManifestEntry()).isEqualTo("---\n# Source: c/templates/a.yaml\napiVersion: v1\nkind: ConfigMap\n"
                + "metadata:\n  name: a\n");
    }

    @Test
    void aDocumentWithoutKindNamesItsTemplate() {
        assertThatThrownBy(() -> ManifestDocuments.split("---\n# Source: c/templates/x.yaml\nmetadata:\n  name: x\n"))
                .hasMessage("object in c/templates/x.yaml is missing 'apiVersion' or 'kind': [metadata]");
    }

    @Test
    void invalidYamlNamesItsTemplate() {
        assertThatThrownBy(() -> ManifestDocuments.split("---\n# Source: c/templates/y.yaml\nkind: [\n"))
                .hasMessageStartingWith("YAML parse error on c/templates/y.yaml: ");
    }
}
