package io.tributary.release.chart;

import io.tributary.release.apply.KindOrder;
import io.tributary.release.hooks.Hook;
import io.tributary.release.hooks.HookParser;
import io.tributary.release.postrender.PostRendering;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Renders a chart into the release's objects and its hooks, as Helm's install does before it touches the cluster.
 *
 * <p>The Helm library's template call returns the release manifest only, which leaves hooks out. So before rendering,
 * the {@code helm.sh/hook} annotation keys in the chart's templates are masked ({@link #maskHooks}); the hooks then
 * render as ordinary documents, the mask is lifted from the output, and {@link HookParser} sorts them out as Helm's
 * manifest sorter would. With a HelmRelease's {@link PostRendering}, the documents pass the post-renderers before they
 * are sorted, so the objects applied, the hooks and the manifest stored are the post-rendered ones, as in Helm.
 */
public final class ChartRenderer {

    static final String MASK = "tributary.io/masked-helm-hook";

    private final HelmEngine engine;

    public ChartRenderer(HelmEngine engine) {
        this.engine = engine;
    }

    /** The release objects in Helm's install order, the manifest Helm would store for them, and the hooks. */
    public record Rendered(List<RenderedDocument> objects, String manifest, List<Hook> hooks) {
    }

    /** A chart that cannot be rendered into a release; the message names the template and the problem. */
    public static final class RenderFailure extends Exception {
        public RenderFailure(String message) {
            super(message);
        }
    }

    /** Masks hook annotation keys in every file of every {@code templates/} directory under {@code chartDir}. */
    public static void maskHooks(Path chartDir) throws IOException {
        try (Stream<Path> files = Files.walk(chartDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!chartDir.relativize(file).toString().replace('\\', '/').matches("(.*/)?templates/.*")) {
                    continue;
                }
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (text.contains(HookParser.HOOK)) {
                    Files.writeString(file, text.replace(HookParser.HOOK, MASK), StandardCharsets.UTF_8);
                }
            }
        }
    }

    public Rendered render(LoadedChart chart, String releaseName, String namespace, Path valuesFile) throws RenderFailure {
        try {
            return sort(documents(chart, releaseName, namespace, valuesFile));
        } catch (HookParser.InvalidHookException e) {
            throw new RenderFailure(e.getMessage());
        }
    }

    /** As {@link #render(LoadedChart, String, String, Path)}, the documents post-rendered before they are sorted. */
    public Rendered render(LoadedChart chart, String releaseName, String namespace, Path valuesFile, PostRendering postRendering)
            throws RenderFailure, InterruptedException {
        List<RenderedDocument> documents = documents(chart, releaseName, namespace, valuesFile);
        try {
            return sort(postRendering.render(documents));
        } catch (PostRendering.PostRenderFailure | HookParser.InvalidHookException e) {
            throw new RenderFailure(e.getMessage());
        }
    }

    private List<RenderedDocument> documents(LoadedChart chart, String releaseName, String namespace, Path valuesFile)
            throws RenderFailure {
        String output;
        try {
            output = engine.render(chart.dir(), releaseName, namespace, valuesFile).replace(MASK, HookParser.HOOK);
        } catch (HelmEngine.RenderException e) {
            throw new RenderFailure(e.getMessage().replace(MASK, HookParser.HOOK));
        }
        try {
            return ManifestDocuments.split(output);
        } catch (ManifestDocuments.InvalidManifestException e) {
            throw new RenderFailure(e.getMessage());
        }
    }

    static Rendered sort(List<RenderedDocument> documents) throws HookParser.InvalidHookException {
        List<RenderedDocument> objects = new ArrayList<>();
        List<Hook> hooks = new ArrayList<>();
        for (RenderedDocument d : documents) {
            Optional<Hook> hook = HookParser.parse(d.path(), d.kind(), d.name(), d.annotations(), d.content());
            if (hook.isPresent()) {
                hooks.add(hook.get());
            } else {
                objects.add(d);
            }
        }
        List<RenderedDocument> ordered = KindOrder.sortInstall(objects, RenderedDocument::kind);
        String manifest = ordered.stream().map(RenderedDocument::asManifestEntry).collect(Collectors.joining());
        return new Rendered(ordered, manifest, KindOrder.sortInstall(hooks, Hook::kind));
    }
}
