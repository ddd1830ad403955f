package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.tributary.api.meta.LocalObjectReference;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class GitRepositoryInclude {
    @Required
    public LocalObjectReference repository;
    public String fromPath;
    public String toPath;
}
