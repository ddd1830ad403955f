package io.tributary.helm.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testsupport.IndexGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The block reader must never read a document differently from the general reader: over a corpus of indexes (Helm's
 * test files, the rule tables' documents, a generated Bitnami-like index) and thousands of seeded random edits of them,
 * whatever the block reader reads equals what the general reader reads, and the general reader either reads a document
 * or refuses it with an IllegalArgumentException, never another exception.
 */
class ReadersAgreeTest {

    private static final String[] FRAGMENTS = {" ", "  ", ":", ": ", "-", "- ", "#", " #", "\"", "'", "\n", "\n  ", "x", "1", "1.0", "~",
        "[", "]", "{", "}", "&a ", "*a", "!!str ", "|", ">", "\t", ",", "yes", "null", "version: 2.0.0\n", "name: c\n", "\u00e9", "\\",
        "2026-01-01T00:00:00Z", "<<: ", "---\n", "?"};

    static List<String> corpus() {
        List<String> corpus = new ArrayList<>();
        for (String file : List.of("local-index.yaml", "chartmuseum-index.yaml", "local-index-annotations.yaml", "local-index-unordered.yaml",
                "server/index.yaml")) {
            corpus.add(IndexReaders.resource("/helm/repo/v1/testdata/" + file));
        }
        corpus.add(HelmIndexReaderTest.INDEX);
        corpus.add(HelmRepoIndexTest.INDEX_WITH_EMPTY_ENTRY);
        corpus.add(HelmRepoIndexTest.INDEX_WITH_DUPLICATES_IN_CHART_DEPS);
        corpus.add(IndexGenerator.generate(3, 9, 5));
        Stream.of(HelmLoadRulesTest.validation(), HelmLoadRulesTest.refusals(), HelmLoadRulesTest.accepted()).flatMap(s -> s)
                .map(Arguments::get).forEach(args -> {
                    for (Object arg : args) {
                        if (arg instanceof String s && s.startsWith("apiVersion") || arg instanceof String e && e.contains("version:")) {
                            corpus.add(((String) arg).startsWith("apiVersion") ? (String) arg : HelmLoadRulesTest.entry((String) arg));
                        }
                    }
                });
        return corpus;
    }

    @Test
    void theCorpusReadsAlike() throws IOException {
        for (String yaml : corpus()) {
            check(yaml);
        }
    }

    @Test
    void randomEditsReadAlike() throws IOException {
        List<String> corpus = new ArrayList<>();
        for (String yaml : corpus()) {
            if (IndexReaders.fast(yaml).isPresent()) {
                corpus.add(yaml); // edits of documents the block reader reads test it most
            }
        }
        Random random = new Random(Long.getLong("fuzz.seed", 20260820));
        int readByBoth = 0;
        for (int i = 0; i < Integer.getInteger("fuzz.runs", 5000); i++) {
            String yaml = corpus.get(random.nextInt(corpus.size()));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                yaml = edit(yaml, random);
            }
            if (check(yaml)) {
                readByBoth++;
            }
        }
        assertThat(readByBoth).as("edited documents the block reader still read").isGreaterThan(Integer.getInteger("fuzz.runs", 5000) / 10);
    }

    /** Whether the block reader read it (and agreed). */
    private static boolean check(String yaml) throws IOException {
        try {
            IndexReaders.general(yaml);
        } catch (IllegalArgumentException refused) {
            // a refusal is an answer; anything else propagates and fails the test
        }
        IndexReaders.agree(yaml);
        return IndexReaders.fast(yaml).isPresent();
    }

    private static String edit(String yaml, Random random) {
        if (yaml.isEmpty()) {
            return FRAGMENTS[random.nextInt(FRAGMENTS.length)];
        }
        int at = random.nextInt(yaml.length());
        List<String> lines = new ArrayList<>(List.of(yaml.split("\n", -1)));
        int line = random.nextInt(lines.size());
        return switch (random.nextInt(7)) {
            case 0 -> yaml.substring(0, at) + FRAGMENTS[random.nextInt(FRAGMENTS.length)] + yaml.substring(at);
            case 1 -> yaml.substring(0, at) + yaml.substring(Math.min(yaml.length(), at + 1 + random.nextInt(3)));
            case 2 -> {
                lines.add(line, lines.get(random.nextInt(lines.size())));
                yield String.join("\n", lines);
            }
            case 3 -> {
                lines.remove(line);
                yield String.join("\n", lines);
            }
            case 4 -> {
                lines.set(line, " ".repeat(random.nextInt(3)) + lines.get(line));
                yield String.join("\n", lines);
            }
            case 5 -> {
                String l = lines.get(line);
                lines.set(line, l.startsWith(" ") ? l.substring(1) : l);
                yield String.join("\n", lines);
            }
            default -> {
                int other = random.nextInt(lines.size());
                String swap = lines.get(line);
                lines.set(line, lines.get(other));
                lines.set(other, swap);
                yield String.join("\n", lines);
            }
        };
    }
}
