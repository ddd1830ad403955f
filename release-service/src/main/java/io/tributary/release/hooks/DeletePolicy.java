package io.tributary.release.hooks;

/** {@code helm.sh/hook-delete-policy} values; without the annotation Helm applies {@link #BEFORE_HOOK_CREATION}. */
public enum DeletePolicy {
    BEFORE_HOOK_CREATION("before-hook-creation"),
    HOOK_SUCCEEDED("hook-succeeded"),
    HOOK_FAILED("hook-failed");

    private final String value;

    DeletePolicy(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    static DeletePolicy parse(String item) {
        String v = item.trim().toLowerCase(java.util.Locale.ROOT);
        for (DeletePolicy p : values()) {
            if (p.value.equals(v)) {
                return p;
            }
        }
        return null;
    }
}
