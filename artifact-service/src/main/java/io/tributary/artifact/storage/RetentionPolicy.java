package io.tributary.artifact.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Which artifacts of one object to delete: beyond the newest {@code records}, and older than {@code ttl}. */
public record RetentionPolicy(int records, Duration ttl) {

    /** {@code newestFirst} lists the object's artifacts; {@code current} is never selected. */
    public List<ArtifactStore.Stored> expired(List<ArtifactStore.Stored> newestFirst, ArtifactKey current, Instant now) {
        List<ArtifactStore.Stored> expired = new ArrayList<>();
        int kept = 0;
        for (ArtifactStore.Stored stored : newestFirst) {
            boolean isCurrent = stored.key().equals(current);
            if (isCurrent || kept < records || stored.lastModified().isAfter(now.minus(ttl))) {
                kept++;
                continue;
            }
            expired.add(stored);
        }
        return expired;
    }
}
