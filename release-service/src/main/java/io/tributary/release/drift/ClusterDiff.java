package io.tributary.release.drift;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tributary.release.apply.ClusterObjects;
import io.tributary.release.apply.ManifestApplier;
import io.tributary.release.apply.Ownership;
import io.tributary.release.chart.ManifestDocuments;
import io.tributary.release.chart.RenderedDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * helm-controller's {@code action.Diff}: each object of a release manifest, with Helm's ownership metadata and the
 * release namespace, is applied server-side as a dry run with the controller's field manager (forcing conflicts) and
 * the answer compared with the object in the cluster ({@link ObjectDiff}). An object that fails is reported and the
 * others are still compared.
 */
public final class ClusterDiff {

    private static final PatchContext DRY_RUN_APPLY = new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
            .withFieldManager(ManifestApplier.FIELD_MANAGER).withForce(true).withDryRun(List.of("All")).build();

    private final ClusterObjects cluster;

    public ClusterDiff(ClusterObjects cluster) {
        this.cluster = cluster;
    }

    /** The comparison, and the errors of the objects that could not be compared (each names its object). */
    public record Result(DiffSet set, List<String> errors) {
    }

    /** A compared object as located in the cluster, for the correction to write back. */
    public record Compared(Diff diff, ClusterObjects.Located located) {
    }

    public Result diff(String manifest, String releaseName, String releaseNamespace, IgnoreRules ignore) {
        List<Compared> compared = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        compare(manifest, releaseName, releaseNamespace, ignore, compared, errors);
        return new Result(new DiffSet(compared.stream().map(Compared::diff).toList()), errors);
    }

    /** As {@link #diff}, keeping where each object lives. */
    public List<Compared> compare(String manifest, String releaseName, String releaseNamespace, IgnoreRules ignore,
            List<Compared> compared, List<String> errors) {
        List<RenderedDocument> documents;
        try {
            documents = ManifestDocuments.split(manifest);
        } catch (ManifestDocuments.InvalidManifestException e) {
            errors.add("failed to read objects from release manifest: " + e.getMessage());
            return compared;
        }
        for (RenderedDocument d : documents) {
            ClusterObjects.Located located;
            try {
                located = cluster.locate(withHelmMetadata(d.object(), releaseName, releaseNamespace), releaseNamespace);
            } catch (ClusterObjects.UnknownKindException e) {
                errors.add("failed to determine if " + d.kind() + " is namespace scoped: " + e.getMessage());
                continue;
            }
            try {
                compared.add(new Compared(compare(located, ignore), located));
            } catch (CompareFailure e) {
                errors.add(e.getMessage());
            }
        }
        return compared;
    }

    private Diff compare(ClusterObjects.Located located, IgnoreRules ignore) throws CompareFailure {
        GenericKubernetesResource object = located.object();
        JsonNode desired = tree(object);
        List<String> ignorePaths = ignore.pathsFor(object.getApiVersion(), object.getKind(), object.getMetadata().getName(),
                located.namespace(), object.getMetadata().getLabels(), object.getMetadata().getAnnotations());
        Diff excluded = new Diff(Diff.Type.EXCLUDE, desired, null, List.of());
        if (ObjectDiff.excludedByManifest(desired, ignorePaths)) {
            return excluded;
        }
        String name = kindNamespaceName(located);
        JsonNode live;
        try {
            GenericKubernetesResource found = cluster.resource(located).get();
            live = found == null ? null : tree(found);
        } catch (KubernetesClientException e) {
            throw new CompareFailure(name + " get failed: " + ManifestApplier.apiMessage(e));
        }
        if (live != null && ObjectDiff.excluded(live)) {
            return excluded;
        }
        JsonNode dryRun;
        try {
            GenericKubernetesResource applied = cluster.resource(located).patch(DRY_RUN_APPLY, desired.toString());
            dryRun = tree(applied);
        } catch (KubernetesClientException e) {
            String reason = e.getStatus() == null || e.getStatus().getReason() == null ? "" : " (" + e.getStatus().getReason() + ")";
            throw new CompareFailure(name + " dry-run failed" + reason + ": " + ManifestApplier.apiMessage(e));
        }
        return ObjectDiff.compare(desired, live, dryRun, ignorePaths);
    }

    private JsonNode tree(GenericKubernetesResource object) {
        return cluster.client().getKubernetesSerialization().convertValue(object, JsonNode.class);
    }

    /** helm-controller's {@code setHelmMetadata}: the ownership Helm puts on every object it creates. */
    static Map<String, Object> withHelmMetadata(Map<String, Object> document, String releaseName, String releaseNamespace) {
        Map<String, Object> copy = new HashMap<>(document);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = copy.get("metadata") instanceof Map<?, ?> m ? new HashMap<>((Map<String, Object>) m)
                : new HashMap<>();
        metadata.put("labels", with(metadata.get("labels"), Ownership.MANAGED_BY, Ownership.HELM, null, null));
        metadata.put("annotations", with(metadata.get("annotations"), Ownership.RELEASE_NAME, releaseName,
                Ownership.RELEASE_NAMESPACE, releaseNamespace));
        copy.put("metadata", metadata);
        return copy;
    }

    private static Map<String, Object> with(Object existing, String k1, String v1, String k2, String v2) {
        @SuppressWarnings("unchecked")
        Map<String, Object> values = existing instanceof Map<?, ?> m ? new HashMap<>((Map<String, Object>) m) : new HashMap<>();
        values.put(k1, v1);
        if (k2 != null) {
            values.put(k2, v2);
        }
        return values;
    }

    static String kindNamespaceName(ClusterObjects.Located l) {
        return l.object().getKind() + "/" + (l.namespace().isEmpty() ? "" : l.namespace() + "/") + l.object().getMetadata().getName();
    }

    private static final class CompareFailure extends Exception {
        CompareFailure(String message) {
            super(message);
        }
    }
}
