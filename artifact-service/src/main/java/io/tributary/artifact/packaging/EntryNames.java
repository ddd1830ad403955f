package io.tributary.artifact.packaging;

import java.nio.charset.StandardCharsets;

/** Validates and normalises archive entry names so that no entry can escape, or fail, an extraction directory. */
public final class EntryNames {

    /** What {@link #normalize} returns for the archive's root directory ({@code ./}), which is left out. */
    public static final String ROOT = "";
    private static final int SHOWN_CHARS = 120;

    private EntryNames() {
    }

    /**
     * Returns the name with a trailing {@code /} for directories, or {@link #ROOT} for the root directory; rejects
     * empty, absolute, parent and empty segments, NUL and backslash, names that were not UTF-8, segments over 255 bytes,
     * and names deeper or longer than the limits.
     */
    public static String normalize(String raw, boolean directory, int maxDepth, int maxBytes) throws InvalidArchiveException {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidArchiveException("entry with an empty name");
        }
        if (raw.indexOf('\0') >= 0) {
            throw new InvalidArchiveException("entry name contains a NUL character: '" + printable(raw) + "'");
        }
        if (raw.indexOf('\\') >= 0) {
            throw new InvalidArchiveException("entry name contains a backslash: '" + printable(raw) + "'");
        }
        if (raw.indexOf('\uFFFD') >= 0) {
            throw new InvalidArchiveException("entry name is not valid UTF-8: '" + printable(raw) + "'");
        }
        if (raw.startsWith("/")) {
            throw new InvalidArchiveException("entry has an absolute path: '" + printable(raw) + "'");
        }
        String name = raw.startsWith("./") ? raw.substring(2) : raw;
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        if (directory && (trimmed.isEmpty() || trimmed.equals("."))) {
            return ROOT;
        }
        if (trimmed.isEmpty()) {
            throw new InvalidArchiveException("entry with an empty name: '" + printable(raw) + "'");
        }
        String[] segments = trimmed.split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new InvalidArchiveException("entry path is not clean or escapes the archive root: '" + printable(raw) + "'");
            }
            int bytes = segment.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > ArchiveLimits.MAX_SEGMENT_BYTES) {
                throw new InvalidArchiveException("entry '" + printable(raw) + "' has a path segment of " + bytes
                        + " bytes, over the file-name limit of " + ArchiveLimits.MAX_SEGMENT_BYTES);
            }
        }
        if (segments.length > maxDepth) {
            throw new InvalidArchiveException("entry '" + printable(raw) + "' is " + segments.length
                    + " path segments deep, over the limit of " + maxDepth);
        }
        int bytes = trimmed.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw new InvalidArchiveException("entry '" + printable(raw) + "' has a name of " + bytes
                    + " bytes, over the limit of " + maxBytes);
        }
        return directory ? trimmed + "/" : trimmed;
    }

    /** The name fit for a message: control characters as {@code ?}, long names cut short. */
    public static String printable(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= SHOWN_CHARS ? clean : clean.substring(0, SHOWN_CHARS) + "...(" + clean.length() + " characters)";
    }
}
