package io.tributary.fetcher.source.helm;

import io.tributary.api.meta.Artifact;
import io.tributary.events.FetchRequested;
import io.tributary.fetcher.artifact.ArtifactStatus;
import java.time.Instant;

/**
 * Which artifact of its source a HelmChart builds from: the one the source's status shows, or the one artifact-service
 * just announced (the ArtifactStored event that triggered this build), whichever is newer — the announcement may
 * arrive before the source's status is written.
 */
final class SourceArtifacts {

    private SourceArtifacts() {
    }

    /** The artifact {@code request} announces for the source kind/namespace/name, or null. */
    static Artifact announced(FetchRequested request, String kind, String namespace, String name) {
        FetchRequested.SourceArtifact announced = request == null ? null : request.sourceArtifact();
        if (announced == null || announced.artifact() == null || !kind.equals(announced.owner().kind())
                || !namespace.equals(announced.owner().namespace()) || !name.equals(announced.owner().name())) {
            return null;
        }
        return ArtifactStatus.from(announced.artifact());
    }

    static Artifact newest(Artifact fromStatus, Artifact announced) {
        if (announced == null) {
            return fromStatus;
        }
        if (fromStatus == null || fromStatus.lastUpdateTime == null || announced.lastUpdateTime == null) {
            return announced;
        }
        return Instant.parse(announced.lastUpdateTime).isBefore(Instant.parse(fromStatus.lastUpdateTime)) ? fromStatus : announced;
    }
}
