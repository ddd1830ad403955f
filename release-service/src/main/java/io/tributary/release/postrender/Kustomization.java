package io.tributary.release.postrender;

import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.helm.HelmReleaseSpec.PostRenderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of one Kustomize build, as helm-controller's {@code postrender.Kustomize} configures its in-memory one:
 * the rendered manifests as the only resource, {@code patches} (Kustomize tells a strategic merge patch from a JSON
 * 6902 one by its content) with their targets, and {@code images}. Beyond that, {@code sortOptions: fifo} keeps the
 * resources in input order, as helm-controller's build (no reorder option) does and kubectl's default legacy order
 * would not; and builtin transformers (Kustomize's own, configured as files) carry the labels and annotations
 * helm-controller adds with the same builtin plugins. Pure.
 */
final class Kustomization {

    static final String API_VERSION = "kustomize.config.k8s.io/v1beta1";
    /** Helm's key for the template a document came from, while it passes the post-renderer. */
    static final String FILENAME_ANNOTATION = "postrenderer.helm.sh/postrender-filename";

    private Kustomization() {
    }

    /** {@code kustomization.yaml} (as JSON) over {@code resources}, with {@code kustomize}'s patches and images, if any. */
    static Map<String, Object> of(List<String> resources, PostRenderer.Kustomize kustomize, List<String> transformers) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("apiVersion", API_VERSION);
        k.put("kind", "Kustomization");
        k.put("sortOptions", Map.of("order", "fifo"));
        k.put("resources", resources);
        if (kustomize != null && kustomize.patches != null && !kustomize.patches.isEmpty()) {
            List<Map<String, Object>> patches = new ArrayList<>();
            for (PostRenderer.Patch p : kustomize.patches) {
                Map<String, Object> patch = new LinkedHashMap<>();
                putIfSet(patch, "patch", p.patch);
                if (p.target != null) {
                    patch.put("target", selector(p.target));
                }
                patches.add(patch);
            }
            k.put("patches", patches);
        }
        if (kustomize != null && kustomize.images != null && !kustomize.images.isEmpty()) {
            List<Map<String, Object>> images = new ArrayList<>();
            for (PostRenderer.Image i : kustomize.images) {
                Map<String, Object> image = new LinkedHashMap<>();
                putIfSet(image, "name", i.name);
                putIfSet(image, "newName", i.newName);
                putIfSet(image, "newTag", i.newTag);
                putIfSet(image, "digest", i.digest);
                images.add(image);
            }
            k.put("images", images);
        }
        if (!transformers.isEmpty()) {
            k.put("transformers", transformers);
        }
        return k;
    }

    /** Kustomize's selector from ours ({@code adaptSelector}); name and namespace are regular expressions to Kustomize. */
    static Map<String, Object> selector(HelmReleaseSpec.Selector s) {
        Map<String, Object> target = new LinkedHashMap<>();
        putIfSet(target, "group", s.group);
        putIfSet(target, "version", s.version);
        putIfSet(target, "kind", s.kind);
        putIfSet(target, "name", s.name);
        putIfSet(target, "namespace", s.namespace);
        putIfSet(target, "labelSelector", s.labelSelector);
        putIfSet(target, "annotationSelector", s.annotationSelector);
        return target;
    }

    /** The builtin LabelTransformer on {@code metadata/labels} only, creating it: helm-controller's {@code labelTransformer}. */
    static Map<String, Object> labelTransformer(String name, Map<String, String> labels) {
        return transformer("LabelTransformer", name, "labels", labels, "metadata/labels");
    }

    /** The builtin AnnotationsTransformer on {@code metadata/annotations} only: helm-controller's {@code annotationTransformer}. */
    static Map<String, Object> annotationTransformer(String name, Map<String, String> annotations) {
        return transformer("AnnotationsTransformer", name, "annotations", annotations, "metadata/annotations");
    }

    private static Map<String, Object> transformer(String kind, String name, String field, Map<String, String> values, String path) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("apiVersion", "builtin");
        t.put("kind", kind);
        t.put("metadata", Map.of("name", name));
        t.put(field, new LinkedHashMap<>(values));
        Map<String, Object> fieldSpec = new LinkedHashMap<>();
        fieldSpec.put("path", path);
        fieldSpec.put("create", true);
        t.put("fieldSpecs", List.of(fieldSpec));
        return t;
    }

    /** One template's documents as a resource of their own, each annotated with the template's path (Helm's annotateAndMerge). */
    static Map<String, Object> annotated(String resource, String transformer) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("apiVersion", API_VERSION);
        k.put("kind", "Kustomization");
        k.put("resources", List.of(resource));
        k.put("transformers", List.of(transformer));
        return k;
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }
}
