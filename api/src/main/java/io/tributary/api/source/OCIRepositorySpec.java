package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.tributary.api.meta.LocalObjectReference;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class OCIRepositorySpec {
    /** {@code oci://host/repository}, without tag or digest. */
    @Required
    @Pattern("^oci://.*$")
    public String url;
    public Reference ref;
    public LayerSelector layerSelector;
    @Default("generic")
    public Provider provider;
    public OCIRepositoryVerification verify;
    public String serviceAccountName;
    /** A docker-registry Secret ({@code .dockerconfigjson}). */
    public LocalObjectReference secretRef;
    public LocalObjectReference certSecretRef;
    public LocalObjectReference proxySecretRef;
    @Required
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    public String interval;
    @Default("60s")
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m))+$")
    public String timeout;
    public String ignore;
    /** Plain HTTP to the registry. */
    public Boolean insecure;
    public Boolean suspend;

    public enum Provider {
        @JsonProperty("generic") GENERIC,
        @JsonProperty("aws") AWS,
        @JsonProperty("azure") AZURE,
        @JsonProperty("gcp") GCP
    }

    /** Which artifact to pull; precedence digest &gt; semver &gt; tag. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Reference {
        public String digest;
        public String semver;
        public String semverFilter;
        public String tag;
    }

    /** Which layer of the artifact becomes the source, and whether it is extracted or copied as is. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class LayerSelector {
        public String mediaType;
        public Operation operation;
    }

    public enum Operation {
        @JsonProperty("extract") EXTRACT,
        @JsonProperty("copy") COPY
    }
}
