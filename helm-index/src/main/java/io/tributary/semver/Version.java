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
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("version is empty");
        }
        int n = text.length();
        int i = text.charAt(0) == 'v' ? 1 : 0;
        long[] parts = new long[3];
        int count = 0;
        while (count < 3) {
            int start = i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw invalid(text, count == 0 ? "it must start with a number (a 'v' may come first)"
                        : partName(count) + " part " + found(text, start) + " is not a number");
            }
            parts[count++] = number(text, partName(count - 1), text.substring(start, i));
            if (i < n && text.charAt(i) == '.' && count < 3) {
                i++;
            } else {
                break;
            }
        }
        return finish(text, i, parts);
    }

    /**
     * Reads a version as Masterminds' {@code StrictNewVersion} does: {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}
     * exactly as SemVer 2.0 spells it.
     *
     * @throws IllegalArgumentException naming the part that is not valid
     */
    public static Version parseStrict(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("version is empty");
        }
        int firstDot = text.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : text.indexOf('.', firstDot + 1);
        if (secondDot < 0) {
            throw invalid(text, "a strict semantic version has three parts, MAJOR.MINOR.PATCH");
        }
        String rest = text.substring(secondDot + 1);
        String metadata = "";
        String prerelease = "";
        int plus = rest.indexOf('+');
        if (plus >= 0) {
            metadata = rest.substring(plus + 1);
            rest = rest.substring(0, plus);
            checkIdentifiers(text, "build metadata", metadata, false);
        }
        int dash = rest.indexOf('-');
        if (dash >= 0) {
            prerelease = rest.substring(dash + 1);
            rest = rest.substring(0, dash);
            checkIdentifiers(text, "pre-release", prerelease, true);
        }
        String[] numbers = {text.substring(0, firstDot), text.substring(firstDot + 1, secondDot), rest};
        long[] parts = new long[3];
        for (int p = 0; p < 3; p++) {
            String digits = numbers[p];
            if (digits.isEmpty() || !digits.chars().allMatch(Version::isDigit)) {
                throw invalid(text, partName(p) + " part '" + digits + "' is not a number"
                        + (p == 0 && digits.startsWith("v") ? " (a strict version has no 'v' prefix)" : ""));
            }
            if (digits.length() > 1 && digits.charAt(0) == '0') {
                throw invalid(text, partName(p) + " part '" + digits + "' has a leading zero");
            }
            parts[p] = number(text, partName(p), digits);
        }
        return new Version(parts[0], parts[1], parts[2], prerelease, metadata, text);
    }

    /** The version, or null when {@code text} is not one ({@link #parse} rules). */
    public static Version tryParse(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Pre-release and build metadata after the numeric parts, which end at {@code i}. */
    private static Version finish(String text, int i, long[] parts) {
        int n = text.length();
        String prerelease = "";
        String metadata = "";
        if (i < n && text.charAt(i) == '-') {
            int plus = text.indexOf('+', i);
            prerelease = text.substring(i + 1, plus < 0 ? n : plus);
            checkIdentifiers(text, "pre-release", prerelease, true);
            i = plus < 0 ? n : plus;
        }
        if (i < n && text.charAt(i) == '+') {
            metadata = text.substring(i + 1);
            checkIdentifiers(text, "build metadata", metadata, false);
            i = n;
        }
        if (i < n) {
            String rest = text.substring(i);
            throw invalid(text, rest.startsWith(".") ? "it has more than three numeric parts"
                    : "unexpected '" + rest + "' after the numeric parts");
        }
        return new Version(parts[0], parts[1], parts[2], prerelease, metadata, text);
    }

    /** SemVer identifiers: dot-separated, non-empty, [0-9A-Za-z-]; pre-release numbers without leading zeros. */
    private static void checkIdentifiers(String text, String what, String identifiers, boolean noLeadingZeros) {
        int start = 0;
        while (true) {
            int dot = identifiers.indexOf('.', start);
            String id = identifiers.substring(start, dot < 0 ? identifiers.length() : dot);
            if (id.isEmpty()) {
                throw invalid(text, what + " '" + identifiers + "' has an empty identifier");
            }
            boolean numeric = true;
            for (int k = 0; k < id.length(); k++) {
                char c = id.charAt(k);
                if (!isIdentifierChar(c)) {
                    throw invalid(text, what + " '" + identifiers + "' has '" + c + "', only [0-9A-Za-z-] are allowed");
                }
                numeric &= isDigit(c);
            }
            if (noLeadingZeros && numeric && id.length() > 1 && id.charAt(0) == '0') {
                throw invalid(text, what + " identifier '" + id + "' is a number with a leading zero");
            }
            if (dot < 0) {
                return;
            }
            start = dot + 1;
        }
    }

    private static long number(String text, String part, String digits) {
        try {
            return Long.parseUnsignedLong(digits);
        } catch (NumberFormatException tooLarge) {
            throw invalid(text, part + " part '" + digits + "' is larger than " + Long.toUnsignedString(-1L));
        }
    }

    /** The text of the part starting at {@code from}, quoted, for an error message. */
    private static String found(String text, int from) {
        int end = from;
        while (end < text.length() && ".-+".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return end == from ? "after '" + text.substring(0, from) + "'" : "'" + text.substring(from, end) + "'";
    }

    private static String partName(int index) {
        return switch (index) {
            case 0 -> "major";
            case 1 -> "minor";
            default -> "patch";
        };
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not a semantic version: " + why);
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
