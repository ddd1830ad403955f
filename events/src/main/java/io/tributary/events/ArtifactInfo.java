package io.tributary.events;

import java.time.Instant;
import java.util.Map;

/** A stored artifact as artifact-service describes it: the same fields Flux puts in {@code status.artifact}. */
public record ArtifactInfo(
        String path,
        String url,
        String revision,
        String digest,
        long size,
        Instant lastUpdateTime,
        Map<String, String> metadata) {
}
