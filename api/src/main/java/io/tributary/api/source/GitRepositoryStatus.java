package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.tributary.api.meta.Artifact;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class GitRepositoryStatus {
    public Long observedGeneration;
    public List<Condition> conditions;
    public Artifact artifact;
    public List<Artifact> includedArtifacts;
    public String observedIgnore;
    public Boolean observedRecurseSubmodules;
    public List<GitRepositoryInclude> observedInclude;
    public List<String> observedSparseCheckout;
    public String sourceVerificationMode;
    public String lastHandledReconcileAt;
}
