package io.tributary.release.plan;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** helm-controller's {@code VerifyReleaseObject} and {@code VerifyRelease}, over digests computed by the caller. */
public final class ReleaseVerification {

    /** Snapshots of this API version carry a digest that can be verified; older ones are taken on trust. */
    public static final String SNAPSHOT_API_VERSION = "v2";

    /** The algorithms go-digest knows, and the length of their hex encoding. */
    private static final Map<String, Integer> HEX_LENGTHS = Map.of("sha256", 64, "sha384", 96, "sha512", 128);
    private static final Pattern LOWER_HEX = Pattern.compile("[a-f0-9]+");

    public enum Result {
        VERIFIED(""),
        /** The snapshot's digest is not a valid digest. */
        DIGEST_ERROR("release digest verification error"),
        /** The stored release is not the one the snapshot recorded. */
        NOT_OBSERVED("release not observed to be made for object"),
        CHART_CHANGED("release chart changed"),
        CONFIG_CHANGED("release config values changed");

        private final String message;

        Result(String message) {
            this.message = message;
        }

        /** helm-controller's error text, used as the state reason. */
        public String message() {
            return message;
        }
    }

    private ReleaseVerification() {
    }

    /** Whether {@code stored} is the release {@code snapshot} recorded; legacy snapshots are not checked. */
    public static Result verifyObject(Snapshot snapshot, StoredRelease stored) {
        if (!SNAPSHOT_API_VERSION.equals(snapshot.apiVersion())) {
            return Result.VERIFIED;
        }
        if (!isDigest(snapshot.digest())) {
            return Result.DIGEST_ERROR;
        }
        return snapshot.digest().equals(stored.digest()) ? Result.VERIFIED : Result.NOT_OBSERVED;
    }

    /** Whether a deployed release has the desired chart name and version, and the snapshot the desired values. */
    public static Result verifyRelease(StoredRelease stored, Snapshot snapshot, DesiredRelease desired) {
        if (!Objects.equals(stored.chartName(), desired.chartName()) || !Objects.equals(stored.chartVersion(), desired.chartVersion())) {
            return Result.CHART_CHANGED;
        }
        return sameValues(snapshot.configDigest(), desired.valuesDigest()) ? Result.VERIFIED : Result.CONFIG_CHANGED;
    }

    /**
     * Whether {@code recorded} is the digest of the values {@code desired} digests. Flux recomputes the values' digest
     * with the recorded digest's algorithm; here only digests of the same algorithm compare, any other never matches.
     */
    static boolean sameValues(String recorded, String desired) {
        return isDigest(recorded) && recorded.equals(desired);
    }

    /** go-digest's {@code Parse}: {@code <algorithm>:<lower-case hex of the algorithm's length>}. */
    static boolean isDigest(String digest) {
        if (digest == null) {
            return false;
        }
        int colon = digest.indexOf(':');
        if (colon < 0) {
            return false;
        }
        Integer length = HEX_LENGTHS.get(digest.substring(0, colon));
        String hex = digest.substring(colon + 1);
        return length != null && hex.length() == length && LOWER_HEX.matcher(hex).matches();
    }
}
