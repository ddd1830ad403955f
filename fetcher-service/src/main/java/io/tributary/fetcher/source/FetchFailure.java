package io.tributary.fetcher.source;

/**
 * A failed fetch with the Flux reason to report. {@code stalling} failures need a spec change and are not
 * retried; the others are retried with backoff.
 */
public class FetchFailure extends Exception {

    private final String reason;
    private final boolean stalling;

    public FetchFailure(String reason, String message, boolean stalling) {
        super(message);
        this.reason = reason;
        this.stalling = stalling;
    }

    public FetchFailure(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.stalling = false;
    }

    public String reason() {
        return reason;
    }

    public boolean stalling() {
        return stalling;
    }
}
