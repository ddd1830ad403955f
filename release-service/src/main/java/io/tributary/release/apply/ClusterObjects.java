package io.tributary.release.apply;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rendered objects as API resources: the API server's discovery says whether a kind exists and is namespaced, as
 * Helm's REST mapper does; a kind it does not know fails with Helm's "no matches for kind" message.
 */
public final class ClusterObjects {

    private final KubernetesClient client;
    private final Map<String, ResourceDefinitionContext> known = new ConcurrentHashMap<>();

    public ClusterObjects(KubernetesClient client) {
        this.client = client;
    }

    public KubernetesClient client() {
        return client;
    }

    /**
     * Forgets what discovery said, so the next lookup of each kind reads it again: helm-controller's client with
     * {@code persistentClient: false}, which re-reads its REST mapping for every step of an action. Kinds discovery did not
     * know are never remembered, so CRDs created by an earlier step are seen either way.
     */
    public void forgetDiscovery() {
        known.clear();
    }

    /** A kind the API server does not serve (no CRD installed for it). */
    public static final class UnknownKindException extends Exception {
        public UnknownKindException(String message) {
            super(message);
        }
    }

    /** An object located in the cluster: its API resource and the namespace it lives in ("" when cluster-scoped). */
    public record Located(GenericKubernetesResource object, ResourceDefinitionContext context, String namespace) {
        public String describe() {
            String name = object.getMetadata().getName();
            return object.getKind() + " \"" + name + "\"" + (namespace.isEmpty() ? "" : " in namespace \"" + namespace + "\"");
        }

        public String identity() {
            return object.getApiVersion() + "/" + object.getKind() + "/" + namespace + "/" + object.getMetadata().getName();
        }
    }

    public Located locate(Map<String, Object> document, String defaultNamespace) throws UnknownKindException {
        GenericKubernetesResource object = client.getKubernetesSerialization().convertValue(document, GenericKubernetesResource.class);
        ResourceDefinitionContext context = context(object.getApiVersion(), object.getKind(), object.getMetadata().getName());
        String namespace = "";
        if (context.isNamespaceScoped()) {
            namespace = object.getMetadata().getNamespace() == null || object.getMetadata().getNamespace().isEmpty()
                    ? defaultNamespace : object.getMetadata().getNamespace();
            object.getMetadata().setNamespace(namespace);
        } else {
            object.getMetadata().setNamespace(null);
        }
        return new Located(object, context, namespace);
    }

    public Resource<GenericKubernetesResource> resource(Located located) {
        var resources = client.genericKubernetesResources(located.context());
        return located.namespace().isEmpty() ? resources.resource(located.object())
                : resources.inNamespace(located.namespace()).resource(located.object());
    }

    ResourceDefinitionContext context(String apiVersion, String kind, String name) throws UnknownKindException {
        String key = apiVersion + "/" + kind;
        ResourceDefinitionContext cached = known.get(key);
        if (cached != null) {
            return cached;
        }
        APIResourceList list;
        try {
            list = client.getApiResources(apiVersion);
        } catch (KubernetesClientException e) {
            list = null;
        }
        if (list != null && list.getResources() != null) {
            for (APIResource r : list.getResources()) {
                if (kind.equals(r.getKind()) && !r.getName().contains("/")) {
                    int slash = apiVersion.indexOf('/');
                    ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
                            .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
                            .withVersion(slash < 0 ? apiVersion : apiVersion.substring(slash + 1))
                            .withKind(kind).withPlural(r.getName()).withNamespaced(Boolean.TRUE.equals(r.getNamespaced()))
                            .build();
                    known.put(key, context);
                    return context;
                }
            }
        }
        throw new UnknownKindException("resource mapping not found for name: \"" + name + "\": no matches for kind \"" + kind
                + "\" in version \"" + apiVersion + "\"; ensure CRDs are installed first");
    }
}
