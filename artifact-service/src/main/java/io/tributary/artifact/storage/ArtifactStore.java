package io.tributary.artifact.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A place to keep artifacts; every write is atomic (readers see the old file or the new, never half). */
public interface ArtifactStore {

    /** Produces the artifact's bytes into the stream it is given and reports the digest it computed. */
    @FunctionalInterface
    interface Writer {
        Written writeTo(OutputStream out) throws IOException;
    }

    record Written(String digest, long size) {
    }

    record Stored(ArtifactKey key, String digest, long size, Instant lastModified) {
    }

    /** Writes an artifact atomically and records its digest beside it. */
    Stored write(ArtifactKey key, Writer writer) throws IOException;

    Optional<Stored> stat(ArtifactKey key) throws IOException;

    /** Opens the artifact for reading, or empty when absent. */
    Optional<InputStream> open(ArtifactKey key) throws IOException;

    /** The artifacts of one object, newest first. */
    List<Stored> list(String kind, String namespace, String name) throws IOException;

    /** Every object ({@code [namespace, name]}) that has artifacts of this kind. */
    List<String[]> objects(String kind) throws IOException;

    void delete(ArtifactKey key) throws IOException;

    /** Points the stable name {@code alias} (e.g. {@code latest.tar.gz}) at {@code target}, atomically. */
    void link(ArtifactKey alias, ArtifactKey target) throws IOException;

    /** The artifact a stable name points at, if any. */
    Optional<ArtifactKey> resolveLink(ArtifactKey alias) throws IOException;
}
