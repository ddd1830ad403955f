package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.verify) || self.sourceRef.kind == 'HelmRepository'",
        message = "spec.verify is only supported when spec.sourceRef.kind is 'HelmRepository'")
public class HelmChartSpec {
    /** Chart name in a HelmRepository, or a path inside a GitRepository/Bucket artifact. */
    @Required
    public String chart;
    /** Semver constraint; exact match first. */
    @Default("\"*\"")
    public String version;
    @Required
    public SourceReference sourceRef;
    @Required
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    public String interval;
    @Default("ChartVersion")
    public ReconcileStrategy reconcileStrategy;
    public List<String> valuesFiles;
    public Boolean ignoreMissingValuesFiles;
    public Boolean suspend;
    public OciVerification verify;
}
