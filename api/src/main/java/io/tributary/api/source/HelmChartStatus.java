package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.tributary.api.meta.Artifact;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class HelmChartStatus {
    public Long observedGeneration;
    public String observedSourceArtifactRevision;
    public String observedChartName;
    public List<String> observedValuesFiles;
    public List<Condition> conditions;
    /** Stable link to the latest chart package. */
    public String url;
    public Artifact artifact;
    public String lastHandledReconcileAt;
}
