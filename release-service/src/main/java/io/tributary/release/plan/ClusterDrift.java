package io.tributary.release.plan;

import java.util.Optional;

/**
 * The drift check helm-controller runs for a release that is otherwise in sync: the cluster compared with the latest
 * release's manifest. Asked lazily, by {@link ReleaseStates}, only when the answer decides the state: it talks to the
 * cluster.
 */
@FunctionalInterface
public interface ClusterDrift {

    /** No drift, never asked about the cluster. */
    ClusterDrift NONE = Optional::empty;

    /**
     * The summary of the drift (helm-controller's {@code SummarizeDiffSet}, one line an object), or empty when the
     * cluster matches the manifest.
     *
     * @throws Undetermined when the cluster could not be compared and no drift was found
     */
    Optional<String> detect() throws Undetermined;

    /** The comparison failed; the message says why. */
    final class Undetermined extends Exception {
        public Undetermined(String message) {
            super(message);
        }
    }

    /** helm-controller's Drifted message and DriftDetected event text. */
    static String driftedMessage(String fullReleaseName, String summary) {
        return "Cluster state of release " + fullReleaseName + " has drifted from the desired state:\n" + summary;
    }
}
