package io.tributary.semver;

/**
 * One term of a constraint ({@code >=1.2}, {@code ~1.x}, {@code !=2.0.0-rc.1}) and its check, with Masterminds/semver
 * v3's rules: a missing or {@code x} part is a wildcard ({@code 2.1} is {@code 2.1.x}, {@code <=1.1} allows 1.1.9,
 * {@code >11} starts at 12.0.0), {@code ~0.0.0} and {@code ~*} allow everything, and a pre-release version is only
 * considered when the caller says so (the constraint's alternative names a pre-release, or pre-releases are included).
 */
final class Comparator {

    /** Which check a term runs; {@code =} and the bare version are the same (a wildcard turns them into {@code ~}). */
    enum Kind {
        TILDE_OR_EQUAL, NOT_EQUAL, GREATER_THAN, LESS_THAN, GREATER_THAN_OR_EQUAL, LESS_THAN_OR_EQUAL, TILDE, CARET;

        static Kind of(String operator) {
            return switch (operator) {
                case "", "=" -> TILDE_OR_EQUAL;
                case "!=" -> NOT_EQUAL;
                case ">" -> GREATER_THAN;
                case "<" -> LESS_THAN;
                case ">=", "=>" -> GREATER_THAN_OR_EQUAL;
                case "<=", "=<" -> LESS_THAN_OR_EQUAL;
                case "~", "~>" -> TILDE;
                case "^" -> CARET;
                default -> throw new IllegalArgumentException("unknown operator '" + operator + "'");
            };
        }
    }

    /** Why a version fails a term; the message texts are Masterminds' own. */
    enum Failure {
        PRERELEASE(" is a prerelease version and the constraint is only looking for release versions", null),
        EQUAL(" is equal to ", ""),
        NOT_EQUAL(" is not equal to ", ""),
        LESS_THAN(" is less than ", ""),
        LESS_THAN_OR_EQUAL(" is less than or equal to ", ""),
        GREATER_THAN(" is greater than ", ""),
        GREATER_THAN_OR_EQUAL(" is greater than or equal to ", ""),
        OTHER_MAJOR(" does not have same major version as ", ""),
        OTHER_MAJOR_OR_MINOR(" does not have same major and minor version as ", ""),
        OTHER_MINOR(" does not have same minor version as ", ""),
        OTHER_MINOR_MAJOR_ZERO(" does not have same minor version as ",
                ". Expected minor versions to match when constraint major version is 0"),
        OTHER_PATCH_MAJOR_MINOR_ZERO(" does not equal ",
                ". Expect version and constraint to equal when major and minor versions are 0");

        private final String middle;
        private final String suffix;

        Failure(String middle, String suffix) {
            this.middle = middle;
            this.suffix = suffix;
        }

        String message(Version version, String term) {
            return "\"" + version + "\"" + middle + (suffix == null ? "" : "\"" + term + "\"" + suffix);
        }
    }

    final Kind kind;
    final String operator;
    /** The version text as written ({@code 1.2.x}). */
    final String written;
    /** The version with wildcards as zeros ({@code 1.2.x} is 1.2.0). */
    final Version version;
    /** Some part is a wildcard; {@code minorDirty}: from the minor on, {@code patchDirty}: only the patch. */
    final boolean dirty;
    final boolean minorDirty;
    final boolean patchDirty;

    private Comparator(String operator, String written, Version version, boolean minorDirty, boolean patchDirty, boolean dirty) {
        this.kind = Kind.of(operator);
        this.operator = operator;
        this.written = written;
        this.version = version;
        this.minorDirty = minorDirty;
        this.patchDirty = patchDirty;
        this.dirty = dirty;
    }

    /** The comparator for a term; throws IllegalArgumentException naming the part that is neither number nor wildcard. */
    static Comparator of(ConstraintSyntax.Term term) {
        String pre = term.prerelease().isEmpty() ? "" : "-" + term.prerelease();
        String text;
        boolean minorDirty = false;
        boolean patchDirty = false;
        boolean dirty = true;
        if (ConstraintSyntax.isX(term.major())) {
            text = "0.0.0" + pre; // later parts are not read at all
        } else if (term.minor().isEmpty() || ConstraintSyntax.isX(term.minor())) {
            minorDirty = true;
            text = number(term, term.major()) + ".0.0" + pre;
        } else if (term.patch().isEmpty() || ConstraintSyntax.isX(term.patch())) {
            patchDirty = true;
            text = number(term, term.major()) + "." + number(term, term.minor()) + ".0" + pre;
        } else {
            number(term, term.major());
            number(term, term.minor());
            number(term, term.patch());
            dirty = false;
            text = term.version();
        }
        String[] why = new String[1];
        Version version = VersionParser.coerce(text, why);
        if (version == null) {
            throw new IllegalArgumentException("'" + term.version() + "' is not a version: " + why[0]);
        }
        return new Comparator(term.operator(), term.version(), version, minorDirty, patchDirty, dirty);
    }

    private static String number(ConstraintSyntax.Term term, String part) {
        if (!part.chars().allMatch(Version::isDigit)) {
            throw new IllegalArgumentException("'" + part + "' in '" + term.version() + "' is neither a number nor a wildcard (x, X, *)");
        }
        return part;
    }

    /** The term as Masterminds prints it: operator and version text, no space. */
    String text() {
        return operator + written;
    }

    /** Null when {@code v} satisfies the term, otherwise why not. */
    Failure check(Version v, boolean includePrereleases) {
        if (v.isPrerelease() && !includePrereleases) {
            return Failure.PRERELEASE;
        }
        return switch (kind) {
            case TILDE_OR_EQUAL -> dirty ? tilde(v) : v.sameAs(version) ? null : Failure.NOT_EQUAL;
            case NOT_EQUAL -> notEqual(v);
            case GREATER_THAN -> greaterThan(v);
            case LESS_THAN -> v.compareTo(version) < 0 ? null : Failure.GREATER_THAN_OR_EQUAL;
            case GREATER_THAN_OR_EQUAL -> v.compareTo(version) >= 0 ? null : Failure.LESS_THAN;
            case LESS_THAN_OR_EQUAL -> lessThanOrEqual(v);
            case TILDE -> tilde(v);
            case CARET -> caret(v);
        };
    }

    private Failure notEqual(Version v) {
        if (dirty) {
            if (v.major() != version.major()) {
                return null;
            }
            if (minorDirty) {
                return Failure.EQUAL;
            }
            if (v.minor() != version.minor()) {
                return null;
            }
            if (patchDirty) {
                boolean samePrerelease = v.prerelease().equals(version.prerelease());
                return samePrerelease ? Failure.EQUAL : null;
            }
            if (v.patch() != version.patch()) {
                return null;
            }
        }
        return v.sameAs(version) ? Failure.EQUAL : null;
    }

    private Failure greaterThan(Version v) {
        if (dirty) {
            int major = Long.compareUnsigned(v.major(), version.major());
            if (major != 0) {
                return major > 0 ? null : Failure.LESS_THAN_OR_EQUAL;
            }
            if (minorDirty) {
                return Failure.LESS_THAN_OR_EQUAL; // >11 wants 12 or higher, 11.1.0 is not greater
            }
            if (patchDirty) {
                return Long.compareUnsigned(v.minor(), version.minor()) > 0 ? null : Failure.LESS_THAN_OR_EQUAL;
            }
        }
        return v.compareTo(version) > 0 ? null : Failure.LESS_THAN_OR_EQUAL;
    }

    private Failure lessThanOrEqual(Version v) {
        if (!dirty) {
            return v.compareTo(version) <= 0 ? null : Failure.GREATER_THAN;
        }
        int major = Long.compareUnsigned(v.major(), version.major());
        if (major > 0 || (major == 0 && !minorDirty && Long.compareUnsigned(v.minor(), version.minor()) > 0)) {
            return Failure.GREATER_THAN;
        }
        return null;
    }

    /** {@code ~1.2.3}: at least 1.2.3, same major and minor; {@code ~1}: same major; {@code ~0.0.0}, {@code ~*}: any. */
    private Failure tilde(Version v) {
        if (v.compareTo(version) < 0) {
            return Failure.LESS_THAN;
        }
        if (version.major() == 0 && version.minor() == 0 && version.patch() == 0 && !minorDirty && !patchDirty) {
            return null;
        }
        if (v.major() != version.major()) {
            return Failure.OTHER_MAJOR;
        }
        if (v.minor() != version.minor() && !minorDirty) {
            return Failure.OTHER_MAJOR_OR_MINOR;
        }
        return null;
    }

    /** {@code ^1.2.3}: below 2.0.0; {@code ^0.2.3}: below 0.3.0; {@code ^0.0.3}: only 0.0.3; {@code ^0.0}: below 0.1.0. */
    private Failure caret(Version v) {
        if (v.compareTo(version) < 0) {
            return Failure.LESS_THAN;
        }
        if (version.major() != 0 || minorDirty) {
            return v.major() == version.major() ? null : Failure.OTHER_MAJOR;
        }
        if (v.major() != 0) {
            return Failure.OTHER_MAJOR;
        }
        if (version.minor() != 0 || patchDirty) {
            return v.minor() == version.minor() ? null : Failure.OTHER_MINOR_MAJOR_ZERO;
        }
        if (v.minor() != 0) {
            return Failure.OTHER_MINOR;
        }
        return v.patch() == version.patch() ? null : Failure.OTHER_PATCH_MAJOR_MINOR_ZERO;
    }
}
