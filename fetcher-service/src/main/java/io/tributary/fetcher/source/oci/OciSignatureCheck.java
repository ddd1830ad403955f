package io.tributary.fetcher.source.oci;

import io.fabric8.kubernetes.api.model.Condition;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.meta.Reasons;
import io.tributary.api.source.OCIRepositorySpec;
import io.tributary.api.source.OCIRepositoryStatus;
import io.tributary.api.source.OCIRepositoryVerification;
import io.tributary.api.source.OciVerification;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.status.Sanitizer;
import io.tributary.operator.FailureKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@code spec.verify} as Flux's OCIRepository reconciler applies it, between resolving the revision and pulling:
 * a new revision, a new generation or a previous failure verifies again; an unchanged revision already verified at
 * this generation does not. Success sets SourceVerified=True ("verified signature of revision ..."); a failure sets
 * SourceVerified=False with reason VerificationError and fails the fetch before any layer is pulled. Without
 * {@code spec.verify} the condition is removed.
 */
public final class OciSignatureCheck {

    /** The public keys of {@code spec.verify.secretRef}, read only when a verification runs. */
    @FunctionalInterface
    public interface Keys {
        /** @throws OciVerificationFailure naming {@code spec.verify.secretRef} when the Secret is missing or has no usable key */
        List<CosignKeys.Key> load(OCIRepositoryVerification verify) throws OciVerificationFailure;
    }

    private OciSignatureCheck() {
    }

    /** Verifies {@code digest} (the resolved manifest, Flux's {@code revision}) unless Flux's cache rule says it need not. */
    public static void run(OCIRepositorySpec spec, OCIRepositoryStatus status, long generation, RegistryClient client, OciUrl url,
            String digest, String revision, Keys keys, Path dir) throws FetchFailure, IOException, InterruptedException {
        if (spec.verify == null) {
            status.conditions = Conditions.remove(status.conditions, ConditionTypes.SOURCE_VERIFIED);
            return;
        }
        if (alreadyVerified(status, revision, generation)) {
            return;
        }
        try {
            verify(spec.verify, client, url, digest, keys, dir);
        } catch (OciVerificationFailure failure) {
            String message = "failed to verify the signature using provider '" + provider(spec.verify) + "': " + failure.getMessage();
            status.conditions = Conditions.set(status.conditions, ConditionTypes.SOURCE_VERIFIED, false, OciVerificationFailure.REASON,
                    Sanitizer.sanitize(message), generation);
            throw new OciVerificationFailure(message, failure.kind());
        }
        status.conditions = Conditions.set(status.conditions, ConditionTypes.SOURCE_VERIFIED, true, Reasons.SUCCEEDED,
                "verified signature of revision " + revision, generation);
    }

    /** Flux's skip: the stored artifact has this revision and SourceVerified is True for this generation. */
    static boolean alreadyVerified(OCIRepositoryStatus status, String revision, long generation) {
        if (status.artifact == null || !revision.equals(status.artifact.revision)) {
            return false;
        }
        Condition verified = Conditions.find(status.conditions, ConditionTypes.SOURCE_VERIFIED).orElse(null);
        return verified != null && "True".equals(verified.getStatus()) && Objects.equals(verified.getObservedGeneration(), generation);
    }

    private static void verify(OCIRepositoryVerification verify, RegistryClient client, OciUrl url, String digest, Keys keys, Path dir)
            throws FetchFailure, IOException, InterruptedException {
        if (verify.provider == OciVerification.Provider.NOTATION) {
            throw new OciVerificationFailure("spec.verify.provider: 'notation' is not supported yet; use 'cosign' with public keys"
                    + " in spec.verify.secretRef", FailureKind.STALLING);
        }
        if (verify.secretRef == null || verify.secretRef.name == null || verify.secretRef.name.isEmpty()) {
            throw new OciVerificationFailure("keyless verification (no spec.verify.secretRef"
                    + (verify.matchOIDCIdentity == null || verify.matchOIDCIdentity.isEmpty() ? "" : ", spec.verify.matchOIDCIdentity")
                    + ") is not supported yet; set spec.verify.secretRef to a Secret of cosign public keys (*.pub)", FailureKind.STALLING);
        }
        CosignSignatures.verify(client, url, digest, keys.load(verify), dir);
    }

    /** Flux's provider name in messages: {@code cosign}, {@code cosign keyless} without a secretRef, or {@code notation}. */
    static String provider(OCIRepositoryVerification verify) {
        if (verify.provider == OciVerification.Provider.NOTATION) {
            return "notation";
        }
        return verify.secretRef == null || verify.secretRef.name == null || verify.secretRef.name.isEmpty() ? "cosign keyless" : "cosign";
    }
}
