package io.tributary.release.reconcile;

import io.tributary.api.helm.HelmRelease;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Release and HelmChart names as Flux derives them. */
public final class ReleaseNames {

    static final int MAX_RELEASE_NAME = 53;

    private ReleaseNames() {
    }

    /** {@code spec.releaseName}, else {@code [targetNamespace-]name}; over 53 chars: first 40 + '-' + 12 hex of sha256. */
    public static String release(HelmRelease release) {
        var spec = release.getSpec();
        String name = spec.releaseName != null && !spec.releaseName.isBlank() ? spec.releaseName
                : spec.targetNamespace != null && !spec.targetNamespace.isBlank()
                        ? spec.targetNamespace + "-" + release.getMetadata().getName()
                        : release.getMetadata().getName();
        return shorten(name);
    }

    static String shorten(String name) {
        if (name.length() <= MAX_RELEASE_NAME) {
            return name;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return name.substring(0, 40) + "-" + HexFormat.of().formatHex(hash).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The generated HelmChart: {@code <hr-namespace>-<hr-name>}. */
    public static String helmChart(HelmRelease release) {
        return release.getMetadata().getNamespace() + "-" + release.getMetadata().getName();
    }

    public static String targetNamespace(HelmRelease release) {
        String target = release.getSpec().targetNamespace;
        return target == null || target.isBlank() ? release.getMetadata().getNamespace() : target;
    }

    public static String storageNamespace(HelmRelease release) {
        String storage = release.getSpec().storageNamespace;
        return storage == null || storage.isBlank() ? release.getMetadata().getNamespace() : storage;
    }
}
