package io.tributary.semver;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How Masterminds/semver v3 cuts a constraint string into comparators, written out by hand instead of its regular
 * expressions but matching them character for character: hyphen ranges are rewritten first (anywhere in the string,
 * so they combine with other comparators), then the text is split on {@code ||}, and each alternative must be a list
 * of {@code [operator] [spaces] version} terms separated by spaces or a comma.
 *
 * <p>A term's version is {@code v?P(.P)?(.P)?(-ids)?(+ids)?} where a part {@code P} is any run of digits, {@code x},
 * {@code X}, {@code *} or {@code |}; whether a part is a proper number or wildcard is checked when the term becomes a
 * {@link Comparator}.
 */
final class ConstraintSyntax {

    /** The operators, {@code ""} being the bare version. */
    static final Set<String> OPERATORS = Set.of("", "=", "!=", ">", "<", ">=", "=>", "<=", "=<", "~", "~>", "^");

    /**
     * One term as written.
     *
     * @param operator as written, {@code ""} when there is none
     * @param version the version text ({@code v1.2.x-rc.1+b})
     * @param major the first part; {@code minor} and {@code patch} are {@code ""} when absent
     * @param prerelease without its {@code -}, {@code ""} when absent
     */
    record Term(String operator, String version, String major, String minor, String patch, String prerelease) {
    }

    private ConstraintSyntax() {
    }

    /** The terms of one {@code ||} alternative; throws IllegalArgumentException saying what is wrong where. */
    static List<Term> terms(String alternative) {
        List<Term> terms = new ArrayList<>();
        int n = alternative.length();
        int i = skipSpaces(alternative, 0);
        if (i == n) {
            throw new IllegalArgumentException("an alternative between '||' is empty");
        }
        while (true) {
            int opStart = i;
            while (i < n && "=!<>~^".indexOf(alternative.charAt(i)) >= 0) {
                i++;
            }
            String op = alternative.substring(opStart, i);
            if (!OPERATORS.contains(op)) {
                throw new IllegalArgumentException("unknown operator '" + op + "'");
            }
            i = skipSpaces(alternative, i);
            int[] v = scanVersion(alternative, i);
            if (v == null) {
                throw new IllegalArgumentException(i == n ? "operator '" + op + "' has no version after it"
                        : "'" + word(alternative, i) + "' is not a version");
            }
            terms.add(term(op, alternative, v));
            int end = v[V_END];
            int next = skipSpaces(alternative, end);
            if (next == n) {
                return terms;
            }
            if (alternative.charAt(next) == ',') {
                next = skipSpaces(alternative, next + 1);
                if (next == n) {
                    throw new IllegalArgumentException("nothing follows the last ','");
                }
            } else if (next == end) {
                throw new IllegalArgumentException("'" + word(alternative, opStart) + "' is not a version (terms are"
                        + " separated by a space or ',')");
            }
            i = next;
        }
    }

    /**
     * Rewrites each hyphen range {@code A - B} (spaces around the hyphen required) into {@code >= A, <= B }, the way
     * Masterminds does: ranges are found left to right, then each found text is replaced where it first occurs.
     */
    static String rewriteRange(String text) {
        List<String[]> ranges = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            String[] range = rangeAt(text, pos);
            if (range == null) {
                pos++;
            } else {
                ranges.add(range);
                pos += range[0].length();
            }
        }
        String out = text;
        for (String[] range : ranges) {
            int at = out.indexOf(range[0]);
            if (at >= 0) {
                out = out.substring(0, at) + ">= " + range[1] + ", <= " + range[2] + " " + out.substring(at + range[0].length());
            }
        }
        return out;
    }

    /** {@code [matched text, lower, upper]} of a range starting exactly at {@code pos}, or null. */
    private static String[] rangeAt(String s, int pos) {
        int lowerStart = skipSpaces(s, pos);
        int[] lower = scanVersion(s, lowerStart);
        if (lower == null) {
            return null;
        }
        int dash = skipSpaces(s, lower[V_END]);
        if (dash == lower[V_END] || dash >= s.length() || s.charAt(dash) != '-') {
            return null;
        }
        int upperStart = skipSpaces(s, dash + 1);
        if (upperStart == dash + 1) {
            return null;
        }
        int[] upper = scanVersion(s, upperStart);
        if (upper == null) {
            return null;
        }
        int end = skipSpaces(s, upper[V_END]);
        return new String[] {s.substring(pos, end), s.substring(lowerStart, lower[V_END]), s.substring(upperStart, upper[V_END])};
    }

    /** A wildcard part: {@code x}, {@code X} or {@code *}. */
    static boolean isX(String part) {
        return part.equals("x") || part.equals("X") || part.equals("*");
    }

    // Offsets returned by scanVersion.
    private static final int V_START = 0;
    private static final int V_MAJOR = 1;
    private static final int V_MAJOR_END = 2;
    private static final int V_MINOR_END = 3;
    private static final int V_PATCH_END = 4;
    private static final int V_PRE_END = 5;
    private static final int V_END = 6;

    /** Scans a version greedily from {@code from}; null when none starts there. */
    private static int[] scanVersion(String s, int from) {
        int n = s.length();
        int i = from < n && s.charAt(from) == 'v' ? from + 1 : from;
        int majorStart = i;
        i = skipParts(s, i);
        if (i == majorStart) {
            return null;
        }
        int majorEnd = i;
        if (i + 1 < n && s.charAt(i) == '.' && isPartChar(s.charAt(i + 1))) {
            i = skipParts(s, i + 1);
        }
        int minorEnd = i;
        if (minorEnd > majorEnd && i + 1 < n && s.charAt(i) == '.' && isPartChar(s.charAt(i + 1))) {
            i = skipParts(s, i + 1);
        }
        int patchEnd = i;
        i = skipIdentifiers(s, i, '-');
        int preEnd = i;
        i = skipIdentifiers(s, i, '+');
        return new int[] {from, majorStart, majorEnd, minorEnd, patchEnd, preEnd, i};
    }

    private static Term term(String op, String s, int[] v) {
        String minor = v[V_MINOR_END] > v[V_MAJOR_END] ? s.substring(v[V_MAJOR_END] + 1, v[V_MINOR_END]) : "";
        String patch = v[V_PATCH_END] > v[V_MINOR_END] ? s.substring(v[V_MINOR_END] + 1, v[V_PATCH_END]) : "";
        String pre = v[V_PRE_END] > v[V_PATCH_END] ? s.substring(v[V_PATCH_END] + 1, v[V_PRE_END]) : "";
        return new Term(op, s.substring(v[V_START], v[V_END]), s.substring(v[V_MAJOR], v[V_MAJOR_END]), minor, patch, pre);
    }

    /** {@code (<lead>ids(.ids)*)?}: a lead char followed by dot-separated identifiers, greedy. */
    private static int skipIdentifiers(String s, int i, char lead) {
        int n = s.length();
        if (i + 1 >= n || s.charAt(i) != lead || !Version.isIdentifierChar(s.charAt(i + 1))) {
            return i;
        }
        i++;
        while (true) {
            while (i < n && Version.isIdentifierChar(s.charAt(i))) {
                i++;
            }
            if (i + 1 < n && s.charAt(i) == '.' && Version.isIdentifierChar(s.charAt(i + 1))) {
                i++;
            } else {
                return i;
            }
        }
    }

    private static int skipParts(String s, int i) {
        while (i < s.length() && isPartChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Masterminds' version-part character class {@code [0-9|x|X|\*]}, which lets {@code |} through. */
    private static boolean isPartChar(char c) {
        return Version.isDigit(c) || c == 'x' || c == 'X' || c == '*' || c == '|';
    }

    /** Go's {@code \s}: tab, newline, form feed, carriage return, space. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The text from {@code from} to the next space or comma, for error messages. */
    private static String word(String s, int from) {
        int end = from;
        while (end < s.length() && !isSpace(s.charAt(end)) && s.charAt(end) != ',') {
            end++;
        }
        return s.substring(from, end);
    }
}
