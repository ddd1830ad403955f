package io.tributary.release.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The revisions of one release in Helm storage. */
public record ReleaseStorageView(List<StoredRelease> releases) {

    public static final ReleaseStorageView EMPTY = new ReleaseStorageView(List.of());

    public ReleaseStorageView {
        releases = List.copyOf(releases);
    }

    public static ReleaseStorageView of(StoredRelease... releases) {
        return new ReleaseStorageView(List.of(releases));
    }

    /** Helm's {@code Releases.Last}: the highest version, whatever its status. */
    public Optional<StoredRelease> latest() {
        return releases.stream().max(Comparator.comparingInt(StoredRelease::version));
    }

    /** Helm's {@code Releases.Get(name, version)}. */
    public Optional<StoredRelease> version(String name, long version) {
        return releases.stream().filter(r -> r.version() == version && r.name().equals(name)).findFirst();
    }
}
