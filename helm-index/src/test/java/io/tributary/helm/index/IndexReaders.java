package io.tributary.helm.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;

/** Runs a document through each reader: the public entry point, the fast block reader, the general reader. */
final class IndexReaders {

    private IndexReaders() {
    }

    static HelmIndex read(String document) throws IOException {
        return HelmIndexReader.read(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
    }

    static HelmIndex general(String yaml) throws IOException {
        return HelmIndexReader.readGeneral(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The block reader's result, or empty when it declines. */
    static Optional<HelmIndex> fast(String yaml) throws IOException {
        try {
            return Optional.of(BlockIndexReader.read(new BufferedReader(new StringReader(yaml))));
        } catch (BlockIndexReader.Unsupported declined) {
            return Optional.empty();
        }
    }

    /** Both readers read the document, to the same index; returns it. */
    static HelmIndex both(String yaml) throws IOException {
        HelmIndex general = general(yaml);
        assertThat(fast(yaml)).as("the block reader reads it").contains(general);
        assertThat(read(yaml)).isEqualTo(general);
        return general;
    }

    /** Every reader refuses the document; the block reader by declining, so the general reader's message is the one. */
    static AbstractThrowableAssert<?, ? extends Throwable> refused(String yaml) throws IOException {
        assertThat(fast(yaml)).as("the block reader declines").isEmpty();
        assertThatThrownBy(() -> general(yaml)).isInstanceOf(IllegalArgumentException.class);
        return assertThatThrownBy(() -> read(yaml)).isInstanceOf(IllegalArgumentException.class);
    }

    /** If the block reader reads the document it reads what the general reader reads (or the general reader refuses it too). */
    static void agree(String yaml) throws IOException {
        Optional<HelmIndex> fast = fast(yaml);
        if (fast.isEmpty()) {
            return;
        }
        HelmIndex general;
        try {
            general = general(yaml);
        } catch (IllegalArgumentException refused) {
            throw new AssertionError("the block reader read a document the general reader refuses (" + refused.getMessage() + "):\n" + yaml);
        }
        assertThat(fast.get()).as("block reader vs general reader on:\n" + yaml).isEqualTo(general);
    }

    static String resource(String path) {
        try (InputStream in = IndexReaders.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
