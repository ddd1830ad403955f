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
        return new Tracked<>(this, type, object.getMetadata().getNamespace(), object.getMetadata().getName(), snapshot(status));
    }

    /**
     * Writes the change from {@code before} (a {@link #snapshot}) to {@code status}; nothing when there is none or the
     * object is gone. Returns whether anything was written.
     */
    public <T extends CustomResource<?, S>, S> boolean writeIfChanged(Class<T> type, String namespace, String name,
            String before, S status) {
        JsonNode base = tree(before);
        // every tree through JSON text, so that equal numbers are equal nodes (an int and a long are not)
        JsonNode ours = tree(snapshot(status));
        if (Objects.equals(base, ours)) {
            return false;
        }
        for (int attempt = 1; ; attempt++) {
            T current = client.resources(type).inNamespace(namespace).withName(name).get();
            if (current == null) {
                return false;
            }
            JsonNode theirs = tree(snapshot(current.getStatus()));
            JsonNode merged = StatusMerge.merge(base, ours, theirs);
            if (Objects.equals(merged, theirs == null || theirs.isNull() ? null : theirs)) {
                return false;
            }
            // a patched object whose resourceVersion is not the current one is refused with 409 Conflict
            String patch = client.getKubernetesSerialization().asJson(List.of(
                    Map.of("op", "replace", "path", "/metadata/resourceVersion", "value", current.getMetadata().getResourceVersion()),
                    Map.of("op", "add", "path", "/status", "value", merged)));
            try {
                client.resources(type).inNamespace(namespace).withName(name).subresource("status")
                        .patch(PatchContext.of(PatchType.JSON), patch);
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= ATTEMPTS) {
                    throw e;
                }
                backOff(attempt);
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

        private Tracked(StatusWriter writer, Class<T> type, String namespace, String name, String before) {
            this.writer = writer;
            this.type = type;
            this.namespace = namespace;
            this.name = name;
            this.before = before;
        }

        public boolean write(S status) {
            boolean written = writer.writeIfChanged(type, namespace, name, before, status);
            before = writer.snapshot(status);
            return written;
        }
    }
}
