package io.tributary.release.hooks;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The phases a {@code helm.sh/hook} annotation names ({@code helm.sh/helm/v4/pkg/release/v1.HookEvent}). */
public enum HookEvent {
    PRE_INSTALL("pre-install"),
    POST_INSTALL("post-install"),
    PRE_DELETE("pre-delete"),
    POST_DELETE("post-delete"),
    PRE_UPGRADE("pre-upgrade"),
    POST_UPGRADE("post-upgrade"),
    PRE_ROLLBACK("pre-rollback"),
    POST_ROLLBACK("post-rollback"),
    TEST("test");

    /** Helm 2's name for the test phase, still accepted by Helm's manifest sorter. */
    static final String LEGACY_TEST = "test-success";

    private final String value;

    HookEvent(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** The phase for one comma-separated item of the annotation (trimmed, case-insensitive), or null if unknown. */
    static HookEvent parse(String item) {
        String v = item.trim().toLowerCase(java.util.Locale.ROOT);
        if (LEGACY_TEST.equals(v)) {
            return TEST;
        }
        for (HookEvent e : values()) {
            if (e.value.equals(v)) {
                return e;
            }
        }
        return null;
    }

    static String known() {
        return Arrays.stream(values()).map(HookEvent::value).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return value;
    }
}
