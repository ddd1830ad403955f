package io.tributary.release.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Applies a release's objects and deletes those the previous revision had but this one no longer renders. */
@ApplicationScoped
public class ManifestApplier {

    @Inject
    KubernetesClient client;

    public void apply(List<GenericKubernetesResource> objects, String namespace, String releaseName, String releaseNamespace) {
        for (GenericKubernetesResource object : objects) {
            if (object.getMetadata().getNamespace() == null) {
                object.getMetadata().setNamespace(namespace);
            }
            var labels = object.getMetadata().getLabels() == null ? new HashMap<String, String>() : new HashMap<>(object.getMetadata().getLabels());
            labels.putIfAbsent("app.kubernetes.io/managed-by", "Helm");
            object.getMetadata().setLabels(labels);
            var annotations = object.getMetadata().getAnnotations() == null ? new HashMap<String, String>() : new HashMap<>(object.getMetadata().getAnnotations());
            annotations.put("meta.helm.sh/release-name", releaseName);
            annotations.put("meta.helm.sh/release-namespace", releaseNamespace);
            object.getMetadata().setAnnotations(annotations);
            client.resource(object).inNamespace(object.getMetadata().getNamespace()).createOr(NonDeletingOperation::update);
        }
    }

    public void prune(List<GenericKubernetesResource> previous, List<GenericKubernetesResource> current, String namespace) {
        Set<String> keep = current.stream().map(o -> Manifests.identity(o, namespace)).collect(Collectors.toSet());
        for (GenericKubernetesResource old : previous) {
            if (!keep.contains(Manifests.identity(old, namespace))) {
                String ns = old.getMetadata().getNamespace() == null ? namespace : old.getMetadata().getNamespace();
                client.resource(old).inNamespace(ns).delete();
            }
        }
    }
}
