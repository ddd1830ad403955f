package io.tributary.fetcher.source;

import io.tributary.operator.FailureKind;

/**
 * A failed fetch with the Flux reason to report and its {@link FailureKind}: stalling failures need a spec change
 * and are not retried, waiting ones are looked at again soon, retryable ones are retried with backoff.
 */
public class FetchFailure extends Exception {

    private final String reason;
    private final FailureKind kind;

    public FetchFailure(String reason, String message, FailureKind kind) {
        super(message);
        this.reason = reason;
        this.kind = kind;
    }

    /** {@code stalling}: {@link FailureKind#STALLING}, else {@link FailureKind#RETRYABLE}. */
    public FetchFailure(String reason, String message, boolean stalling) {
        this(reason, message, stalling ? FailureKind.STALLING : FailureKind.RETRYABLE);
    }

    public FetchFailure(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.kind = FailureKind.RETRYABLE;
    }

    public static FetchFailure waiting(String reason, String message) {
        return new FetchFailure(reason, message, FailureKind.WAITING);
    }

    public String reason() {
        return reason;
    }

    public FailureKind kind() {
        return kind;
    }

    public boolean stalling() {
        return kind == FailureKind.STALLING;
    }
}
