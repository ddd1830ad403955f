package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.tributary.api.meta.Artifact;
import java.util.List;

/** What the producer of an ExternalArtifact writes: the artifact and the conditions, nothing else (no observedGeneration). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalArtifactStatus {
    public Artifact artifact;
    public List<Condition> conditions;
}
