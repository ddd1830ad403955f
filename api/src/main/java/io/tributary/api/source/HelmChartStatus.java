package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class HelmChartStatus extends SourceStatus {
    public String observedSourceArtifactRevision;
    public String observedChartName;
    public List<String> observedValuesFiles;
    /** Stable link to the latest chart package. */
    public String url;
}
