package io.tributary.release.plan;

import io.tributary.api.helm.HelmReleaseStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * helm-controller's {@code MustResetFailures}: the failure counters start again when the attempt differs from the
 * last one (generation, chart version, values) or a reset is requested.
 */
public final class FailureReset {

    public static final String DIFFERENT_GENERATION = "generation differs from last attempt";
    public static final String DIFFERENT_REVISION = "chart version differs from last attempt";
    public static final String DIFFERENT_VALUES = "values differ from last attempt";
    public static final String RESET_REQUESTED = "reset requested through annotation";

    /** {@code status.lastAttempted*}: what the last install or upgrade was made from. */
    public record LastAttempt(long generation, String revision, String configDigest, String valuesChecksum) {

        public static LastAttempt of(HelmReleaseStatus status) {
            return new LastAttempt(Objects.requireNonNullElse(status.lastAttemptedGeneration, 0L), status.lastAttemptedRevision,
                    status.lastAttemptedConfigDigest, status.lastAttemptedValuesChecksum);
        }
    }

    private FailureReset() {
    }

    /**
     * The reason to reset the counters, or empty.
     *
     * @param resetRequested from {@link AnnotationRequest#reset}, read before this so the token is recorded either way
     */
    public static Optional<String> reason(LastAttempt last, long generation, String chartVersion, String valuesDigest,
            boolean resetRequested) {
        if (last.generation() != generation) {
            return Optional.of(DIFFERENT_GENERATION);
        }
        if (!Objects.equals(nullToEmpty(last.revision()), nullToEmpty(chartVersion))) {
            return Optional.of(DIFFERENT_REVISION);
        }
        String recorded = !isEmpty(last.configDigest()) ? last.configDigest()
                : !isEmpty(last.valuesChecksum()) ? "sha1:" + last.valuesChecksum() : null;
        // a legacy sha1 checksum cannot be recomputed from a sha256 digest, so it always reads as changed
        if (recorded != null && !ReleaseVerification.sameValues(recorded, valuesDigest)) {
            return Optional.of(DIFFERENT_VALUES);
        }
        return resetRequested ? Optional.of(RESET_REQUESTED) : Optional.empty();
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
