package io.tributary.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way every operator writes status: the change a writer made (from the status it read to the one it wants)
 * is merged onto the object as the API server holds it now ({@link StatusMerge}) and written by a JSON patch that
 * carries the resourceVersion it was merged onto, so a write in between is never erased: the API server answers 409
 * Conflict, and the writer reads again and merges again.
 */
public final class StatusWriter {

    static final int ATTEMPTS = 12;
    private static final long FIRST_BACKOFF_MILLIS = 5;
    private static final long MAX_BACKOFF_MILLIS = 400;

    private final KubernetesClient client;

    public StatusWriter(KubernetesClient client) {
        this.client = client;
    }

    /** A status as one writer read it, to write its changes against. */
    public <T extends CustomResource<?, S>, S> Tracked<T, S> track(T object, S status) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) object.getClass();
        String before = snapshot(status);
        return new Tracked<>(this, type, object.getMetadata().getNamespace(), object.getMetadata().getName(), before,
                new Known(object.getMetadata().getResourceVersion(), before));
    }

    /**
     * The object as this writer last saw it: its resourceVersion and its status then. A first attempt merges onto it
     * without reading the object again; if someone wrote in between, the API server refuses the patch (409) and the
     * writer reads and merges again.
     */
    record Known(String resourceVersion, String status) {
    }

    /**
     * Writes the change from {@code before} (a {@link #snapshot}) to {@code status}; nothing when there is none or the
     * object is gone. Returns whether anything was written.
     */
    public <T extends CustomResource<?, S>, S> boolean writeIfChanged(Class<T> type, String namespace, String name,
            String before, S status) {
        return write(type, namespace, name, before, status, null) != null;
    }

    /** As {@link #writeIfChanged}, first merging onto {@code known} when given; returns the object as now known, or null. */
    private <T extends CustomResource<?, S>, S> Known write(Class<T> type, String namespace, String name, String before,
            S status, Known known) {
        JsonNode base = tree(before);
        // every tree through JSON text, so that equal numbers are equal nodes (an int and a long are not)
        JsonNode ours = tree(snapshot(status));
        if (Objects.equals(base, ours)) {
            return null;
        }
        for (int attempt = 1; ; attempt++) {
            String resourceVersion;
            JsonNode theirs;
            if (attempt == 1 && known != null && known.resourceVersion() != null) {
                resourceVersion = known.resourceVersion();
                theirs = tree(known.status());
            } else {
                T current = client.resources(type).inNamespace(namespace).withName(name).get();
                if (current == null) {
                    return null;
                }
                resourceVersion = current.getMetadata().getResourceVersion();
                theirs = tree(snapshot(current.getStatus()));
            }
            JsonNode merged = StatusMerge.merge(base, ours, theirs);
            if (Objects.equals(merged, theirs == null || theirs.isNull() ? null : theirs)) {
                return null;
            }
            // a patched object whose resourceVersion is not the current one is refused with 409 Conflict
            String patch = client.getKubernetesSerialization().asJson(List.of(
                    Map.of("op", "replace", "path", "/metadata/resourceVersion", "value", resourceVersion),
                    Map.of("op", "add", "path", "/status", "value", merged)));
            try {
                T written = client.resources(type).inNamespace(namespace).withName(name).subresource("status")
                        .patch(PatchContext.of(PatchType.JSON), patch);
                return new Known(written.getMetadata().getResourceVersion(), snapshot(written.getStatus()));
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404 && attempt == 1 && known != null) {
                    return null;
                }
                if (e.getCode() != 409 || attempt >= ATTEMPTS) {
                    throw e;
                }
                if (attempt > 1 || known == null) {
                    backOff(attempt);
                }
            }
        }
    }

    /**
     * Writers that lost a race back off for a jittered, growing while, so that two writers looping on one object
     * cannot keep colliding in lockstep.
     */
    private static void backOff(int attempt) {
        long ceiling = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(attempt, 16));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a status write", e);
        }
    }

    /** The JSON form {@link #writeIfChanged} compares against. */
    public String snapshot(Object status) {
        return client.getKubernetesSerialization().asJson(status);
    }

    private JsonNode tree(String json) {
        return json == null ? null : client.getKubernetesSerialization().unmarshal(json, JsonNode.class);
    }

    /** One writer's view of one object's status: each write sends only what changed since its last write. */
    public static final class Tracked<T extends CustomResource<?, S>, S> {
        private final StatusWriter writer;
        private final Class<T> type;
        private final String namespace;
        private final String name;
        private String before;
        private Known known;

        private Tracked(StatusWriter writer, Class<T> type, String namespace, String name, String before, Known known) {
            this.writer = writer;
            this.type = type;
            this.namespace = namespace;
            this.name = name;
            this.before = before;
            this.known = known;
        }

        public boolean write(S status) {
            Known written = writer.write(type, namespace, name, before, status, known);
            if (written != null) {
                // the object as the API server answered the write
                known = written;
            }
            before = writer.snapshot(status);
            return written != null;
        }

        /** The resourceVersion of the object as this writer last read or wrote it. */
        public String resourceVersion() {
            return known == null ? null : known.resourceVersion();
        }
    }
}
