package io.tributary.events;

import java.util.Map;

/**
 * The outcome of a Helm action on a HelmRelease, in Flux event form.
 *
 * @param involvedObject the HelmRelease
 * @param severity {@code info} or {@code error}
 * @param reason Flux reason, e.g. {@code InstallSucceeded}, {@code UpgradeSucceeded}, {@code UpgradeFailed}
 * @param message human-readable summary
 * @param metadata {@code revision} (chart version), {@code releaseVersion}
 */
public record ReleaseEvent(
        ObjectRef involvedObject,
        String severity,
        String reason,
        String message,
        Map<String, String> metadata) {

    public static final String TYPE = "io.tributary.release.v1";
}
