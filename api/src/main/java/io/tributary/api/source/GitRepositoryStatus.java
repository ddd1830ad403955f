package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tributary.api.meta.Artifact;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class GitRepositoryStatus extends SourceStatus {
    public List<Artifact> includedArtifacts;
    public String observedIgnore;
    public Boolean observedRecurseSubmodules;
    public List<GitRepositoryInclude> observedInclude;
    public List<String> observedSparseCheckout;
    public String sourceVerificationMode;
}
