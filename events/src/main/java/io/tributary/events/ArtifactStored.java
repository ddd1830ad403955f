package io.tributary.events;

import java.util.Map;

/**
 * A new or re-verified artifact is in storage. Carries the Flux event fields plus the typed artifact.
 *
 * @param involvedObject the source the artifact belongs to
 * @param severity {@code info}
 * @param reason {@code NewArtifact} when the digest changed, {@code ArtifactUpToDate} otherwise
 * @param message human-readable summary
 * @param metadata Flux event metadata: {@code revision}, {@code digest}
 * @param artifact the stored artifact
 */
public record ArtifactStored(
        ObjectRef involvedObject,
        String severity,
        String reason,
        String message,
        Map<String, String> metadata,
        ArtifactInfo artifact) {

    public static final String TYPE = "io.tributary.artifact.stored.v1";
}
