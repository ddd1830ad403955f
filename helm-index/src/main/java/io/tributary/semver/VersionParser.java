package io.tributary.semver;

/**
 * Masterminds/semver v3's two version readers, by hand: {@code NewVersion} (coercing, the
 * {@code v?N(.N)?(.N)?(-pre)?(+meta)?} grammar with leading zeros tolerated in the numbers) and
 * {@code StrictNewVersion}. A failure returns null and, when {@code why} is given, puts the reason in {@code why[0]};
 * nothing throws, so skipping the many tags that are no version stays cheap.
 */
final class VersionParser {

    private static final String MAX = Long.toUnsignedString(-1L);

    private VersionParser() {
    }

    /** {@code NewVersion}: 1.2 is 1.2.0, v1.2.3 and 01.02.03 read. */
    static Version coerce(String text, String[] why) {
        if (text == null || text.isEmpty()) {
            return fail(why, "version is empty");
        }
        int n = text.length();
        int i = text.charAt(0) == 'v' ? 1 : 0;
        long[] parts = new long[3];
        int count = 0;
        while (true) {
            int start = i;
            while (i < n && Version.isDigit(text.charAt(i))) {
                i++;
            }
            if (i == start) {
                return why == null ? null : fail(why, count == 0 ? "it must start with a number (a 'v' may come first)"
                        : partName(count) + " part " + found(text, start) + " is not a number");
            }
            if (!number(text, start, i, parts, count)) {
                return why == null ? null : fail(why, partName(count) + " part '" + text.substring(start, i) + "' is larger than " + MAX);
            }
            count++;
            if (count == 3 || i == n || text.charAt(i) != '.') {
                break;
            }
            i++;
        }
        String prerelease = "";
        String metadata = "";
        if (i < n && text.charAt(i) == '-') {
            int plus = text.indexOf('+', i);
            int end = plus < 0 ? n : plus;
            prerelease = text.substring(i + 1, end);
            if (!identifiers("pre-release", prerelease, true, why)) {
                return null;
            }
            i = end;
        }
        if (i < n && text.charAt(i) == '+') {
            metadata = text.substring(i + 1);
            if (!identifiers("build metadata", metadata, false, why)) {
                return null;
            }
            i = n;
        }
        if (i < n) {
            return why == null ? null : fail(why, text.charAt(i) == '.' ? "it has more than three numeric parts"
                    : "unexpected '" + text.substring(i) + "' after the numeric parts");
        }
        return new Version(parts[0], parts[1], parts[2], prerelease, metadata, text);
    }

    /** {@code StrictNewVersion}: exactly {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}, as SemVer 2.0 spells it. */
    static Version strict(String text, String[] why) {
        if (text == null || text.isEmpty()) {
            return fail(why, "version is empty");
        }
        int firstDot = text.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : text.indexOf('.', firstDot + 1);
        if (secondDot < 0) {
            return fail(why, "a strict semantic version has three parts, MAJOR.MINOR.PATCH");
        }
        int patchEnd = text.length();
        String metadata = "";
        String prerelease = "";
        int plus = text.indexOf('+', secondDot);
        if (plus >= 0) {
            metadata = text.substring(plus + 1);
            patchEnd = plus;
            if (!identifiers("build metadata", metadata, false, why)) {
                return null;
            }
        }
        int dash = text.indexOf('-', secondDot);
        if (dash >= 0 && dash < patchEnd) {
            prerelease = text.substring(dash + 1, patchEnd);
            patchEnd = dash;
            if (!identifiers("pre-release", prerelease, true, why)) {
                return null;
            }
        }
        int[] bounds = {0, firstDot, firstDot + 1, secondDot, secondDot + 1, patchEnd};
        long[] parts = new long[3];
        for (int p = 0; p < 3; p++) {
            int from = bounds[2 * p];
            int to = bounds[2 * p + 1];
            String digits = text.substring(from, to);
            if (from == to || !digits.chars().allMatch(Version::isDigit)) {
                return why == null ? null : fail(why, partName(p) + " part '" + digits + "' is not a number"
                        + (p == 0 && digits.startsWith("v") ? " (a strict version has no 'v' prefix)" : ""));
            }
            if (to - from > 1 && text.charAt(from) == '0') {
                return why == null ? null : fail(why, partName(p) + " part '" + digits + "' has a leading zero");
            }
            if (!number(text, from, to, parts, p)) {
                return why == null ? null : fail(why, partName(p) + " part '" + digits + "' is larger than " + MAX);
            }
        }
        return new Version(parts[0], parts[1], parts[2], prerelease, metadata, text);
    }

    /** SemVer identifiers: dot-separated, non-empty, [0-9A-Za-z-]; pre-release numbers without leading zeros. */
    private static boolean identifiers(String what, String ids, boolean noLeadingZeros, String[] why) {
        int start = 0;
        int n = ids.length();
        while (true) {
            int end = start;
            boolean numeric = true;
            while (end < n && ids.charAt(end) != '.') {
                char c = ids.charAt(end);
                if (!Version.isIdentifierChar(c)) {
                    if (why != null) {
                        why[0] = what + " '" + ids + "' has '" + c + "', only [0-9A-Za-z-] are allowed";
                    }
                    return false;
                }
                numeric &= Version.isDigit(c);
                end++;
            }
            if (end == start) {
                if (why != null) {
                    why[0] = what + " '" + ids + "' has an empty identifier";
                }
                return false;
            }
            if (noLeadingZeros && numeric && end - start > 1 && ids.charAt(start) == '0') {
                if (why != null) {
                    why[0] = what + " identifier '" + ids.substring(start, end) + "' is a number with a leading zero";
                }
                return false;
            }
            if (end == n) {
                return true;
            }
            start = end + 1;
        }
    }

    /** Puts the digits into {@code parts[index]} as an unsigned 64-bit number; false when they do not fit. */
    private static boolean number(String text, int from, int to, long[] parts, int index) {
        long value = 0;
        for (int k = from; k < to; k++) {
            int digit = text.charAt(k) - '0';
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                return false;
            }
            value = value * 10 + digit;
        }
        parts[index] = value;
        return true;
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

    /** Records the reason (when asked) and returns null, the failed result. */
    private static Version fail(String[] why, String reason) {
        if (why != null) {
            why[0] = reason;
        }
        return null;
    }
}
