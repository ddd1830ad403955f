package io.tributary.fetcher.source;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.meta.Annotations;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Reasons;
import io.tributary.api.source.SourceStatus;
import io.tributary.events.FetchRequested;
import io.tributary.fetcher.artifact.ArtifactStorageException;
import io.tributary.fetcher.status.SourceConditions;
import io.tributary.fetcher.status.SourceStatusUpdates;
import io.tributary.operator.EventRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One fetch of any source kind, in Flux's order: load the object (nothing for a gone, spec-less, suspended or deleted
 * one), mark new work Reconciling, run the kind's steps in a fresh workspace, then write Ready with the steps' message
 * and record an Event when the artifact's digest changed — or write the failure the steps' exception stands for.
 */
@ApplicationScoped
public class SourceFetch {

    @Inject
    KubernetesClient client;
    @Inject
    SourceStatusUpdates updates;
    @Inject
    EventRecorder events;

    /** What the steps produced: the Ready message, and the Event to record if the digest changed. */
    public record Done(String message, String eventReason, String eventMessage) {
        public static Done of(String message) {
            return new Done(message, Reasons.NEW_ARTIFACT, message);
        }
    }

    /** A failure as status shows it: the negative-polarity condition type (null for none), reason, message, stalling. */
    public record Failed(String type, String reason, String message, boolean stalling) {
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
            Steps<T, S> steps, Classifier<S> classifier) throws InterruptedException {
        long generation = Objects.requireNonNullElse(source.getMetadata().getGeneration(), 0L);
        S status = source.getStatus() == null ? emptyStatus.get() : source.getStatus();
        String previousDigest = status.artifact == null ? null : status.artifact.digest;
        updates.startIfNew(source, status, generation);
        String workspaceName = source.getKind().toLowerCase(Locale.ROOT) + "-" + source.getMetadata().getNamespace() + "-"
                + source.getMetadata().getName();
        try (Workspace workspace = Workspace.create(workspaceName)) {
            Done done = steps.run(source, status, generation, workspace);
            status.conditions = SourceConditions.succeeded(status.conditions, done.message(), generation);
            updates.finish(source, status, generation, request);
            if (status.artifact != null && !status.artifact.digest.equals(previousDigest)) {
                events.normal(source, done.eventReason(), done.eventMessage(),
                        Map.of(Annotations.REVISION, status.artifact.revision, Annotations.DIGEST, status.artifact.digest));
            }
        } catch (InterruptedException interrupted) {
            throw interrupted;
        } catch (RuntimeException unexpected) {
            if (!(unexpected instanceof IllegalArgumentException invalid)) {
                throw unexpected; // a bug, not a source problem: the worker logs it and the scheduler retries
            }
            fail(source, status, generation, request, classifier, invalid);
        } catch (Exception failure) {
            fail(source, status, generation, request, classifier, failure);
        }
    }

    private <T extends CustomResource<?, S>, S extends SourceStatus> void fail(T source, S status, long generation, FetchRequested request,
            Classifier<S> classifier, Exception failure) {
        Failed failed = Optional.ofNullable(classifier.classify(failure, status, generation)).orElseGet(() -> common(failure));
        updates.fail(source, status, generation, request, failed.type(), failed.reason(), failed.message(), failed.stalling());
    }

    /** The mapping every kind shares: spec errors stall, fetch failures keep their reason, storage failures are retried. */
    static Failed common(Exception failure) {
        if (failure instanceof FetchFailure fetch) {
            return new Failed(ConditionTypes.FETCH_FAILED, fetch.reason(), fetch.getMessage(), fetch.stalling());
        }
        if (failure instanceof IllegalArgumentException invalid) {
            return new Failed(ConditionTypes.FETCH_FAILED, Reasons.URL_INVALID, invalid.getMessage(), true);
        }
        if (failure instanceof ArtifactStorageException storage) {
            return new Failed(ConditionTypes.STORAGE_OPERATION_FAILED, Reasons.ARCHIVE_OPERATION_FAILED, storage.getMessage(), false);
        }
        return new Failed(ConditionTypes.STORAGE_OPERATION_FAILED, Reasons.ARCHIVE_OPERATION_FAILED,
                "packaging the source failed: " + failure.getMessage(), false);
    }
}
