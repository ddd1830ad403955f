package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.tributary.api.meta.LocalObjectReference;
import java.util.List;

/** Signature verification of OCI artifacts (cosign or notation). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OciVerification {
    @Required
    @Default("cosign")
    public Provider provider;
    public LocalObjectReference secretRef;
    public List<OidcIdentityMatch> matchOIDCIdentity;

    public enum Provider {
        @JsonProperty("cosign") COSIGN,
        @JsonProperty("notation") NOTATION
    }

    public static class OidcIdentityMatch {
        @Required
        public String issuer;
        @Required
        public String subject;
    }
}
