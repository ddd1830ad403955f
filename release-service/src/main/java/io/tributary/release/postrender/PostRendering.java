package io.tributary.release.postrender;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.helm.HelmReleaseSpec.PostRenderer;
import io.tributary.release.chart.RenderedDocument;
import io.tributary.release.hooks.HookParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A HelmRelease's post-renderers, run as helm-controller's {@code BuildPostRenderers} combines them: each
 * {@code spec.postRenderers[i].kustomize} in list order, then {@code spec.commonMetadata} labels and annotations, then
 * the origin labels {@code helm.toolkit.fluxcd.io/name} and {@code /namespace} (last, so they win over a common label
 * of the same key). Every object of every release gets the origin labels, as in helm-controller.
 *
 * <p>What the post-renderers see follows Helm 4's {@code renderResources} and {@code spec.postRenderStrategy}:
 * {@code combined} (the default) one stream of templates and hooks; {@code separate} hooks and templates in two
 * streams; {@code nohooks} templates only, hooks left as rendered. Documents carry Helm's filename annotation through
 * the post-renderers and go back to their templates afterwards. Each Kustomize build is one {@code kubectl
 * kustomize} run in a private directory removed afterwards; the common metadata and origin labels join the last
 * user build (as Kustomize transformers after its patches and images), so a release runs one build per kustomize
 * post-renderer, and one when it has none.
 */
public final class PostRendering {

    public static final String COMBINED = "combined";
    public static final String SEPARATE = "separate";
    public static final String NO_HOOKS = "nohooks";
    static final String GROUP = "helm.toolkit.fluxcd.io";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One user post-renderer: its field path for messages, and its Kustomize settings. */
    record Step(String field, PostRenderer.Kustomize kustomize) {
    }

    private final List<Step> steps;
    private final HelmReleaseSpec.CommonMetadata commonMetadata;
    private final Map<String, String> originLabels;
    private final String strategy;
    private final KubectlKustomize kustomize;

    PostRendering(List<Step> steps, HelmReleaseSpec.CommonMetadata commonMetadata, Map<String, String> originLabels, String strategy,
            KubectlKustomize kustomize) {
        this.steps = steps;
        this.commonMetadata = commonMetadata;
        this.originLabels = originLabels;
        this.strategy = strategy == null || strategy.isEmpty() ? COMBINED : strategy;
        this.kustomize = kustomize;
    }

    public static PostRendering of(HelmRelease release, KubectlKustomize kustomize) {
        HelmReleaseSpec spec = release.getSpec();
        List<Step> steps = new ArrayList<>();
        if (spec.postRenderers != null) {
            for (int i = 0; i < spec.postRenderers.size(); i++) {
                PostRenderer r = spec.postRenderers.get(i);
                if (r != null && r.kustomize != null) {
                    steps.add(new Step("spec.postRenderers[" + i + "].kustomize", r.kustomize));
                }
            }
        }
        return new PostRendering(steps, spec.commonMetadata, originLabels(release.getMetadata().getNamespace(),
                release.getMetadata().getName()), spec.postRenderStrategy, kustomize);
    }

    /** helm-controller's {@code originLabels}. */
    static Map<String, String> originLabels(String namespace, String name) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(GROUP + "/name", name);
        labels.put(GROUP + "/namespace", namespace);
        return labels;
    }

    /** The post-renderers failed; the message names the stream, the field and Kustomize's own error. */
    public static final class PostRenderFailure extends Exception {
        public PostRenderFailure(String message) {
            super(message);
        }
    }

    /**
     * The rendered documents (templates and hooks, each with its template path) post-rendered, ordered by template
     * path and, within a template, as the post-renderer wrote them (the order Helm's manifest sorter starts from).
     */
    public List<RenderedDocument> render(List<RenderedDocument> documents) throws PostRenderFailure, InterruptedException {
        List<RenderedDocument> hooks = documents.stream().filter(PostRendering::isHook).toList();
        List<RenderedDocument> templates = documents.stream().filter(d -> !isHook(d)).toList();
        List<RenderedDocument> result = new ArrayList<>();
        switch (strategy) {
            case COMBINED -> result.addAll(stream(documents, "", "files"));
            case SEPARATE -> {
                result.addAll(stream(hooks, "hooks", "hooks"));
                result.addAll(stream(templates, "manifests", "manifests"));
            }
            case NO_HOOKS -> {
                result.addAll(hooks);
                result.addAll(stream(templates, "manifests", "manifests"));
            }
            default -> throw new PostRenderFailure("unknown post-render strategy: '" + strategy + "' (spec.postRenderStrategy)");
        }
        return byTemplate(result);
    }

    static boolean isHook(RenderedDocument d) {
        return d.annotations().containsKey(HookParser.HOOK);
    }

    /** Grouped by template path in Go's string order, each template's documents in the order given. */
    static List<RenderedDocument> byTemplate(List<RenderedDocument> documents) {
        Map<String, List<RenderedDocument>> files = new TreeMap<>(PostRenderDigest::compareBytes);
        for (RenderedDocument d : documents) {
            files.computeIfAbsent(d.path(), p -> new ArrayList<>()).add(d);
        }
        return files.values().stream().flatMap(List::stream).toList();
    }

    /** One stream through every post-renderer; {@code group} names the fallback files, {@code what} the stream in errors. */
    private List<RenderedDocument> stream(List<RenderedDocument> documents, String group, String what)
            throws PostRenderFailure, InterruptedException {
        if (documents.isEmpty()) {
            return List.of();
        }
        Path work;
        try {
            work = Files.createTempDirectory("post-render-");
        } catch (IOException e) {
            throw new PostRenderFailure("error while running post render on " + what + ": cannot create a build directory: " + e.getMessage());
        }
        try {
            String output = null;
            int builds = Math.max(1, steps.size());
            for (int i = 0; i < builds; i++) {
                Step step = steps.isEmpty() ? null : steps.get(i);
                Path dir = work.resolve("build-" + i);
                Files.createDirectories(dir);
                List<String> resources = i == 0 ? writeAnnotated(dir, documents) : List.of(write(dir, "helm-output.yaml", output));
                List<String> transformers = i == builds - 1 ? writeBuiltins(dir) : List.of();
                writeJson(dir, "kustomization.yaml", Kustomization.of(resources, step == null ? null : step.kustomize(), transformers));
                try {
                    output = kustomize.build(dir);
                } catch (KubectlKustomize.KustomizeFailure e) {
                    String field = step != null ? step.field() : commonMetadata != null ? "spec.commonMetadata" : "origin labels";
                    throw new PostRenderFailure("error while running post render on " + what + ": " + field + ": " + e.getMessage());
                }
            }
            return KustomizeOutput.split(output, group);
        } catch (IOException e) {
            throw new PostRenderFailure("error while running post render on " + what + ": " + e.getMessage());
        } catch (KustomizeOutput.InvalidOutput e) {
            throw new PostRenderFailure("error while parsing post rendered output" + (group.isEmpty() ? "" : " for " + group) + ": "
                    + e.getMessage());
        } finally {
            delete(work);
        }
    }

    /** Each template's documents as a resource directory that annotates them with the template path. */
    private static List<String> writeAnnotated(Path dir, List<RenderedDocument> documents) throws IOException {
        Map<String, List<RenderedDocument>> files = new TreeMap<>(PostRenderDigest::compareBytes);
        documents.forEach(d -> files.computeIfAbsent(d.path(), p -> new ArrayList<>()).add(d));
        List<String> resources = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, List<RenderedDocument>> file : files.entrySet()) {
            String name = "template-" + n++;
            Path template = Files.createDirectory(dir.resolve(name));
            write(template, "documents.yaml", file.getValue().stream().map(RenderedDocument::content).collect(Collectors.joining("---\n")));
            writeJson(template, "filename.yaml", Kustomization.annotationTransformer("filename",
                    Map.of(Kustomization.FILENAME_ANNOTATION, file.getKey())));
            writeJson(template, "kustomization.yaml", Kustomization.annotated("documents.yaml", "filename.yaml"));
            resources.add(name);
        }
        return resources;
    }

    /** Common labels, common annotations, origin labels: in helm-controller's order, as Kustomize transformer files. */
    private List<String> writeBuiltins(Path dir) throws IOException {
        List<String> files = new ArrayList<>();
        if (commonMetadata != null && commonMetadata.labels != null) {
            files.add(writeJson(dir, "common-labels.yaml", Kustomization.labelTransformer("common-labels", commonMetadata.labels)));
        }
        if (commonMetadata != null && commonMetadata.annotations != null) {
            files.add(writeJson(dir, "common-annotations.yaml",
                    Kustomization.annotationTransformer("common-annotations", commonMetadata.annotations)));
        }
        files.add(writeJson(dir, "origin-labels.yaml", Kustomization.labelTransformer("origin-labels", originLabels)));
        return files;
    }

    private static String writeJson(Path dir, String name, Object value) throws IOException {
        return write(dir, name, JSON.writeValueAsString(value));
    }

    private static String write(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
        return name;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover build directory holds only rendered manifests and is in the service's own temporary directory
        }
    }
}
