package io.tributary.artifact.packaging;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Checks, one entry at a time, that normalised names come in strictly increasing lexical order (so no name repeats)
 * and that no entry lies below a regular file ({@code a} then {@code a/b}), which no filesystem could hold.
 * Memory stays bounded by the longest name: because the names are sorted, a file can only be a parent of the entries
 * that directly follow the run of names it prefixes, so only the files that prefix the latest name are kept.
 */
public final class EntryOrder {

    private String previous;
    private final Deque<String> filePrefixes = new ArrayDeque<>();

    /** @param name a name from {@link EntryNames#normalize}; directories end with {@code /} */
    public void accept(String name, boolean regularFile) throws InvalidArchiveException {
        if (previous != null) {
            int order = name.compareTo(previous);
            if (order == 0) {
                throw new InvalidArchiveException("duplicate entry '" + EntryNames.printable(name) + "'");
            }
            if (order < 0) {
                throw new InvalidArchiveException("entries must be in strictly increasing lexical order: '"
                        + EntryNames.printable(name) + "' after '" + EntryNames.printable(previous) + "'");
            }
        }
        while (!filePrefixes.isEmpty() && !name.startsWith(filePrefixes.peek())) {
            filePrefixes.pop();
        }
        for (String file : filePrefixes) {
            if (name.length() > file.length() && name.charAt(file.length()) == '/') {
                throw new InvalidArchiveException("entry '" + EntryNames.printable(name) + "' lies below '"
                        + EntryNames.printable(file) + "', which is a regular file");
            }
        }
        if (regularFile) {
            filePrefixes.push(name);
        }
        previous = name;
    }
}
