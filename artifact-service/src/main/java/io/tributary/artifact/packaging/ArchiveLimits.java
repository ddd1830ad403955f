package io.tributary.artifact.packaging;

/**
 * What one uploaded archive may hold. The byte limits bound disk use and the work a small gzip bomb can cause; the
 * entry count and path limits bound tar bombs and trees that no consumer could extract.
 *
 * @param maxEntryBytes   largest regular file
 * @param maxTreeBytes    sum of all regular files
 * @param maxArchiveBytes largest tar stream after decompression, headers and padding included
 * @param maxEntries      entries of any type, directories and dropped symlinks included
 * @param maxPathDepth    path segments in an entry name ({@code a/b/c} has 3)
 * @param maxPathBytes    UTF-8 bytes in an entry name
 */
public record ArchiveLimits(long maxEntryBytes, long maxTreeBytes, long maxArchiveBytes, int maxEntries, int maxPathDepth,
        int maxPathBytes) {

    /** No filesystem takes a longer file name, so no consumer could extract such an entry. */
    public static final int MAX_SEGMENT_BYTES = 255;
    /** PAX and GNU long-name records are read into memory; a path plus a few attributes fit easily. */
    public static final int MAX_METADATA_BYTES = 64 * 1024;

    public ArchiveLimits {
        positive("max-entry-bytes", maxEntryBytes);
        positive("max-tree-bytes", maxTreeBytes);
        positive("max-archive-bytes", maxArchiveBytes);
        positive("max-entries", maxEntries);
        positive("max-path-depth", maxPathDepth);
        positive("max-path-bytes", maxPathBytes);
    }

    private static void positive(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("tributary.artifact." + field + ": must be positive, got " + value);
        }
    }
}
