package io.tributary.helm.index;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * What Helm's YAML stack makes of a scalar: go-yaml v2 resolves a plain (unquoted, untagged) scalar by YAML 1.1 rules
 * ({@code resolve.go}), and sigs.k8s.io/yaml turns a number or boolean back into a string only where the Go field it
 * lands in is a plain string of the struct being decoded ({@code convertToJSONableObject}). Timestamps stay strings.
 */
final class YamlScalars {

    enum Type { NULL, BOOL, INT, FLOAT, STRING }

    private static final Pattern YAML_FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    private static final Pattern DOT_FLOAT = Pattern.compile("^\\.[0-9]+([eE][-+]?[0-9]+)?$");
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private YamlScalars() {
    }

    /** The type go-yaml v2 gives a plain scalar. */
    static Type resolve(String plain) {
        if (plain.isEmpty()) {
            return Type.NULL;
        }
        char first = plain.charAt(0);
        if (first == '+' || first == '-' || (first >= '0' && first <= '9')) {
            Type special = special(plain);
            return special != null ? special : number(plain);
        }
        if (first == '.') {
            Type special = special(plain);
            if (special != null) {
                return special;
            }
            return DOT_FLOAT.matcher(plain).matches() && Double.isFinite(Double.parseDouble(plain)) ? Type.FLOAT : Type.STRING;
        }
        if ("yYnNtTfFoO~".indexOf(first) >= 0) {
            Type special = special(plain);
            return special != null ? special : Type.STRING;
        }
        return Type.STRING;
    }

    /** The value of a plain scalar that resolves to {@link Type#BOOL}. */
    static boolean bool(String plain) {
        return switch (plain) {
            case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON" -> true;
            default -> false;
        };
    }

    private static Type special(String plain) {
        return switch (plain) {
            case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
                    "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF" -> Type.BOOL;
            case "~", "null", "Null", "NULL" -> Type.NULL;
            case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF" -> Type.FLOAT;
            default -> null;
        };
    }

    private static Type number(String in) {
        String plain = in.indexOf('_') >= 0 ? in.replace("_", "") : in;
        if (integer(plain) != null) {
            return Type.INT;
        }
        if (floatShaped(plain) && YAML_FLOAT.matcher(plain).matches() && Double.isFinite(Double.parseDouble(plain))) {
            return Type.FLOAT;
        }
        return Type.STRING;
    }

    /** A cheap first look before the float pattern: versions (two dots) and times (letters) are strings. */
    private static boolean floatShaped(String plain) {
        int dots = 0;
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (c == '.') {
                dots++;
            } else if ((c < '0' || c > '9') && c != 'e' && c != 'E' && c != '+' && c != '-') {
                return false;
            }
        }
        return dots <= 1;
    }

    /** Go's {@code strconv.ParseInt(s, 0, 64)}, then {@code ParseUint(s, 0, 64)}: the value, or null when neither parses. */
    static BigInteger integer(String plain) {
        if (plain.isEmpty()) {
            return null;
        }
        boolean negative = false;
        String digits = plain;
        char sign = plain.charAt(0);
        if (sign == '+' || sign == '-') {
            negative = sign == '-';
            digits = plain.substring(1);
        }
        BigInteger value = unsigned(digits);
        if (value == null) {
            return null;
        }
        if (negative) {
            value = value.negate();
            return value.compareTo(INT64_MIN) >= 0 ? value : null;
        }
        if (value.compareTo(INT64_MAX) <= 0 || (sign != '+' && value.compareTo(UINT64_MAX) <= 0)) {
            return value;
        }
        return null;
    }

    /** Go's base-0 prefixes: 0b, 0o, 0x, a leading 0 for octal. */
    private static BigInteger unsigned(String s) {
        if (s.isEmpty()) {
            return null;
        }
        int radix = 10;
        String digits = s;
        if (s.charAt(0) == '0') {
            char p = s.length() >= 3 ? Character.toLowerCase(s.charAt(1)) : ' ';
            if (p == 'b' || p == 'o' || p == 'x') {
                radix = p == 'b' ? 2 : p == 'o' ? 8 : 16;
                digits = s.substring(2);
            } else {
                radix = 8;
                digits = s.substring(1);
                if (digits.isEmpty()) {
                    return BigInteger.ZERO;
                }
            }
        }
        return parse(digits, radix);
    }

    private static BigInteger parse(String digits, int radix) {
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0 || digits.charAt(i) > 'z') {
                return null;
            }
        }
        BigInteger value = new BigInteger(digits, radix);
        return value.compareTo(UINT64_MAX) <= 0 ? value : null;
    }

    /**
     * The string sigs.k8s.io/yaml writes for a non-string plain scalar going into a Go string: integers in decimal, floats
     * as {@code strconv.FormatFloat(f, 'g', -1, 32)}, booleans as true/false.
     */
    static String asString(Type type, String plain) {
        return switch (type) {
            case BOOL -> Boolean.toString(bool(plain));
            case INT -> integer(plain.replace("_", "")).toString();
            case FLOAT -> formatFloat32(floatValue(plain));
            default -> plain;
        };
    }

    static double floatValue(String plain) {
        return switch (plain) {
            case ".nan", ".NaN", ".NAN" -> Double.NaN;
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF" -> Double.POSITIVE_INFINITY;
            case "-.inf", "-.Inf", "-.INF" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(plain.replace("_", ""));
        };
    }

    /** Go's shortest {@code 'g'} formatting of a float32, with sigs.k8s.io/yaml's names for the specials. */
    static String formatFloat32(double value) {
        float f = (float) value;
        if (Float.isNaN(f)) {
            return ".nan";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? ".inf" : "-.inf";
        }
        if (f == 0) {
            return Float.floatToRawIntBits(f) < 0 ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(f);
        BigDecimal shortest = exact;
        for (int precision = 1; precision <= 9; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.floatValue() == f) {
                shortest = candidate;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int pointAt = digits.length() - shortest.scale(); // digits[0:pointAt] . digits[pointAt:]
        int exponent = pointAt - 1;
        StringBuilder out = new StringBuilder(f < 0 ? "-" : "");
        if (exponent < -4 || exponent >= 6) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            out.append(abs < 10 ? "0" : "").append(abs);
        } else if (pointAt <= 0) {
            out.append("0.").append("0".repeat(-pointAt)).append(digits);
        } else if (pointAt >= digits.length()) {
            out.append(digits).append("0".repeat(pointAt - digits.length()));
        } else {
            out.append(digits, 0, pointAt).append('.').append(digits, pointAt, digits.length());
        }
        return out.toString();
    }
}
