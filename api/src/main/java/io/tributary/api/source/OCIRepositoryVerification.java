package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tributary.api.meta.LocalObjectReference;

/** OCIRepository's verification: HelmChart's, plus a trusted root for keyless cosign against a private Sigstore. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OCIRepositoryVerification extends OciVerification {
    public LocalObjectReference trustedRootSecretRef;
}
