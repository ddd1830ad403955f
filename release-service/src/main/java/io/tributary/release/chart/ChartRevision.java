package io.tributary.release.chart;

import io.tributary.semver.Version;

/**
 * helm-controller's {@code mutateChartWithSourceRevision}: for a chart whose source revision carries a digest (an
 * OCIRepository, or an ExternalArtifact whose revision has one) the first 12 hex of that digest become the chart
 * version's build metadata, so a new artifact under a mutable tag is a new release; the digest is reported as
 * {@code status.lastAttemptedRevisionDigest} and the snapshot's {@code ociDigest}. Other sources leave both alone. Pure.
 */
public final class ChartRevision {

    public static final String OCI_REPOSITORY = "OCIRepository";
    public static final String EXTERNAL_ARTIFACT = "ExternalArtifact";

    /**
     * @param version the chart version to release and report as {@code lastAttemptedRevision}
     * @param digest  the revision digest, or "" when the source's revisions carry none
     */
    public record Tracked(String version, String digest) {
    }

    /** The revision does not fit the chart (helm-controller's {@code ChartMutateError}): retried, never a failed release. */
    public static final class MismatchException extends Exception {
        public MismatchException(String message) {
            super(message);
        }
    }

    private ChartRevision() {
    }

    /**
     * @param sourceKind     the kind {@code spec.chartRef} (or the chart template) points at
     * @param revision       the source artifact's revision
     * @param chartVersion   the version in the chart's {@code Chart.yaml}
     * @param digestTracking false with helm-controller's {@code DisableChartDigestTracking}: the digest is still
     *                       reported, the version left as it is
     */
    public static Tracked track(String sourceKind, String revision, String chartVersion, boolean digestTracking)
            throws MismatchException {
        if (!withRevisionDigest(sourceKind, revision)) {
            return new Tracked(chartVersion, "");
        }
        Version version = Version.tryParse(chartVersion);
        if (version == null) {
            throw new MismatchException("invalid chart version " + chartVersion);
        }
        Version tag = semverOfTag(revision);
        String digest;
        if (tag != null) {
            String[] tagDigest = revision.split("@", -1);
            if (tagDigest.length != 2 || !tag.sameAs(version)) {
                throw new MismatchException("artifact revision " + tagDigest[0] + " does not match chart version " + chartVersion);
            }
            digest = tagDigest[1];
        } else {
            // a tag that is no version: Flux reports the whole revision as the digest
            digest = revision;
        }
        String hex = shortDigest(digest);
        Version mutated = new Version(version.major(), version.minor(), version.patch(), version.prerelease(), hex, null);
        return new Tracked(digestTracking ? mutated.toString() : chartVersion, digest);
    }

    /** helm-controller's {@code isSourceWithRevisionDigest}. */
    public static boolean withRevisionDigest(String sourceKind, String revision) {
        return OCI_REPOSITORY.equals(sourceKind)
                || EXTERNAL_ARTIFACT.equals(sourceKind) && revision != null && revision.contains(":");
    }

    /**
     * helm-controller's {@code parseSemverFromTag}: the version of a {@code <tag>@<algorithm>:<hex>} revision's tag (an
     * OCI tag spells {@code +} as {@code _}), or of a bare revision; null when it is none.
     */
    static Version semverOfTag(String revision) {
        String candidate = revision;
        if (revision.contains("@")) {
            candidate = revision.split("@", -1)[0].replace('_', '+');
        }
        return Version.tryParse(candidate);
    }

    /** helm-controller's {@code extractDigestSubString}: the first 12 hex of an {@code <algorithm>:<hex>} digest. */
    static String shortDigest(String revision) throws MismatchException {
        String[] pair = revision.split(":", -1);
        if (pair.length != 2 || pair[1].length() < 12) {
            throw new MismatchException("invalid artifact revision " + revision);
        }
        return pair[1].substring(0, 12);
    }

    /**
     * helm-controller's {@code extractDigest}: the {@code <algorithm>:<hex>} part of a {@code <tag>@<algorithm>:<hex>}
     * revision, the revision itself when it has no tag, "" when it has more than one {@code @}.
     */
    public static String digestOf(String revision) {
        if (revision.contains("@")) {
            String[] pair = revision.split("@", -1);
            return pair.length == 2 ? pair[1] : "";
        }
        return revision;
    }
}
