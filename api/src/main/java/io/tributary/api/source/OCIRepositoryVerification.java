package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.tributary.api.meta.LocalObjectReference;
import java.util.List;

/** Signature verification of the pulled artifact, with the trusted root an OCIRepository may name besides. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OCIRepositoryVerification {
    @Required
    @Default("cosign")
    public OciVerification.Provider provider;
    public LocalObjectReference secretRef;
    public List<OciVerification.OidcIdentityMatch> matchOIDCIdentity;
    public LocalObjectReference trustedRootSecretRef;
}
