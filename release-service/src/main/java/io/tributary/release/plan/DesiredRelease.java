package io.tributary.release.plan;

/**
 * What the HelmRelease asks for this reconcile: where the release goes, the chart loaded, and digests of the values
 * and of the spec fields that change the rendered manifests.
 *
 * @param releaseName          the (shortened) Helm release name
 * @param valuesDigest         {@code <algorithm>:<hex>} of the composed values, as snapshots' {@code configDigest}
 * @param postRenderersDigest  digest of {@code spec.postRenderers}, empty when the field is absent
 * @param commonMetadataDigest digest of {@code spec.commonMetadata}, empty when the field is absent
 */
public record DesiredRelease(
        String releaseName,
        String releaseNamespace,
        String storageNamespace,
        String chartName,
        String chartVersion,
        String valuesDigest,
        String postRenderersDigest,
        String commonMetadataDigest) {

    public DesiredRelease {
        postRenderersDigest = postRenderersDigest == null ? "" : postRenderersDigest;
        commonMetadataDigest = commonMetadataDigest == null ? "" : commonMetadataDigest;
    }

    public DesiredRelease withChart(String name, String version) {
        return new DesiredRelease(releaseName, releaseNamespace, storageNamespace, name, version, valuesDigest,
                postRenderersDigest, commonMetadataDigest);
    }

    public DesiredRelease withValuesDigest(String digest) {
        return new DesiredRelease(releaseName, releaseNamespace, storageNamespace, chartName, chartVersion, digest,
                postRenderersDigest, commonMetadataDigest);
    }

    public DesiredRelease withRenderDigests(String postRenderers, String commonMetadata) {
        return new DesiredRelease(releaseName, releaseNamespace, storageNamespace, chartName, chartVersion, valuesDigest,
                postRenderers, commonMetadata);
    }
}
