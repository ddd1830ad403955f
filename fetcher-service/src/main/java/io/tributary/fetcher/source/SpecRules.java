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
        } catch (Invalid invalid) {
            throw new SpecViolation(invalid.reason, invalid.getMessage());
        } catch (IllegalArgumentException invalid) {
            throw new SpecViolation(reason, invalid.getMessage());
        }
    }

    /** The most {@code spec.ignore} may hold: it is copied to {@code status.observedIgnore}, and etcd stores 1.5 MiB per object. */
    public static final int MAX_IGNORE_BYTES = 512 * 1024;

    /** Refuses a {@code spec.ignore} the object could not carry twice (spec and status) within etcd's limit. */
    public static void checkIgnore(String ignore) {
        if (ignore != null) {
            int bytes = ignore.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes > MAX_IGNORE_BYTES) {
                throw new Invalid(io.tributary.api.meta.Reasons.INVALID_SPEC, "spec.ignore: " + bytes + " bytes, over the limit of "
                        + MAX_IGNORE_BYTES + " (it is recorded again as status.observedIgnore, and an object must fit in etcd's 1.5 MiB)");
            }
        }
    }

    /** A violation with its own reason instead of the kind's. */
    public static final class Invalid extends IllegalArgumentException {
        private final String reason;

        public Invalid(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    /** A spec the user has to change. */
    public static final class SpecViolation extends FetchFailure {
        SpecViolation(String reason, String message) {
            super(reason, message, io.tributary.operator.FailureKind.STALLING);
        }
    }
}
