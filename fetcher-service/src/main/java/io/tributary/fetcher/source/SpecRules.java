package io.tributary.fetcher.source;

import java.time.Duration;

/**
 * A source kind's spec rules, run by the scheduler before it requests a fetch and by the worker before it fetches
 * (the spec may have changed in between): the check returns the interval or throws IllegalArgumentException naming
 * the field; a violation stalls the object with {@code failureType} and {@code reason}.
 */
public record SpecRules<T>(Check<T> check, String failureType, String reason) {

    @FunctionalInterface
    public interface Check<T> {
        Duration interval(T source);
    }

    /** The interval, or the violation as a stalling failure. */
    public Duration verify(T source) throws FetchFailure {
        try {
            return check.interval(source);
        } catch (IllegalArgumentException invalid) {
            throw new SpecViolation(reason, invalid.getMessage());
        }
    }

    /** A spec the user has to change. */
    public static final class SpecViolation extends FetchFailure {
        SpecViolation(String reason, String message) {
            super(reason, message, io.tributary.operator.FailureKind.STALLING);
        }
    }
}
