package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.tributary.api.meta.LocalObjectReference;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.provider == 'aws' || self.provider == 'generic' || !has(self.sts)",
        message = "STS configuration is only supported for the 'aws' and 'generic' Bucket providers")
@ValidationRule(value = "self.provider != 'aws' || !has(self.sts) || self.sts.provider == 'aws'",
        message = "'aws' is the only supported STS provider for the 'aws' Bucket provider")
@ValidationRule(value = "self.provider != 'generic' || !has(self.sts) || self.sts.provider == 'ldap'",
        message = "'ldap' is the only supported STS provider for the 'generic' Bucket provider")
@ValidationRule(value = "!has(self.sts) || self.sts.provider != 'aws' || !has(self.sts.secretRef)",
        message = "spec.sts.secretRef is not required for the 'aws' STS provider")
@ValidationRule(value = "!has(self.sts) || self.sts.provider != 'aws' || !has(self.sts.certSecretRef)",
        message = "spec.sts.certSecretRef is not required for the 'aws' STS provider")
@ValidationRule(value = "self.provider != 'generic' || !has(self.serviceAccountName)",
        message = "ServiceAccountName is not supported for the 'generic' Bucket provider")
@ValidationRule(value = "!has(self.secretRef) || !has(self.serviceAccountName)",
        message = "cannot set both .spec.secretRef and .spec.serviceAccountName")
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
