package io.tributary.fetcher.artifact;

import io.tributary.api.meta.Artifact;
import io.tributary.events.ArtifactInfo;
import java.time.temporal.ChronoUnit;

/** Maps artifact-service's answer to a source's {@code status.artifact}. */
public final class ArtifactStatus {

    private ArtifactStatus() {
    }

    public static Artifact from(ArtifactInfo info) {
        Artifact artifact = new Artifact();
        artifact.path = info.path();
        artifact.url = info.url();
        artifact.revision = info.revision();
        artifact.digest = info.digest();
        artifact.size = info.size();
        artifact.lastUpdateTime = info.lastUpdateTime().truncatedTo(ChronoUnit.SECONDS).toString();
        artifact.metadata = info.metadata() == null || info.metadata().isEmpty() ? null : info.metadata();
        return artifact;
    }
}
