package io.tributary.operator;

/**
 * What a failure asks of the scheduler, as Flux's reconcilers distinguish them: {@code RETRYABLE} retries with
 * backoff; {@code STALLING} needs the user to change the spec and is not retried until the generation changes;
 * {@code WAITING} waits on something else (a dependency, a source artifact) and is looked at again soon, without
 * backoff.
 */
public enum FailureKind {
    RETRYABLE, STALLING, WAITING
}
