package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.tributary.api.meta.LocalObjectReference;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class HelmRepositorySpec {
    /** {@code http(s)://} repository root (index.yaml is fetched below it) or {@code oci://} registry path. */
    @Required
    @Pattern("^(http|https|oci)://.*$")
    public String url;
    /** {@code username}/{@code password} for basic authentication. */
    public LocalObjectReference secretRef;
    /** {@code tls.crt}/{@code tls.key}/{@code ca.crt}. */
    public LocalObjectReference certSecretRef;
    /** Send the credentials to chart URLs on other hosts too. */
    public Boolean passCredentials;
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    public String interval;
    public Boolean insecure;
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m))+$")
    public String timeout;
    public Boolean suspend;
    public AccessFrom accessFrom;
    public Type type;
    @Default("generic")
    public Provider provider;

    public enum Type {
        @JsonProperty("default") DEFAULT,
        @JsonProperty("oci") OCI
    }

    public enum Provider {
        @JsonProperty("generic") GENERIC,
        @JsonProperty("aws") AWS,
        @JsonProperty("azure") AZURE,
        @JsonProperty("gcp") GCP
    }

    /** Provisional cross-namespace ACL (not enforced by Flux either). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class AccessFrom {
        @Required
        public List<NamespaceSelector> namespaceSelectors;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class NamespaceSelector {
        public Map<String, String> matchLabels;
    }
}
