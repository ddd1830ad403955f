package io.tributary.artifact;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "tributary.artifact")
public interface ArtifactConfig {

    /** Root directory of the filesystem store. */
    @WithDefault("data")
    String storagePath();

    /** Base URL clients use to download artifacts, e.g. {@code http://artifact-service.flux-system}. */
    @WithDefault("http://localhost:9090")
    String advertisedUrl();

    /** Largest single file accepted inside an uploaded tree. */
    @WithDefault("536870912")
    long maxEntryBytes();

    /** Largest uncompressed tree accepted in one upload: the sum of its regular files. */
    @WithDefault("2147483648")
    long maxTreeBytes();

    /** Largest tar stream accepted in one upload once decompressed, headers and padding included (bounds gzip bombs). */
    @WithDefault("3221225472")
    long maxArchiveBytes();

    /** Most entries (files, directories, dropped symlinks) in one upload (bounds tar bombs). */
    @WithDefault("250000")
    int maxEntries();

    /** Deepest entry path, in segments ({@code a/b/c} is 3). */
    @WithDefault("128")
    int maxPathDepth();

    /** Longest entry path, in UTF-8 bytes; each segment is also held to the 255-byte file-name limit. */
    @WithDefault("2048")
    int maxPathBytes();

    /** The archive limits above, together. */
    default io.tributary.artifact.packaging.ArchiveLimits archiveLimits() {
        return new io.tributary.artifact.packaging.ArchiveLimits(maxEntryBytes(), maxTreeBytes(), maxArchiveBytes(), maxEntries(),
                maxPathDepth(), maxPathBytes());
    }

    /** When set, uploads and deletions need {@code Authorization: Bearer <token>}. */
    java.util.Optional<String> uploadToken();

    Retention retention();

    Catalog catalog();

    interface Catalog {
        /** Chart versions kept parsed in memory, over all hot indexes; the least recently used index goes first. */
        @WithDefault("200000")
        int hotVersions();

        /** Where parsed indexes are kept in their compact form; default: {@code <storage-path>/.catalog}. */
        java.util.Optional<String> cachePath();
    }

    interface Retention {
        /** Artifacts kept per object, newest first. */
        @WithDefault("2")
        int records();

        /** Older artifacts are still kept while younger than this. */
        @WithDefault("60s")
        Duration ttl();
    }
}
