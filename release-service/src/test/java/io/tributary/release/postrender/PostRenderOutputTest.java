package io.tributary.release.postrender;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.release.chart.RenderedDocument;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kustomize's output back into templates' documents, as Helm's {@code splitAndDeannotate}. */
class PostRenderOutputTest {

    @Test
    void theFilenameAnnotationGivesThePathAndIsRemovedWithAnEmptyAnnotationsMap() throws Exception {
        String output = """
                apiVersion: v1
                data:
                  key: value
                kind: ConfigMap
                metadata:
                  annotations:
                    postrenderer.helm.sh/postrender-filename: demo/templates/cm.yaml
                  labels:
                    helm.toolkit.fluxcd.io/name: demo
                  name: settings
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  annotations:
                    other: |
                      two
                      lines
                    postrenderer.helm.sh/postrender-filename: demo/templates/svc.yaml
                    z-last: "1"
                  name: web
                """;

        List<RenderedDocument> documents = KustomizeOutput.split(output, "");

        assertThat(documents).extracting(RenderedDocument::path).containsExactly("demo/templates/cm.yaml", "demo/templates/svc.yaml");
        assertThat(documents.get(0).content()).isEqualTo("""
                apiVersion: v1
                data:
                  key: value
                kind: ConfigMap
                metadata:
                  labels:
                    helm.toolkit.fluxcd.io/name: demo
                  name: settings
                """);
        assertThat(documents.get(1).content()).isEqualTo("""
                apiVersion: v1
                kind: Service
                metadata:
                  annotations:
                    other: |
                      two
                      lines
                    z-last: "1"
                  name: web
                """);
        assertThat(documents.get(1).annotations()).isEqualTo(Map.of("other", "two\nlines\n", "z-last", "1"));
    }

    @Test
    void scalarsKustomizeFoldedAreWrittenOnOneLineAsHelmsKyamlWritesThem() throws Exception {
        // kubectl kustomize's output, and what Helm 4's splitAndDeannotate (kio.ParseAll, kio.StringAll) makes of it
        String output = """
                apiVersion: v1
                data:
                  colon: 'a: b'
                  long: this is a very long string value with many spaces that goes well beyond eighty
                    characters in total length for sure
                  multi: |
                    line one
                      line two, indented
                  "on": "yes"
                kind: ConfigMap
                metadata:
                  annotations:
                    postrenderer.helm.sh/postrender-filename: chart/templates/a b.yaml
                  name: settings
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      containers:
                      - args:
                        - --flag=a very long argument of a container that Kustomize folds when it passes eighty
                          columns
                        - -b
                        name: c
                """;

        List<RenderedDocument> documents = KustomizeOutput.split(output, "");

        assertThat(documents.get(0).content()).isEqualTo("""
                apiVersion: v1
                data:
                  colon: 'a: b'
                  long: this is a very long string value with many spaces that goes well beyond eighty characters in total length for sure
                  multi: |
                    line one
                      line two, indented
                  "on": "yes"
                kind: ConfigMap
                metadata:
                  name: settings
                """);
        assertThat(documents.get(1).content()).contains(
                "  - --flag=a very long argument of a container that Kustomize folds when it passes eighty columns\n        - -b\n");
    }

    @Test
    void aDocumentThatLostTheAnnotationGetsHelmsGeneratedName() throws Exception {
        List<RenderedDocument> documents = KustomizeOutput.split("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n", "hooks");

        assertThat(documents).extracting(RenderedDocument::path).containsExactly("generated-by-postrender-hooks-0.yaml");
        assertThat(KustomizeOutput.split("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n", ""))
                .extracting(RenderedDocument::path).containsExactly("generated-by-postrender-0.yaml");
    }

    @Test
    void aLayoutNotKustomizesIsWrittenFromItsParsedForm() throws Exception {
        List<RenderedDocument> documents = KustomizeOutput.split(
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, annotations: {postrenderer.helm.sh/postrender-filename: t.yaml, x: y}}\n", "");

        assertThat(documents.get(0).path()).isEqualTo("t.yaml");
        assertThat(documents.get(0).content()).doesNotContain("postrender-filename").contains("x: \"y\"");
        assertThat(documents.get(0).annotations()).isEqualTo(Map.of("x", "y"));
    }
}
