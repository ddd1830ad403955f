package io.tributary.artifact.packaging;

/** Validates and normalises archive entry names so that no entry can escape the extraction directory. */
public final class EntryNames {

    private EntryNames() {
    }

    /** Returns the name with a trailing {@code /} for directories; rejects absolute, parent and empty segments. */
    public static String normalize(String raw, boolean directory) throws InvalidArchiveException {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidArchiveException("entry with an empty name");
        }
        if (raw.indexOf('\0') >= 0 || raw.indexOf('\\') >= 0) {
            throw new InvalidArchiveException("entry name contains a NUL or backslash: '" + printable(raw) + "'");
        }
        String name = raw.startsWith("./") ? raw.substring(2) : raw;
        if (name.startsWith("/")) {
            throw new InvalidArchiveException("entry has an absolute path: '" + printable(raw) + "'");
        }
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        if (trimmed.isEmpty()) {
            throw new InvalidArchiveException("entry with an empty name");
        }
        for (String segment : trimmed.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new InvalidArchiveException("entry path is not clean or escapes the archive root: '"
                        + printable(raw) + "'");
            }
        }
        return directory ? trimmed + "/" : trimmed;
    }

    private static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
