package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** The source a HelmChart is built from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceReference {
    public String apiVersion;
    @Required
    public Kind kind;
    @Required
    public String name;

    public enum Kind {
        HelmRepository,
        GitRepository,
        Bucket
    }
}
