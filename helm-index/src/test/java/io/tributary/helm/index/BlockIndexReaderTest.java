package io.tributary.helm.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.testsupport.IndexGenerator;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The fast block reader must read exactly what the general YAML parser reads, or decline. */
class BlockIndexReaderTest {

    static HelmIndex fast(String yaml) throws Exception {
        return BlockIndexReader.read(new BufferedReader(new StringReader(yaml)));
    }

    static HelmIndex general(String yaml) throws Exception {
        return HelmIndexReader.readGeneral(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsAGeneratedBitnamiStyleIndexExactlyAsTheGeneralParser() throws Exception {
        String yaml = IndexGenerator.generate(20, 400, 7);
        assertThat(fast(yaml)).isEqualTo(general(yaml));
    }

    @Test
    void readsTheHandWrittenIndexExactlyAsTheGeneralParser() throws Exception {
        assertThat(fast(HelmIndexReaderTest.INDEX.replace("serverInfo: {contextPath: /charts}\n", "")
                .replace("maintainers: [{name: stefan}]", "maintainers:\n                    - name: stefan")
                .replace("dependencies: [{name: redis, version: 1.x}]", "dependencies:\n                    - name: redis")))
                .isEqualTo(general(HelmIndexReaderTest.INDEX));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // items indented under the chart key, quoted and block scalars, comments, CRLF, flow lists, multi-line plain text
        "apiVersion: v1\nentries:\n  a:\n    - name: a\n      version: \"1.0.0\"\n      description: 'it''s quoted'\n      urls: [a-1.0.0.tgz, \"b.tgz\"]\n",
        "---\napiVersion: v1\n# comment\nentries:\n  a:\n  - version: 1.0.0 # trailing\n    name: a\n    description: |\n      line one\n        indented\n      line three\n    keywords: []\n",
        "apiVersion: v1\r\nentries:\r\n  a:\r\n  - version: 2.0.0\r\n    name: a\r\n    description: >-\r\n      folded\r\n      text\r\n",
        "apiVersion: v1\nentries:\n  a:\n  - version: 2.0.0\n    name: a\n    description: a long plain\n      description that wraps\n      over lines\n    home: ~\n",
        "apiVersion: v1\nentries:\n  a:\n  - version: 2.0.0\n    name: a\n    description: \"a long quoted\n      description \\u00e9 that\n\n      wraps\"\n",
        "apiVersion: v1\nentries:\n  a:\n  - annotations:\n      images: |\n        - name: x\n          image: y\n      other: \"q\"\n    name: a\n    version: 1.0.0\n    deprecated: true\n  b:\n  - version: 0.1.0\n    name: b\ngenerated: 2026-01-01T00:00:00Z\n",
        "apiVersion: v1\nentries: {}\n",
        "apiVersion: v1\nserverInfo:\n  contextPath: /x\nentries:\n  a:\n  - version: 1.0.0\n    name: a\n    keywords:\n    - x\n    - \"y\"\n    urls:\n      - u1\n      - u2\n",
        // entries Helm skips, skipped alike
        "apiVersion: v1\nentries:\n  a:\n  - version: latest\n    name: a\n  - name: a\n  -\n  - ~\n  - {}\n  b: []\n  c:\n",
    })
    void agreesWithTheGeneralParser(String yaml) throws Exception {
        assertThat(fast(yaml)).isEqualTo(general(yaml));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "apiVersion: v1\nentries:\n  a: &x\n  - version: 1.0.0\n  b: *x\n",
        "apiVersion: v1\nentries:\n  a:\n  - version: !!str 1.0.0\n",
        "apiVersion: v1\nentries:\n  a:\n  - {version: 1.0.0}\n",
        "apiVersion: v1\nentries:\n\ta:\n",
        "apiVersion: v1\nentries:\n  a:\n  - version: 1.0\n",
        "apiVersion: v1\n :   type: application\nentries: {}\n", // found by ReadersAgreeTest: YAML refuses the continuation
        "entries: {}\n",
        "apiVersion: v1\nentries:\n  a:\n  - version: 1.0.0\n---\napiVersion: v2\n",
        "apiVersion: v1\nentries:\n  a:\n  - version: 1.0.0\n    description: a: b\n",
    })
    void declinesWhatItDoesNotHandle(String yaml) {
        assertThatThrownBy(() -> fast(yaml)).isInstanceOf(BlockIndexReader.Unsupported.class);
    }
}
