package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.tributary.api.meta.LocalObjectReference;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class OCIRepositorySpec {
    /** {@code oci://host[:port]/repository}. */
    @Required
    @Pattern("^oci://.*$")
    public String url;
    public OCIRepositoryRef ref;
    public OCIRepositoryLayerSelector layerSelector;
    @Default("generic")
    public Provider provider;
    /** A {@code kubernetes.io/dockerconfigjson} Secret with the registry's credentials. */
    public LocalObjectReference secretRef;
    public OCIRepositoryVerification verify;
    public String serviceAccountName;
    /** {@code ca.crt}, {@code tls.crt}/{@code tls.key}. */
    public LocalObjectReference certSecretRef;
    public LocalObjectReference proxySecretRef;
    @Required
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    public String interval;
    @Default("60s")
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m))+$")
    public String timeout;
    public String ignore;
    /** Plain HTTP instead of HTTPS. */
    public Boolean insecure;
    public Boolean suspend;

    public enum Provider {
        @JsonProperty("generic") GENERIC,
        @JsonProperty("aws") AWS,
        @JsonProperty("azure") AZURE,
        @JsonProperty("gcp") GCP
    }
}
