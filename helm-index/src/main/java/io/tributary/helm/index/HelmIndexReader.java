package io.tributary.helm.index;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a Helm {@code index.yaml} as Helm v4's {@code repo.LoadIndexFile} does (pkg/repo/v1/index.go), keeping the
 * fields the catalog and chart selection use. An empty file, a missing {@code apiVersion}, and anything Helm's strict
 * YAML decoding refuses (a repeated key, an unknown field, a value of the wrong type) fail the whole index with an
 * IllegalArgumentException naming the problem. An entry Helm skips (null, or failing chart metadata validation: no
 * name, no or an invalid semantic version, a bad type, null maintainers or dependencies) is left out and listed in
 * {@link HelmIndex#skipped()}. A JSON document is read as JSON, as Helm does.
 *
 * <p>The block-style YAML that chart repositories publish goes through {@link BlockIndexReader}, which allocates a
 * fraction of what a YAML parser does; it declines anything it is not certain to read exactly as Helm, and the
 * general reader ({@link GeneralIndexReader}) reads that instead. The caller caps the bytes it feeds in.
 */
public final class HelmIndexReader {

    private HelmIndexReader() {
    }

    private interface Source {
        InputStream open() throws IOException;
    }

    /** Reads and validates an index; IllegalArgumentException describes what is wrong with it. */
    public static HelmIndex read(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        return read(() -> new ByteArrayInputStream(bytes), bytes.length == 0);
    }

    /** Reads and validates an index file without holding its bytes in memory. */
    public static HelmIndex read(Path file) throws IOException {
        return read(() -> Files.newInputStream(file), Files.size(file) == 0);
    }

    private static HelmIndex read(Source source, boolean empty) throws IOException {
        if (empty) {
            throw new IllegalArgumentException("index is empty"); // Helm: "empty index.yaml file"
        }
        if (json(source)) {
            try (InputStream in = source.open()) {
                return GeneralIndexReader.read(new JsonTokens(in));
            }
        }
        try (BufferedReader reader = new BufferedReader(utf8(source.open()), 65536)) {
            return BlockIndexReader.read(reader);
        } catch (BlockIndexReader.Unsupported | CharacterCodingException general) {
            try (InputStream in = source.open()) {
                return readGeneral(in);
            }
        }
    }

    /** Helm reads a document as JSON when {@code json.Valid} accepts it; only an object can be an index. */
    private static boolean json(Source source) throws IOException {
        try (InputStream in = source.open()) {
            int b;
            do {
                b = in.read();
            } while (b == ' ' || b == '\t' || b == '\n' || b == '\r');
            if (b != '{') {
                return false;
            }
        }
        try (InputStream in = source.open()) {
            return JsonTokens.valid(in);
        }
    }

    /** The general YAML path: any YAML, and the error messages for invalid indexes. */
    static HelmIndex readGeneral(InputStream in) throws IOException {
        try (Reader reader = utf8(in)) {
            return GeneralIndexReader.read(new YamlTokens(reader));
        } catch (MarkedYAMLException e) {
            throw new IllegalArgumentException("index is not valid YAML: " + e.getProblem()
                    + (e.getProblemMark() == null ? "" : " (line " + (e.getProblemMark().getLine() + 1) + ")"));
        } catch (YAMLException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new IllegalArgumentException("index is not valid UTF-8");
            }
            throw new IllegalArgumentException("index is not valid YAML: " + e.getMessage());
        }
    }

    /** UTF-8 that refuses malformed input instead of replacing it. */
    private static Reader utf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder());
    }
}
