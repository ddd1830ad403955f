package io.tributary.fetcher.source.ignore;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A path as the ignore matcher sees it: its components, each also as the UTF-8 bytes the globs compare. */
public final class IgnorePath {

    private static final IgnorePath ROOT = new IgnorePath(new String[0]);

    final String[] names;
    final byte[][] bytes;

    private IgnorePath(String[] names) {
        this.names = names;
        this.bytes = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            bytes[i] = names[i].getBytes(StandardCharsets.UTF_8);
        }
    }

    private IgnorePath(byte[][] bytes) {
        this.bytes = bytes;
        this.names = new String[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            names[i] = new String(bytes[i], StandardCharsets.UTF_8);
        }
    }

    /** Components that need not be UTF-8 (a Go path is bytes); domains compare their decoded names. */
    static IgnorePath ofBytes(byte[]... components) {
        return new IgnorePath(components.clone());
    }

    /** A relative path with forward slashes, split on every slash as Flux does; the empty path is the root. */
    public static IgnorePath of(String path) {
        if (path.isEmpty()) {
            return ROOT;
        }
        int count = 1;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                count++;
            }
        }
        String[] names = new String[count];
        int start = 0;
        for (int k = 0; k < count - 1; k++) {
            int slash = path.indexOf('/', start);
            names[k] = path.substring(start, slash);
            start = slash + 1;
        }
        names[count - 1] = path.substring(start);
        return new IgnorePath(names);
    }

    public static IgnorePath of(List<String> components) {
        return new IgnorePath(components.toArray(String[]::new));
    }

    public int length() {
        return names.length;
    }

    @Override
    public String toString() {
        return String.join("/", names);
    }
}
