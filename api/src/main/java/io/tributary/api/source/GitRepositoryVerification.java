package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.tributary.api.meta.LocalObjectReference;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class GitRepositoryVerification {
    @Default("HEAD")
    public Mode mode;
    @Required
    public LocalObjectReference secretRef;

    public enum Mode {
        @JsonProperty("head") LEGACY_HEAD,
        @JsonProperty("HEAD") HEAD,
        @JsonProperty("Tag") TAG,
        @JsonProperty("TagAndHEAD") TAG_AND_HEAD
    }
}
