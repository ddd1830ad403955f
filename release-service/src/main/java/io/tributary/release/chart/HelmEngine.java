package io.tributary.release.chart;

import com.marcnuri.helm.Helm;
import java.nio.file.Path;

/**
 * The one class that touches the Helm Go library (through helm-java's native bridge). Keeping JNA use
 * behind it keeps the rest of the service native-image friendly.
 */
public final class HelmEngine {

    static {
        // the JVM's shutdown signal handlers, before the Go library can take them (see NativeSignals)
        NativeSignals.captureJvmHandlers();
    }

    /** Renders {@code chartDir} with the values in {@code valuesFile} as Helm's {@code template} does. */
    public String render(Path chartDir, String releaseName, String namespace, Path valuesFile) throws RenderException {
        try {
            return new Helm(chartDir).template()
                    .withName(releaseName)
                    .withNamespace(namespace)
                    .withValuesFile(valuesFile)
                    // the chart's crds/ are applied by the CRD policy, never as templates
                    .skipCrds()
                    .call();
        } catch (RuntimeException e) {
            throw new RenderException("rendering chart failed: " + e.getMessage());
        } finally {
            NativeSignals.restoreJvmHandlers();
        }
    }

    /** The chart could not be rendered; the message is Helm's. */
    public static class RenderException extends Exception {
        public RenderException(String message) {
            super(message);
        }
    }
}
