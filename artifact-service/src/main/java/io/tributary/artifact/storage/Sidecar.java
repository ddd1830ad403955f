package io.tributary.artifact.storage;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a {@code .sha256} sidecar records: the artifact's digest, and the size and modification time of the exact file
 * it was computed for. The artifact and its sidecar are renamed into place one after the other; if the process dies
 * between the two renames, or two writers interleave, the stamp no longer matches the file and the digest is computed
 * again instead of being trusted. Sidecars of earlier versions hold only the digest and carry no stamp.
 */
public record Sidecar(String digest, long size, long modifiedNanos) {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final long NO_STAMP = -1;

    public static Sidecar of(String digest, long size, long modifiedNanos) {
        return new Sidecar(digest, size, modifiedNanos);
    }

    /** The sidecar's text, or empty when it is not a sidecar at all (then the digest is computed again). */
    public static Optional<Sidecar> parse(String text) {
        String[] fields = text.trim().split(" ");
        if (fields.length == 0 || !DIGEST.matcher(fields[0]).matches()) {
            return Optional.empty();
        }
        if (fields.length == 1) {
            return Optional.of(new Sidecar(fields[0], NO_STAMP, NO_STAMP));
        }
        if (fields.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Sidecar(fields[0], Long.parseLong(fields[1]), Long.parseLong(fields[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public String format() {
        return digest + " " + size + " " + modifiedNanos + "\n";
    }

    /** Whether this sidecar describes a file of this size and modification time (a sidecar without a stamp is trusted). */
    public boolean describes(long fileSize, long fileModifiedNanos) {
        return size == NO_STAMP || size == fileSize && modifiedNanos == fileModifiedNanos;
    }
}
