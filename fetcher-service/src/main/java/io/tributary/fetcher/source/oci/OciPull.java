package io.tributary.fetcher.source.oci;

import io.tributary.fetcher.source.FetchFailure;
import java.io.IOException;
import java.nio.file.Path;

/** The registry steps of a fetch: resolve the reference to a manifest digest (HEAD only), then pull the selected layer. */
public final class OciPull {

    /** Where the reference points: the tag (null for a digest reference), the manifest digest, and Flux's revision. */
    public record Resolved(String tag, String digest, String revision) {
    }

    /** The pulled layer: the image manifest it came from, its descriptor and the file holding its bytes. */
    public record Layer(OciManifest manifest, OciManifest.Descriptor descriptor, Path file) {
    }

    private OciPull() {
    }

    /** Resolves without downloading any blob: the tags list for semver, a HEAD of the manifest for a tag. */
    public static Resolved resolve(RegistryClient client, OciUrl url, OciRef ref, String layerMediaType)
            throws FetchFailure, IOException, InterruptedException {
        String tag;
        if (ref instanceof OciRef.Digest digest) {
            return new Resolved(null, digest.digest(), digest.digest());
        } else if (ref instanceof OciRef.Semver semver) {
            try {
                tag = OciRef.pick(semver, client.tags(), layerMediaType);
            } catch (IllegalStateException none) {
                throw new FetchFailure(OciReasons.READ_OPERATION_FAILED, "failed to determine the artifact tag for 'oci://" + url + "': "
                        + none.getMessage(), false);
            } catch (FetchFailure registry) {
                throw new FetchFailure(registry.reason(), "failed to determine the artifact tag for 'oci://" + url + "': "
                        + registry.getMessage(), registry.kind());
            }
        } else {
            tag = ((OciRef.Tag) ref).tag();
        }
        String digest;
        try {
            digest = client.headDigest(tag).orElse(null);
            if (digest == null) {
                digest = client.manifest(tag).digest();
            }
        } catch (FetchFailure registry) {
            throw new FetchFailure(registry.reason(), "failed to determine artifact digest: " + registry.getMessage(), registry.kind());
        }
        return new Resolved(tag, digest, OciRef.revision(ref, tag, digest));
    }

    /** Fetches the manifest by digest (an index gives its linux/amd64 manifest), selects the layer and downloads it into {@code dir}. */
    public static Layer pull(RegistryClient client, String digest, String layerMediaType, Path dir, long maxLayerBytes)
            throws FetchFailure, IOException, InterruptedException {
        OciManifest manifest = manifest(client, digest);
        if (manifest.isIndex()) {
            OciManifest.Descriptor child;
            try {
                child = manifest.linuxAmd64();
            } catch (IllegalArgumentException none) {
                throw new FetchFailure(OciReasons.PULL_FAILED, "failed to pull artifact " + digest + ": " + none.getMessage(), false);
            }
            manifest = manifest(client, child.digest());
            if (manifest.isIndex()) {
                throw new FetchFailure(OciReasons.PULL_FAILED, "failed to pull artifact " + digest + ": the linux/amd64 entry "
                        + child.digest() + " is an index again", false);
            }
        }
        OciManifest.Descriptor layer;
        try {
            layer = manifest.select(layerMediaType);
        } catch (IllegalArgumentException none) {
            throw new FetchFailure(OciReasons.LAYER_OPERATION_FAILED, none.getMessage() + " (spec.layerSelector.mediaType)", false);
        }
        Path file = dir.resolve("layer");
        client.blob(layer, file, maxLayerBytes);
        return new Layer(manifest, layer, file);
    }

    private static OciManifest manifest(RegistryClient client, String digest) throws FetchFailure, IOException, InterruptedException {
        RegistryClient.Fetched fetched = client.manifest(digest);
        try {
            return OciManifest.parse(fetched.body(), fetched.contentType());
        } catch (IllegalArgumentException invalid) {
            throw new FetchFailure(OciReasons.PULL_FAILED, "failed to parse artifact manifest " + digest + ": " + invalid.getMessage(), false);
        }
    }
}
