package io.tributary.api.helm;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "(has(self.chart) && !has(self.chartRef)) || (!has(self.chart) && has(self.chartRef))",
        message = "either chart or chartRef must be set")
public class HelmReleaseSpec {
    /** Template of the HelmChart to create; exactly one of chart or chartRef. */
    public HelmChartTemplate chart;
    public CrossNamespaceSourceReference chartRef;
    @Required
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    public String interval;
    public KubeConfigReference kubeConfig;
    public Boolean suspend;
    @Size(min = 1, max = 53)
    public String releaseName;
    @Size(min = 1, max = 63)
    public String targetNamespace;
    @Size(min = 1, max = 63)
    public String storageNamespace;
    public List<DependencyReference> dependsOn;
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    public String timeout;
    public Integer maxHistory;
    @Size(min = 1, max = 253)
    public String serviceAccountName;
    public Boolean persistentClient;
    public DriftDetection driftDetection;
    public Install install;
    public Upgrade upgrade;
    public Test test;
    public Rollback rollback;
    public Uninstall uninstall;
    public List<ValuesReference> valuesFrom;
    @PreserveUnknownFields
    public Map<String, Object> values;
    public List<PostRenderer> postRenderers;
    @SchemaFrom(type = HelmReleaseChoices.PostRenderStrategy.class)
    public String postRenderStrategy;
    public CommonMetadata commonMetadata;
    public List<HealthCheckExpression> healthCheckExprs;
    public WaitStrategy waitStrategy;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class HelmChartTemplate {
        public CommonMetadata metadata;
        @Required
        public HelmChartTemplateSpec spec;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class HelmChartTemplateSpec {
        @Required
        @Size(min = 1, max = 2048)
        public String chart;
        @Default("\"*\"")
        public String version;
        @Required
        public CrossNamespaceObjectReference sourceRef;
        @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
        public String interval;
        @Default("ChartVersion")
        @SchemaFrom(type = HelmReleaseChoices.ReconcileStrategy.class)
        public String reconcileStrategy;
        public List<String> valuesFiles;
        public Boolean ignoreMissingValuesFiles;
        public HelmChartTemplateVerification verify;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class HelmChartTemplateVerification {
        @Required
        @Default("cosign")
        @SchemaFrom(type = HelmReleaseChoices.VerificationProvider.class)
        public String provider;
        public SecretName secretRef;
    }

    public static class SecretName {
        @Required
        public String name;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class CrossNamespaceObjectReference {
        public String apiVersion;
        @Required
        @SchemaFrom(type = HelmReleaseChoices.ChartSourceKind.class)
        public String kind;
        @Required
        @Size(min = 1, max = 253)
        public String name;
        @Size(min = 1, max = 63)
        public String namespace;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class CrossNamespaceSourceReference {
        public String apiVersion;
        @Required
        @SchemaFrom(type = HelmReleaseChoices.ChartRefKind.class)
        public String kind;
        @Required
        @Size(min = 1, max = 253)
        public String name;
        @Size(min = 1, max = 63)
        public String namespace;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @ValidationRule(value = "has(self.configMapRef) || has(self.secretRef)",
            message = "exactly one of spec.kubeConfig.configMapRef or spec.kubeConfig.secretRef must be specified")
    @ValidationRule(value = "!has(self.configMapRef) || !has(self.secretRef)",
            message = "exactly one of spec.kubeConfig.configMapRef or spec.kubeConfig.secretRef must be specified")
    public static class KubeConfigReference {
        public SecretKeyReference secretRef;
        public SecretName configMapRef;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class SecretKeyReference {
        @Required
        public String name;
        public String key;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class DependencyReference {
        @Required
        public String name;
        public String namespace;
        public String readyExpr;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class CommonMetadata {
        public Map<String, String> annotations;
        public Map<String, String> labels;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class DriftDetection {
        @SchemaFrom(type = HelmReleaseChoices.DriftDetectionMode.class)
        public String mode;
        public List<IgnoreRule> ignore;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class IgnoreRule {
        @Required
        public List<String> paths;
        public Selector target;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Selector {
        public String group;
        public String version;
        public String kind;
        public String namespace;
        public String name;
        public String annotationSelector;
        public String labelSelector;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Remediation {
        public Integer retries;
        public Boolean ignoreTestFailures;
        public Boolean remediateLastFailure;
        /** Upgrade only: rollback or uninstall. */
        @SchemaFrom(type = HelmReleaseChoices.RemediationStrategy.class)
        public String strategy;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ActionStrategy {
        @Required
        @SchemaFrom(type = HelmReleaseChoices.ActionStrategyName.class)
        public String name;
        @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
        public String retryInterval;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Install {
        @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
        public String timeout;
        public Remediation remediation;
        @ValidationRule(value = "!has(self.retryInterval) || self.name != 'RemediateOnFailure'",
                message = ".retryInterval cannot be set when .name is 'RemediateOnFailure'")
        public ActionStrategy strategy;
        public Boolean disableWait;
        public Boolean disableWaitForJobs;
        public Boolean disableHooks;
        public Boolean disableOpenAPIValidation;
        public Boolean disableSchemaValidation;
        public Boolean disableTakeOwnership;
        public Boolean replace;
        public Boolean skipCRDs;
        @SchemaFrom(type = HelmReleaseChoices.CrdPolicy.class)
        public String crds;
        public Boolean createNamespace;
        public Boolean serverSideApply;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Upgrade {
        @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
        public String timeout;
        public Remediation remediation;
        @ValidationRule(value = "!has(self.retryInterval) || self.name == 'RetryOnFailure'",
                message = ".retryInterval can only be set when .name is 'RetryOnFailure'")
        public ActionStrategy strategy;
        public Boolean disableWait;
        public Boolean disableWaitForJobs;
        public Boolean disableHooks;
        public Boolean disableOpenAPIValidation;
        public Boolean disableSchemaValidation;
        public Boolean disableTakeOwnership;
        public Boolean force;
        public Boolean preserveValues;
        public Boolean cleanupOnFail;
        @SchemaFrom(type = HelmReleaseChoices.CrdPolicy.class)
        public String crds;
        @SchemaFrom(type = HelmReleaseChoices.ChartNameChangeStrategy.class)
        public String chartNameChangeStrategy;
        @SchemaFrom(type = HelmReleaseChoices.ServerSideApply.class)
        public String serverSideApply;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Test {
        public Boolean enable;
        @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
        public String timeout;
        public Boolean ignoreFailures;
        public List<Filter> filters;

        public static class Filter {
            @Required
            @Size(min = 1, max = 253)
            public String name;
            public Boolean exclude;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Rollback {
        @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
        public String timeout;
        public Boolean disableWait;
        public Boolean disableWaitForJobs;
        public Boolean disableHooks;
        public Boolean recreate;
        public Boolean force;
        public Boolean cleanupOnFail;
        @SchemaFrom(type = HelmReleaseChoices.ServerSideApply.class)
        public String serverSideApply;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Uninstall {
        @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
        public String timeout;
        public Boolean disableHooks;
        public Boolean keepHistory;
        public Boolean disableWait;
        @Default("background")
        @SchemaFrom(type = HelmReleaseChoices.DeletionPropagation.class)
        public String deletionPropagation;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ValuesReference {
        @Required
        @SchemaFrom(type = HelmReleaseChoices.ValuesKind.class)
        public String kind;
        @Required
        @Size(min = 1, max = 253)
        public String name;
        @Size(max = 253)
        @Pattern("^[\\-._a-zA-Z0-9]+$")
        public String valuesKey;
        @Size(max = 250)
        @Pattern("^([a-zA-Z0-9_\\-.\\\\\\/]|\\[[0-9]{1,5}\\])+$")
        public String targetPath;
        public Boolean optional;
        public Boolean literal;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class PostRenderer {
        public Kustomize kustomize;

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public static class Kustomize {
            public List<Patch> patches;
            public List<Image> images;
        }

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public static class Patch {
            @Required
            public String patch;
            public Selector target;
        }

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public static class Image {
            @Required
            public String name;
            public String newName;
            public String newTag;
            public String digest;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class HealthCheckExpression {
        @Required
        public String apiVersion;
        public String kind;
        @Required
        public String current;
        public String inProgress;
        public String failed;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class WaitStrategy {
        @Required
        @SchemaFrom(type = HelmReleaseChoices.WaitStrategyName.class)
        public String name;
    }
}
