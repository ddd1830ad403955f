package io.tributary.notification.webhook;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.tributary.api.meta.Annotations;
import io.tributary.api.notification.Receiver;
import io.tributary.api.notification.ReceiverSpec;
import io.tributary.events.FetchRequested;
import io.tributary.events.ObjectRef;
import io.tributary.notification.events.KafkaUnavailableException;
import io.tributary.notification.events.SourceRequestPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Requests a reconcile of every resource a Receiver names: sources through FetchRequested on Kafka,
 * other kinds (HelmRelease) through the {@code reconcile.fluxcd.io/requestedAt} annotation.
 */
@ApplicationScoped
public class ReconcileRequester {

    static final Set<String> SOURCE_KINDS = Set.of("GitRepository", "HelmRepository", "HelmChart", "Bucket", "OCIRepository");
    static final Map<String, String[]> GROUP_VERSION_PLURAL = Map.of(
            "GitRepository", new String[] {"source.toolkit.fluxcd.io", "v1", "gitrepositories"},
            "HelmRepository", new String[] {"source.toolkit.fluxcd.io", "v1", "helmrepositories"},
            "HelmChart", new String[] {"source.toolkit.fluxcd.io", "v1", "helmcharts"},
            "Bucket", new String[] {"source.toolkit.fluxcd.io", "v1", "buckets"},
            "OCIRepository", new String[] {"source.toolkit.fluxcd.io", "v1", "ocirepositories"},
            "HelmRelease", new String[] {"helm.toolkit.fluxcd.io", "v2", "helmreleases"});

    @Inject
    KubernetesClient client;

    @Inject
    SourceRequestPublisher publisher;

    /** Returns the objects a reconcile was requested for, each acknowledged by Kafka or the API server. */
    public List<ObjectRef> request(Receiver receiver) throws KafkaUnavailableException, InterruptedException {
        List<ObjectRef> requested = new ArrayList<>();
        for (ReceiverSpec.Resource resource : receiver.getSpec().resources) {
            String namespace = resource.namespace == null || resource.namespace.isBlank()
                    ? receiver.getMetadata().getNamespace() : resource.namespace;
            for (String name : names(resource, namespace)) {
                ObjectRef ref = new ObjectRef(resource.kind, namespace, name);
                // the time of the request, as Flux writes it to reconcile.fluxcd.io/requestedAt: the source reports it
                // back as status.lastHandledReconcileAt once handled
                String requestedAt = Instant.now().toString();
                if (SOURCE_KINDS.contains(resource.kind)) {
                    publisher.publish(new FetchRequested(ref, "Webhook", requestedAt, 0));
                } else {
                    annotate(ref, requestedAt);
                }
                requested.add(ref);
            }
        }
        return requested;
    }

    private List<String> names(ReceiverSpec.Resource resource, String namespace) {
        if (!"*".equals(resource.name)) {
            return List.of(resource.name);
        }
        var objects = client.genericKubernetesResources(context(resource.kind)).inNamespace(namespace);
        var list = resource.matchLabels == null || resource.matchLabels.isEmpty() ? objects.list() : objects.withLabels(resource.matchLabels).list();
        return list.getItems().stream().map(o -> o.getMetadata().getName()).toList();
    }

    private void annotate(ObjectRef ref, String requestedAt) {
        String patch = client.getKubernetesSerialization().asJson(Map.of("metadata",
                Map.of("annotations", Map.of(Annotations.REQUESTED_AT, requestedAt))));
        client.genericKubernetesResources(context(ref.kind())).inNamespace(ref.namespace()).withName(ref.name())
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }

    static ResourceDefinitionContext context(String kind) {
        String[] gvp = GROUP_VERSION_PLURAL.get(kind);
        if (gvp == null) {
            throw new IllegalArgumentException("resources[].kind: '" + kind + "' is not supported");
        }
        return new ResourceDefinitionContext.Builder().withGroup(gvp[0]).withVersion(gvp[1]).withPlural(gvp[2])
                .withKind(kind).withNamespaced(true).build();
    }

}
