package io.tributary.release.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tributary.release.chart.RenderedDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Puts a release's objects into the cluster as Helm's kube client does: in install order, each marked with the
 * release's ownership metadata, an existing object that belongs to something else refused with Helm's ownership
 * error; and removes objects in uninstall order.
 */
public final class ManifestApplier {

    /** The field manager helm-controller applies with. */
    public static final String FIELD_MANAGER = "helm-controller";

    private final ClusterObjects cluster;
    private final ServerPatchMeta patchMeta;

    public ManifestApplier(ClusterObjects cluster) {
        this.cluster = cluster;
        this.patchMeta = new ServerPatchMeta(cluster.client());
    }

    /** An object could not be applied or deleted; the message names it. */
    public static final class ApplyFailure extends Exception {
        public ApplyFailure(String message) {
            super(message);
        }
    }

    /** How objects reach the cluster, as Helm 4's kube client updates them. */
    public enum Method {
        /** Server-side apply with {@link #FIELD_MANAGER}, conflicts forced (helm-controller always forces them). */
        SERVER_SIDE,
        /**
         * Client-side: a missing object is created; an existing one is patched with a three-way merge of the previous
         * revision's object, the rendered one and the live one: a strategic merge patch ({@link StrategicMergePatch},
         * with the patch metadata of the API server's OpenAPI) for a built-in kind, a JSON merge patch
         * ({@link ThreeWayMergePatch}) for a custom resource or a CustomResourceDefinition; nothing is sent when the
         * live object already matches.
         */
        CLIENT_SIDE,
        /** Client-side with {@code force}: an existing object is replaced whole. */
        REPLACE;

        /** helm-controller's choice: {@code force} replaces only when server-side apply is off. */
        public static Method of(boolean serverSideApply, boolean force) {
            return serverSideApply ? SERVER_SIDE : force ? REPLACE : CLIENT_SIDE;
        }
    }

    /**
     * @param releaseName      the Helm release the objects are marked with
     * @param releaseNamespace the release's namespace, as Helm's {@code meta.helm.sh/release-namespace}
     * @param method           how each object is written
     * @param originals        the previous revision's objects by identity ({@link ClusterObjects.Located#identity}):
     *                         updated without an ownership check, and the base of a client-side three-way merge
     * @param operation        {@code install} or {@code update}, as Helm's ownership error names it
     * @return the objects as located, in the order they were applied
     */
    public List<ClusterObjects.Located> apply(List<RenderedDocument> documents, String releaseName, String releaseNamespace,
            Method method, Map<String, GenericKubernetesResource> originals, String operation) throws ApplyFailure {
        Set<String> adopt = originals.keySet();
        List<ClusterObjects.Located> located = locateAll(documents, releaseNamespace);
        for (ClusterObjects.Located l : KindOrder.sortInstall(located, x -> x.object().getKind())) {
            checkOwnership(l, releaseName, releaseNamespace, adopt, operation);
        }
        List<ClusterObjects.Located> applied = new ArrayList<>();
        for (ClusterObjects.Located l : KindOrder.sortInstall(located, x -> x.object().getKind())) {
            mark(l.object(), releaseName, releaseNamespace);
            try {
                switch (method) {
                    case SERVER_SIDE -> cluster.resource(l).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
                    case REPLACE -> cluster.resource(l).createOr(op -> op.update());
                    case CLIENT_SIDE -> patchClientSide(l, originals.get(l.identity()));
                }
            } catch (KubernetesClientException e) {
                throw new ApplyFailure(l.describe() + ": " + apiMessage(e));
            }
            applied.add(l);
        }
        return applied;
    }

    /**
     * Helm's {@code patchResourceClientSide}: a strategic merge patch for a kind the API server's OpenAPI describes
     * and Helm's client knows, a JSON merge patch otherwise ({@link ServerPatchMeta#forKind}). An object the previous
     * revision did not have is its own base, as Helm's install takes over an existing object: the patch then only
     * adds and changes, it deletes nothing.
     */
    private void patchClientSide(ClusterObjects.Located l, GenericKubernetesResource original) throws ApplyFailure {
        var resource = cluster.resource(l);
        GenericKubernetesResource current = resource.get();
        if (current == null) {
            resource.create();
            return;
        }
        var serialization = cluster.client().getKubernetesSerialization();
        JsonNode modified = serialization.convertValue(l.object(), JsonNode.class);
        JsonNode base = original == null ? modified : serialization.convertValue(original, JsonNode.class);
        JsonNode live = serialization.convertValue(current, JsonNode.class);
        Optional<PatchMeta> meta;
        try {
            meta = patchMeta.forKind(l.object().getApiVersion(), l.object().getKind());
        } catch (ServerPatchMeta.OpenApiException e) {
            throw new ApplyFailure(l.describe() + ": failed to create patch: " + e.getMessage());
        }
        ObjectNode patch;
        PatchType type;
        if (meta.isPresent()) {
            try {
                patch = StrategicMergePatch.create(base, modified, live, meta.get());
            } catch (StrategicMergePatch.PatchException e) {
                throw new ApplyFailure(l.describe() + ": failed to create patch: " + e.getMessage());
            }
            type = PatchType.STRATEGIC_MERGE;
        } else {
            patch = ThreeWayMergePatch.create(base, modified, live);
            type = PatchType.JSON_MERGE;
        }
        if (patch.isEmpty()) {
            return;
        }
        resource.patch(new PatchContext.Builder().withPatchType(type).withFieldManager(FIELD_MANAGER).build(), patch.toString());
    }

    public List<ClusterObjects.Located> locateAll(List<RenderedDocument> documents, String namespace) throws ApplyFailure {
        List<ClusterObjects.Located> located = new ArrayList<>();
        for (RenderedDocument d : documents) {
            try {
                located.add(cluster.locate(d.object(), namespace));
            } catch (ClusterObjects.UnknownKindException e) {
                throw new ApplyFailure((d.path().isEmpty() ? "" : d.path() + ": ") + e.getMessage());
            }
        }
        return located;
    }

    private void checkOwnership(ClusterObjects.Located l, String releaseName, String releaseNamespace, Set<String> adopt,
            String operation) throws ApplyFailure {
        if (adopt.contains(l.identity())) {
            return;
        }
        GenericKubernetesResource existing;
        try {
            existing = cluster.resource(l).get();
        } catch (KubernetesClientException e) {
            throw new ApplyFailure(l.describe() + ": " + apiMessage(e));
        }
        if (existing == null) {
            return;
        }
        var refusal = Ownership.refusal(l.object().getKind(), l.object().getMetadata().getName(), l.namespace(),
                existing.getMetadata().getLabels(), existing.getMetadata().getAnnotations(), releaseName, releaseNamespace);
        if (refusal.isPresent()) {
            throw new ApplyFailure("Unable to continue with " + operation + ": " + refusal.get());
        }
    }

    /** Deletes the objects in uninstall order; objects already gone are skipped. Returns the errors, if any. */
    public List<String> delete(List<ClusterObjects.Located> objects, DeletionPropagation propagation) {
        List<String> errors = new ArrayList<>();
        for (ClusterObjects.Located l : KindOrder.sortUninstall(objects, x -> x.object().getKind())) {
            try {
                cluster.resource(l).withPropagationPolicy(propagation).delete();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    errors.add(l.describe() + ": " + apiMessage(e));
                }
            }
        }
        return errors;
    }

    /**
     * The documents as located, leaving out those of a kind the API server does not serve: no object of that kind can
     * exist, so there is nothing to delete (a failed release may record one).
     */
    public List<ClusterObjects.Located> locateExisting(List<RenderedDocument> documents, String namespace) {
        List<ClusterObjects.Located> located = new ArrayList<>();
        for (RenderedDocument d : documents) {
            try {
                located.add(cluster.locate(d.object(), namespace));
            } catch (ClusterObjects.UnknownKindException e) {
                // skipped, see above
            }
        }
        return located;
    }

    /** Objects {@code previous} had that {@code current} does not, in the cluster as located. */
    public static List<ClusterObjects.Located> removed(List<ClusterObjects.Located> previous, List<ClusterObjects.Located> current) {
        Set<String> keep = new java.util.HashSet<>();
        current.forEach(c -> keep.add(c.identity()));
        return previous.stream().filter(p -> !keep.contains(p.identity())).toList();
    }

    static void mark(GenericKubernetesResource object, String releaseName, String releaseNamespace) {
        Map<String, String> labels = object.getMetadata().getLabels() == null ? new HashMap<>() : new HashMap<>(object.getMetadata().getLabels());
        labels.put(Ownership.MANAGED_BY, Ownership.HELM);
        object.getMetadata().setLabels(labels);
        Map<String, String> annotations = object.getMetadata().getAnnotations() == null ? new HashMap<>()
                : new HashMap<>(object.getMetadata().getAnnotations());
        annotations.put(Ownership.RELEASE_NAME, releaseName);
        annotations.put(Ownership.RELEASE_NAMESPACE, releaseNamespace);
        object.getMetadata().setAnnotations(annotations);
    }

    public static String apiMessage(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return e.getMessage();
    }
}
