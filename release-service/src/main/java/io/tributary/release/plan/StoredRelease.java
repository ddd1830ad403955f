package io.tributary.release.plan;

import java.util.Map;
import java.util.Objects;

/**
 * One revision of a release in Helm storage, as much of it as the release state needs.
 *
 * @param digest    {@code <algorithm>:<hex>} of the stored object, computed the way the snapshot digests in
 *                  {@code status.history} were computed, so that the two can be compared
 * @param configDigest digest of the stored values ({@code config})
 * @param testHooks test hook name to last phase Helm recorded ({@code Succeeded}, {@code Failed}, ...); empty if none
 * @param deleted   when the release was uninstalled, or null
 */
public record StoredRelease(
        String name,
        String namespace,
        int version,
        HelmStatus status,
        String chartName,
        String chartVersion,
        String configDigest,
        String digest,
        Map<String, String> testHooks,
        String deleted) {

    public StoredRelease {
        Objects.requireNonNull(status, "status");
        testHooks = testHooks == null ? Map.of() : Map.copyOf(testHooks);
    }
}
