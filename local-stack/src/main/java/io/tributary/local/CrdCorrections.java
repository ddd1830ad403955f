package io.tributary.local;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.List;

/**
 * Known defects of the generated CRDs in {@code k8s/crds} that a real API server enforces, corrected in memory before
 * they are applied, each reported. A correction that finds nothing to correct does nothing, so each one goes away by
 * itself once the generator is fixed.
 *
 * <p>HelmRelease {@code spec.values} is generated from {@code Map<String, Object>} as "an object whose every value is
 * an object" ({@code additionalProperties: {type: object}}), so the API server refuses {@code values: {message: hi}}
 * with 422. Flux's CRD declares it as free-form JSON: {@code x-kubernetes-preserve-unknown-fields: true} and nothing
 * else.
 */
final class CrdCorrections {

    private CrdCorrections() {
    }

    /** Corrects {@code crd} in place; one sentence per correction made. */
    static List<String> correct(CustomResourceDefinition crd) {
        List<String> made = new ArrayList<>();
        if (!"helmreleases.helm.toolkit.fluxcd.io".equals(crd.getMetadata().getName())) {
            return made;
        }
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            JSONSchemaProps values = child(child(version.getSchema() == null ? null : version.getSchema().getOpenAPIV3Schema(),
                    "spec"), "values");
            if (values != null && values.getAdditionalProperties() != null && values.getAdditionalProperties().getSchema() != null
                    && "object".equals(values.getAdditionalProperties().getSchema().getType())) {
                values.setAdditionalProperties(null);
                values.setXKubernetesPreserveUnknownFields(true);
                made.add("HelmRelease " + version.getName() + " spec.values: the generated schema makes every value an object;"
                        + " applied as free-form JSON (x-kubernetes-preserve-unknown-fields), as Flux declares it");
            }
        }
        return made;
    }

    private static JSONSchemaProps child(JSONSchemaProps parent, String name) {
        return parent == null || parent.getProperties() == null ? null : parent.getProperties().get(name);
    }
}
