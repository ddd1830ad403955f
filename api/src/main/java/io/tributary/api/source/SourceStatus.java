package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.tributary.api.meta.Artifact;
import java.util.List;

/** The status fields every source kind shares. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class SourceStatus {
    public Long observedGeneration;
    public List<Condition> conditions;
    public Artifact artifact;
    public String lastHandledReconcileAt;
}
