package io.tributary.fetcher.source.oci;

import io.tributary.api.meta.Artifact;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.source.OCIRepositoryLayerSelector;
import io.tributary.api.source.OCIRepositorySpec;
import io.tributary.api.source.OCIRepositoryStatus;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.operator.archive.SafeTar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An OCIRepository's fetch apart from Kubernetes and the artifact store: resolve, verify the signatures when
 * {@code spec.verify} asks and Flux's cache rule does not skip it, skip the pull when the stored
 * artifact already has the revision and the content settings did not change, else pull the layer and store it,
 * extracted (within {@link SafeTar} limits) and repackaged, or copied as it is.
 */
public final class OciArtifactSteps {

    /** Where artifacts go: whether one still exists, storing a tree (repackaged, {@code ignore} applied) or a file as is. */
    public interface Storage {
        boolean exists(Artifact artifact) throws InterruptedException;

        Artifact storeTree(Path tree, String ignore, String file, String revision) throws IOException, InterruptedException;

        Artifact storeFile(Path content, String file, String revision) throws IOException, InterruptedException;
    }

    private OciArtifactSteps() {
    }

    /** Runs the steps for a spec without {@code verify}, updating {@code status}; returns the Ready message. */
    public static String run(OCIRepositorySpec spec, OCIRepositoryStatus status, RegistryClient client, Storage storage, Path workspace,
            long maxLayerBytes, SafeTar.Limits limits) throws FetchFailure, IOException, InterruptedException {
        return run(spec, status, 0, client, storage, workspace, maxLayerBytes, limits, verify -> {
            throw new OciVerificationFailure("spec.verify.secretRef: no keys are available here");
        });
    }

    /**
     * Runs the steps, updating {@code status}; returns the Ready message. With {@code spec.verify} the resolved
     * manifest's signatures are checked ({@link OciSignatureCheck}) before anything is pulled.
     */
    public static String run(OCIRepositorySpec spec, OCIRepositoryStatus status, long generation, RegistryClient client, Storage storage,
            Path workspace, long maxLayerBytes, SafeTar.Limits limits, OciSignatureCheck.Keys keys)
            throws FetchFailure, IOException, InterruptedException {
        OciUrl url = OciUrl.parse(spec.url);
        String mediaType = OciSpec.layerMediaType(spec);
        if (Conditions.find(status.conditions, ConditionTypes.SOURCE_VERIFIED).filter(c -> "False".equals(c.getStatus())).isPresent()) {
            status.conditions = Conditions.remove(status.conditions, ConditionTypes.SOURCE_VERIFIED);
        }
        OciPull.Resolved resolved = OciPull.resolve(client, url, OciRef.of(spec.ref), mediaType);
        OciSignatureCheck.run(spec, status, generation, client, url, resolved.digest(), resolved.revision(), keys, workspace);
        if (unchanged(spec, status, resolved.revision()) && storage.exists(status.artifact)) {
            return "stored artifact for digest '" + resolved.revision() + "'";
        }
        OciPull.Layer layer = OciPull.pull(client, resolved.digest(), mediaType, workspace, maxLayerBytes);
        String hex = resolved.digest().substring("sha256:".length());
        Artifact stored;
        if (OciSpec.copy(spec)) {
            stored = storage.storeFile(layer.file(), hex + ".tgz", resolved.revision());
        } else {
            Path tree = Files.createDirectories(workspace.resolve("tree"));
            try {
                SafeTar.extract(layer.file(), "", tree, limits, "layer " + layer.descriptor().digest());
            } catch (IOException refused) {
                throw new FetchFailure(OciReasons.LAYER_OPERATION_FAILED, "failed to extract layer contents from artifact: layer "
                        + layer.descriptor().digest() + " (mediaType '" + layer.descriptor().mediaType() + "'): "
                        + io.tributary.fetcher.source.SourceFetch.describe(refused), false);
            }
            stored = storage.storeTree(tree, spec.ignore, hex + ".tar.gz", resolved.revision());
        }
        if (!layer.manifest().annotations().isEmpty()) {
            stored.metadata = new java.util.TreeMap<>(layer.manifest().annotations());
        }
        status.artifact = stored;
        status.observedIgnore = spec.ignore;
        status.observedLayerSelector = copyOf(spec.layerSelector);
        return "stored artifact for digest '" + resolved.revision() + "'";
    }

    /** Flux's shortcut: same revision, and neither the ignore rules nor the layer selector changed since it was stored. */
    static boolean unchanged(OCIRepositorySpec spec, OCIRepositoryStatus status, String revision) {
        return status.artifact != null && revision.equals(status.artifact.revision)
                && Objects.equals(spec.ignore, status.observedIgnore)
                && sameSelector(spec.layerSelector, status.observedLayerSelector);
    }

    private static OCIRepositoryLayerSelector copyOf(OCIRepositoryLayerSelector selector) {
        if (selector == null) {
            return null;
        }
        OCIRepositoryLayerSelector copy = new OCIRepositoryLayerSelector();
        copy.mediaType = selector.mediaType;
        copy.operation = selector.operation;
        return copy;
    }

    static boolean sameSelector(OCIRepositoryLayerSelector a, OCIRepositoryLayerSelector b) {
        String aType = a == null ? null : a.mediaType;
        String bType = b == null ? null : b.mediaType;
        OCIRepositoryLayerSelector.Operation aOp = a == null ? null : a.operation;
        OCIRepositoryLayerSelector.Operation bOp = b == null ? null : b.operation;
        return Objects.equals(aType, bType) && Objects.equals(aOp, bOp);
    }
}
