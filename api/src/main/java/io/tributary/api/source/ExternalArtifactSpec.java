package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** The object an ExternalArtifact's artifact is generated for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalArtifactSpec {
    public SourceRef sourceRef;

    /** Flux's {@code NamespacedObjectKindReference}: the namespace defaults to the ExternalArtifact's own. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class SourceRef {
        public String apiVersion;
        @Required
        public String kind;
        @Required
        public String name;
        public String namespace;
    }
}
