package io.tributary.release.apply;

/**
 * {@code spec.install.crds} / {@code spec.upgrade.crds}: what happens to the chart's {@code crds/} directory. Flux's
 * defaults: Create on install, Skip on upgrade; the deprecated {@code install.skipCRDs: true} means Skip.
 */
public enum CrdPolicy {
    /** Leave CRDs alone. */
    SKIP,
    /** Create CRDs that do not exist; never update one. */
    CREATE,
    /** Create CRDs that do not exist and update those that do. */
    CREATE_REPLACE;

    public static CrdPolicy forInstall(String value, Boolean skipCrds) {
        if (value == null || value.isEmpty()) {
            return Boolean.TRUE.equals(skipCrds) ? SKIP : CREATE;
        }
        return of("spec.install.crds", value);
    }

    public static CrdPolicy forUpgrade(String value) {
        return value == null || value.isEmpty() ? SKIP : of("spec.upgrade.crds", value);
    }

    static CrdPolicy of(String field, String value) {
        return switch (value) {
            case "Skip" -> SKIP;
            case "Create" -> CREATE;
            case "CreateReplace" -> CREATE_REPLACE;
            default -> throw new IllegalArgumentException(field + ": must be Skip, Create or CreateReplace, got '" + value + "'");
        };
    }
}
