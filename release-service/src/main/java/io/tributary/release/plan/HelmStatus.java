package io.tributary.release.plan;

/** Helm's release status ({@code helm.sh/helm/v4/pkg/release/common.Status}), as stored in {@code info.status}. */
public enum HelmStatus {
    UNKNOWN("unknown"),
    DEPLOYED("deployed"),
    UNINSTALLED("uninstalled"),
    SUPERSEDED("superseded"),
    FAILED("failed"),
    UNINSTALLING("uninstalling"),
    PENDING_INSTALL("pending-install"),
    PENDING_UPGRADE("pending-upgrade"),
    PENDING_ROLLBACK("pending-rollback");

    private final String value;

    HelmStatus(String value) {
        this.value = value;
    }

    /** The status as Helm writes it; a value Helm does not define reads as {@link #UNKNOWN}. */
    public static HelmStatus of(String value) {
        for (HelmStatus status : values()) {
            if (status.value.equals(value)) {
                return status;
            }
        }
        return UNKNOWN;
    }

    /** Helm's {@code IsPending}: a release another operation holds; it must be unlocked before anything else. */
    public boolean isPending() {
        return this == PENDING_INSTALL || this == PENDING_UPGRADE || this == PENDING_ROLLBACK;
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
