package io.tributary.release.action;

import io.tributary.api.helm.HelmRelease;

/** Where actions report what they did: Kubernetes Events and the release-events topic. */
public interface ReleaseEvents {

    void normal(HelmRelease object, String reason, String message, String revision);

    void warning(HelmRelease object, String reason, String message, String revision);

    ReleaseEvents NONE = new ReleaseEvents() {
        @Override
        public void normal(HelmRelease object, String reason, String message, String revision) {
        }

        @Override
        public void warning(HelmRelease object, String reason, String message, String revision) {
        }
    };
}
