package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class HelmRepositoryStatus extends SourceStatus {
    /** The stable link to the latest index artifact ({@code .../index.yaml}). */
    public String url;
}
