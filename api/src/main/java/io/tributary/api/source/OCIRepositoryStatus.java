package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class OCIRepositoryStatus extends SourceStatus {
    /** The stable link to the latest artifact. */
    public String url;
    public String observedIgnore;
    public OCIRepositoryLayerSelector observedLayerSelector;
}
