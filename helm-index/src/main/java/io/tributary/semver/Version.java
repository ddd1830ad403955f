package io.tributary.semver;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version as Masterminds/semver reads one: an optional {@code v}, up to three numeric parts (missing
 * parts are 0), an optional pre-release and build metadata. Ordered by precedence; metadata is ignored.
 */
public record Version(long major, long minor, long patch, String prerelease, String metadata, String original)
        implements Comparable<Version> {

    private static final Pattern PATTERN = Pattern.compile(
            "^v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?(-([0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*))?(\\+([0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*))?$");

    /** Parses a version; throws IllegalArgumentException when it is not one. */
    public static Version parse(String text) {
        Matcher m = text == null ? null : PATTERN.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a semantic version");
        }
        try {
            return new Version(Long.parseLong(m.group(1)), part(m.group(2)), part(m.group(3)),
                    m.group(5) == null ? "" : m.group(5), m.group(8) == null ? "" : m.group(8), text.trim());
        } catch (NumberFormatException tooLarge) {
            throw new IllegalArgumentException("'" + text + "' has a numeric part that is too large", tooLarge);
        }
    }

    /** The version, or null when {@code text} is not one. */
    public static Version tryParse(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long part(String dotted) {
        return dotted == null ? 0 : Long.parseLong(dotted.substring(1));
    }

    public boolean isPrerelease() {
        return !prerelease.isEmpty();
    }

    @Override
    public int compareTo(Version other) {
        int c = Long.compare(major, other.major);
        if (c == 0) {
            c = Long.compare(minor, other.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, other.patch);
        }
        return c != 0 ? c : comparePrerelease(prerelease, other.prerelease);
    }

    /** SemVer 2.0 rule 11: a release ranks above its pre-releases; identifiers compare numerically or lexically. */
    private static int comparePrerelease(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isEmpty()) {
            return 1;
        }
        if (b.isEmpty()) {
            return -1;
        }
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            boolean leftNumeric = left[i].chars().allMatch(Character::isDigit);
            boolean rightNumeric = right[i].chars().allMatch(Character::isDigit);
            int c;
            if (leftNumeric && rightNumeric) {
                c = new java.math.BigInteger(left[i]).compareTo(new java.math.BigInteger(right[i]));
            } else if (leftNumeric != rightNumeric) {
                c = leftNumeric ? -1 : 1;
            } else {
                c = left[i].compareTo(right[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.length, right.length);
    }

    /** Same precedence (metadata and a leading {@code v} do not count). */
    public boolean sameAs(Version other) {
        return compareTo(other) == 0;
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

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (prerelease.isEmpty() ? "" : "-" + prerelease)
                + (metadata.isEmpty() ? "" : "+" + metadata);
    }
}
