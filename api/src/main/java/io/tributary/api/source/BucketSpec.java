package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.tributary.api.meta.LocalObjectReference;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BucketSpec {
    @Default("generic")
    public Provider provider;
    @Required
    public String bucketName;
    /** The object storage address, {@code host[:port]} (scheme from {@link #insecure}). */
    @Required
    public String endpoint;
    public Sts sts;
    /** Plain HTTP instead of HTTPS. */
    public Boolean insecure;
    public String region;
    /** Only objects whose keys start with this. */
    public String prefix;
    /** {@code accesskey}/{@code secretkey}. */
    public LocalObjectReference secretRef;
    public LocalObjectReference certSecretRef;
    public LocalObjectReference proxySecretRef;
    public String serviceAccountName;
    @Required
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    public String interval;
    @Default("60s")
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m))+$")
    public String timeout;
    public String ignore;
    public Boolean suspend;

    public enum Provider {
        @JsonProperty("generic") GENERIC,
        @JsonProperty("aws") AWS,
        @JsonProperty("gcp") GCP,
        @JsonProperty("azure") AZURE
    }

    /** A Security Token Service for temporary credentials. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Sts {
        @Required
        public StsProvider provider;
        @Required
        @Pattern("^(http|https)://.*$")
        public String endpoint;
        public LocalObjectReference secretRef;
        public LocalObjectReference certSecretRef;
    }

    public enum StsProvider {
        @JsonProperty("aws") AWS,
        @JsonProperty("ldap") LDAP
    }
}
