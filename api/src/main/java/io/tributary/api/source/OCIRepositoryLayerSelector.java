package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Which layer becomes the artifact: the first of {@code mediaType} (the first layer when unset), extracted or copied. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OCIRepositoryLayerSelector {
    public String mediaType;
    public Operation operation;

    public enum Operation {
        @JsonProperty("extract") EXTRACT,
        @JsonProperty("copy") COPY
    }
}
