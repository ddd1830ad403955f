package io.tributary.fetcher.source.oci;

import io.tributary.fetcher.source.FetchFailure;
import io.tributary.operator.FailureKind;

/** A failed or impossible signature verification: SourceVerified=False and Ready=False with reason VerificationError. */
public final class OciVerificationFailure extends FetchFailure {

    public static final String REASON = "VerificationError";

    public OciVerificationFailure(String message, FailureKind kind) {
        super(REASON, message, kind);
    }

    public OciVerificationFailure(String message) {
        this(message, FailureKind.RETRYABLE);
    }
}
