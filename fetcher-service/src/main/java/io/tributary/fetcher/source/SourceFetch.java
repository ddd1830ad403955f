package io.tributary.fetcher.source;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.meta.Annotations;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Reasons;
import io.tributary.api.source.SourceStatus;
import io.tributary.events.FetchRequested;
import io.tributary.fetcher.artifact.ArtifactStorageException;
import io.tributary.fetcher.events.FluxEventPublisher;
import io.tributary.fetcher.status.SourceStatusUpdates;
import io.tributary.operator.EventRecorder;
import io.tributary.operator.FailureKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One fetch of any source kind, in Flux's order: load the object (nothing for a gone, spec-less, suspended or deleted
 * one), check the spec, mark new work Reconciling, run the kind's steps in a fresh workspace, then write Ready with the
 * steps' message and record an Event when the artifact's digest changed — or write the failure, whatever it was:
 * every fetch ends with Ready True or False.
 */
@ApplicationScoped
public class SourceFetch {

    @Inject
    KubernetesClient client;
    @Inject
    SourceStatusUpdates updates;
    @Inject
    EventRecorder events;
    @Inject
    FluxEventPublisher stream;
    @Inject
    Workspaces workspaces;

    /** What the steps produced: the Ready message, and the Event to record if the digest changed. */
    public record Done(String message, String eventReason, String eventMessage) {
        public static Done of(String message) {
            return new Done(message, Reasons.NEW_ARTIFACT, message);
        }
    }

    /** A failure as status shows it: the negative-polarity condition type (null for none), reason, message, kind. */
    public record Failed(String type, String reason, String message, FailureKind kind) {
        public Failed(String type, String reason, String message, boolean stalling) {
            this(type, reason, message, stalling ? FailureKind.STALLING : FailureKind.RETRYABLE);
        }
    }

    /** The kind's steps; they update {@code status} (artifact, observed fields) and return the outcome. */
    @FunctionalInterface
    public interface Steps<T, S> {
        Done run(T source, S status, long generation, Workspace workspace) throws Exception;
    }

    /** Maps an exception of the kind's steps to a failure, or null to use the common mapping. May set extra conditions. */
    @FunctionalInterface
    public interface Classifier<S> {
        Failed classify(Exception failure, S status, long generation);
    }

    /** The source the request names, unless it is gone, has no spec, is suspended or being deleted. */
    public <T extends CustomResource<?, ?>> Optional<T> load(Class<T> type, FetchRequested request, Predicate<T> suspended) {
        T source = client.resources(type).inNamespace(request.source().namespace()).withName(request.source().name()).get();
        if (source == null || source.getSpec() == null || suspended.test(source) || source.getMetadata().getDeletionTimestamp() != null) {
            return Optional.empty();
        }
        return Optional.of(source);
    }

    public <T extends CustomResource<?, S>, S extends SourceStatus> void run(T source, FetchRequested request, Supplier<S> emptyStatus,
            SpecRules<T> rules, Steps<T, S> steps, Classifier<S> classifier) throws InterruptedException {
        long generation = Objects.requireNonNullElse(source.getMetadata().getGeneration(), 0L);
        S status = source.getStatus() == null ? emptyStatus.get() : source.getStatus();
        SourceStatusUpdates.Report<T, S> report = updates.report(source, status, request, generation);
        String previousDigest = status.artifact == null ? null : status.artifact.digest;
        try {
            rules.verify(source);
        } catch (FetchFailure violation) {
            report.fail(new Failed(rules.failureType(), violation.reason(), violation.getMessage(), FailureKind.STALLING), null);
            return;
        }
        report.startIfNew();
        try (Workspace workspace = workspaces.create(source.getKind(), source.getMetadata().getNamespace(), source.getMetadata().getName())) {
            Done done = steps.run(source, status, generation, workspace);
            boolean newArtifact = status.artifact != null && !status.artifact.digest.equals(previousDigest);
            report.succeed(done.message(), newArtifact);
            if (newArtifact) {
                events.normal(source, done.eventReason(), done.eventMessage(),
                        Map.of(Annotations.REVISION, status.artifact.revision, Annotations.DIGEST, status.artifact.digest));
                stream.info(source, done.eventReason(), done.eventMessage(),
                        Map.of("revision", status.artifact.revision, "digest", status.artifact.digest));
            }
        } catch (InterruptedException interrupted) {
            throw interrupted;
        } catch (Exception failure) {
            Failed failed = Optional.ofNullable(classifier.classify(failure, status, generation)).orElseGet(() -> common(failure));
            report.fail(failed, expected(failure) ? null : failure);
        }
    }

    /** Failures the code anticipates; anything else is also logged with its stack trace, once. */
    private static boolean expected(Exception failure) {
        return failure instanceof FetchFailure || failure instanceof ArtifactStorageException || failure instanceof IOException;
    }

    /** The mapping every kind shares: fetch failures keep their reason and kind, storage and I/O failures are retried. */
    static Failed common(Exception failure) {
        if (failure instanceof FetchFailure fetch) {
            return new Failed(ConditionTypes.FETCH_FAILED, fetch.reason(), fetch.getMessage(), fetch.kind());
        }
        if (failure instanceof ArtifactStorageException storage) {
            return new Failed(ConditionTypes.STORAGE_OPERATION_FAILED, Reasons.ARCHIVE_OPERATION_FAILED, describe(storage), FailureKind.RETRYABLE);
        }
        if (failure instanceof IOException || failure instanceof UncheckedIOException) {
            return new Failed(ConditionTypes.STORAGE_OPERATION_FAILED, Reasons.ARCHIVE_OPERATION_FAILED,
                    "packaging the source failed: " + describe(failure), FailureKind.RETRYABLE);
        }
        return new Failed(null, Reasons.RECONCILIATION_FAILED, "reconciliation failed: " + describe(failure), FailureKind.RETRYABLE);
    }

    /** A message for any exception, never "null": its own message, or its type and its cause's. */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (message != null && !message.isBlank()) {
            return message;
        }
        String type = failure.getClass().getSimpleName();
        return failure.getCause() == null ? type : type + ": " + describe(failure.getCause());
    }
}
