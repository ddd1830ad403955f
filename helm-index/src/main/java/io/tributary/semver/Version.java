package io.tributary.semver;

import java.util.Objects;

/**
 * A semantic version, read and ordered as Masterminds/semver v3 reads and orders one (the library Helm v4 and Flux
 * use for chart versions and tag selection).
 *
 * <p>{@link #parse} is Masterminds' {@code NewVersion}: an optional {@code v}, one to three numeric parts (missing
 * parts are 0, leading zeros are tolerated so calendar versions like {@code 2025.04.02} read), an optional pre-release
 * and build metadata. {@link #parseStrict} is {@code StrictNewVersion}: exactly {@code MAJOR.MINOR.PATCH}, no
 * {@code v}, no leading zeros. Neither trims: surrounding whitespace is an error.
 *
 * <p>Numeric parts are unsigned 64-bit numbers, as Go's {@code uint64}: they are held in a {@code long} and compared
 * unsigned, so a part above {@link Long#MAX_VALUE} reads back negative from {@link #major()} but orders and prints
 * right. Ordering is SemVer precedence; build metadata is ignored by {@link #compareTo} and {@link #sameAs}.
 *
 * @param original the text as given, or the canonical form when built from parts
 */
public record Version(long major, long minor, long patch, String prerelease, String metadata, String original)
        implements Comparable<Version> {

    public Version {
        prerelease = prerelease == null ? "" : prerelease;
        metadata = metadata == null ? "" : metadata;
        original = original == null ? format(major, minor, patch, prerelease, metadata) : original;
    }

    /**
     * Reads a version as Masterminds' {@code NewVersion} does (1.2 is 1.2.0, v1.2.3 and 01.02.03 are accepted).
     *
     * @throws IllegalArgumentException naming the part that is not valid
     */
    public static Version parse(String text) {
        String[] why = new String[1];
        Version v = VersionParser.coerce(text, why);
        if (v == null) {
            throw invalid(text, why[0]);
        }
        return v;
    }

    /**
     * Reads a version as Masterminds' {@code StrictNewVersion} does: {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}
     * exactly as SemVer 2.0 spells it.
     *
     * @throws IllegalArgumentException naming the part that is not valid
     */
    public static Version parseStrict(String text) {
        String[] why = new String[1];
        Version v = VersionParser.strict(text, why);
        if (v == null) {
            throw invalid(text, why[0]);
        }
        return v;
    }

    /** The version, or null when {@code text} is not one ({@link #parse} rules). */
    public static Version tryParse(String text) {
        return VersionParser.coerce(text, null);
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException(text == null || text.isEmpty() ? why : "'" + text + "' is not a semantic version: " + why);
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentifierChar(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    }

    public boolean isPrerelease() {
        return !prerelease.isEmpty();
    }

    @Override
    public int compareTo(Version other) {
        int c = Long.compareUnsigned(major, other.major);
        if (c == 0) {
            c = Long.compareUnsigned(minor, other.minor);
        }
        if (c == 0) {
            c = Long.compareUnsigned(patch, other.patch);
        }
        if (c != 0) {
            return c;
        }
        if (prerelease.isEmpty() || other.prerelease.isEmpty()) {
            // a release ranks above its pre-releases
            return Boolean.compare(prerelease.isEmpty(), other.prerelease.isEmpty());
        }
        return comparePrerelease(prerelease, other.prerelease);
    }

    /**
     * Identifier by identifier: numbers (that fit 64 bits unsigned) numerically and below words, words by their
     * bytes; a missing identifier ranks lowest.
     */
    private static int comparePrerelease(String a, String b) {
        String[] left = a.split("\\.", -1);
        String[] right = b.split("\\.", -1);
        for (int k = 0; k < Math.max(left.length, right.length); k++) {
            int c = compareIdentifier(k < left.length ? left[k] : "", k < right.length ? right[k] : "");
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareIdentifier(String s, String o) {
        if (s.equals(o)) {
            return 0;
        }
        if (s.isEmpty() || o.isEmpty()) {
            return s.isEmpty() ? -1 : 1;
        }
        Long sn = unsignedNumber(s);
        Long on = unsignedNumber(o);
        if (sn == null && on == null) {
            return s.compareTo(o) > 0 ? 1 : -1;
        }
        if (sn == null || on == null) {
            return sn == null ? 1 : -1;
        }
        return Long.compareUnsigned(sn, on) > 0 ? 1 : -1;
    }

    /** The identifier as Go's {@code strconv.ParseUint} reads it, or null when it is not such a number. */
    private static Long unsignedNumber(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (!isDigit(s.charAt(k))) {
                return null;
            }
        }
        try {
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    /** Same precedence (metadata and a leading {@code v} do not count); false for null. */
    public boolean sameAs(Version other) {
        return other != null && compareTo(other) == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && major == v.major && minor == v.minor && patch == v.patch
                && prerelease.equals(v.prerelease) && metadata.equals(v.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(major, minor, patch, prerelease, metadata);
    }

    /** The canonical form: no {@code v}, all three numeric parts. */
    @Override
    public String toString() {
        return format(major, minor, patch, prerelease, metadata);
    }

    private static String format(long major, long minor, long patch, String prerelease, String metadata) {
        return Long.toUnsignedString(major) + "." + Long.toUnsignedString(minor) + "." + Long.toUnsignedString(patch)
                + (prerelease.isEmpty() ? "" : "-" + prerelease) + (metadata.isEmpty() ? "" : "+" + metadata);
    }
}
