package io.tributary.fetcher.source.oci;

/** The reasons Flux's OCIRepository reconciler reports (api/v1 ocirepository_types.go, condition_types.go). */
public final class OciReasons {
    public static final String PULL_FAILED = "OCIArtifactPullFailed";
    public static final String LAYER_OPERATION_FAILED = "OCIArtifactLayerOperationFailed";
    public static final String READ_OPERATION_FAILED = "ReadOperationFailed";

    private OciReasons() {
    }
}
