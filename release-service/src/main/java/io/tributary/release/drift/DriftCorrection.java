package io.tributary.release.drift;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tributary.release.apply.ClusterObjects;
import io.tributary.release.apply.ManifestApplier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * helm-controller's {@code action.ApplyDiff}: objects missing from the cluster are created again, then the changed
 * ones patched with the JSON Patch the comparison found, both as the controller's field manager, in
 * {@link ApplyOrder}. An object that fails is reported and the others are still written.
 */
public final class DriftCorrection {

    private static final PatchContext JSON_PATCH = new PatchContext.Builder().withPatchType(PatchType.JSON)
            .withFieldManager(ManifestApplier.FIELD_MANAGER).build();

    private final ClusterObjects cluster;

    public DriftCorrection(ClusterObjects cluster) {
        this.cluster = cluster;
    }

    /**
     * @param changes the objects written, {@code Kind/ns/name created} or {@code ... configured}, in order
     * @param errors  the objects that could not be written, each with the API server's answer
     */
    public record Result(List<String> changes, List<String> errors) {
    }

    public Result apply(List<ClusterDiff.Compared> compared) {
        List<String> changes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Comparator<ClusterDiff.Compared> order = Comparator.comparing(ClusterDiff.Compared::diff, ApplyOrder.DIFFS);
        for (ClusterDiff.Compared c : compared.stream().filter(c -> c.diff().type() == Diff.Type.CREATE).sorted(order).toList()) {
            try {
                // a server-side apply creates the object as the install wrote it: owned by the controller's manager
                cluster.resource(c.located()).fieldManager(ManifestApplier.FIELD_MANAGER).forceConflicts().serverSideApply();
                changes.add(c.diff().resourceName() + " created");
            } catch (KubernetesClientException e) {
                errors.add(c.diff().resourceName() + " creation failure: " + ManifestApplier.apiMessage(e));
            }
        }
        for (ClusterDiff.Compared c : compared.stream().filter(c -> c.diff().type() == Diff.Type.UPDATE).sorted(order).toList()) {
            ArrayNode patch = JsonNodeFactory.instance.arrayNode();
            c.diff().patch().forEach(op -> patch.add(op.toJson()));
            try {
                cluster.resource(c.located()).patch(JSON_PATCH, patch.toString());
                changes.add(c.diff().resourceName() + " configured");
            } catch (KubernetesClientException e) {
                String message = ManifestApplier.apiMessage(e);
                if ("Secret".equals(c.diff().kind())) {
                    message = maskSecretError(e.getCode(), message);
                }
                errors.add(c.diff().resourceName() + " patch failure: " + message);
            }
        }
        return new Result(changes, errors);
    }

    /** helm-controller's {@code maskSensitiveErrData}: an Invalid answer about a Secret keeps only its last part. */
    static String maskSecretError(int code, String message) {
        int colon = message.lastIndexOf(':');
        return code == 422 && colon >= 0 ? message.substring(colon + 1).strip() : message;
    }
}
