package io.tributary.fetcher.source.oci;

import io.tributary.api.meta.Durations;
import io.tributary.api.source.OCIRepositoryLayerSelector;
import io.tributary.api.source.OCIRepositorySpec;
import java.time.Duration;

/** The checks of an OCIRepository spec, each failure naming its field; what is valid but not served yet stalls too. */
public final class OciSpec {

    private OciSpec() {
    }

    /** @return the interval; @throws IllegalArgumentException naming the field */
    public static Duration check(OCIRepositorySpec spec) {
        Duration interval = Durations.parse("spec.interval", spec.interval);
        Durations.parseOr("spec.timeout", spec.timeout, Duration.ofSeconds(60));
        OciUrl.parse(spec.url);
        OciRef.of(spec.ref);
        if (spec.provider != null && spec.provider != OCIRepositorySpec.Provider.GENERIC) {
            throw new IllegalArgumentException("spec.provider: '" + spec.provider.name().toLowerCase(java.util.Locale.ROOT)
                    + "' is not supported: only 'generic' (credentials from spec.secretRef) is");
        }
        return interval;
    }

    public static String layerMediaType(OCIRepositorySpec spec) {
        return spec.layerSelector == null || spec.layerSelector.mediaType == null ? "" : spec.layerSelector.mediaType;
    }

    /** {@code extract} unless {@code copy} is asked for. */
    public static boolean copy(OCIRepositorySpec spec) {
        return spec.layerSelector != null && spec.layerSelector.operation == OCIRepositoryLayerSelector.Operation.COPY;
    }
}
