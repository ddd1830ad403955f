package io.tributary.helm.index;

/**
 * Helm's text rules for chart metadata: {@code sanitizeString} (pkg/chart/v2/metadata.go) turns every Unicode space
 * into a plain space and drops what Go's {@code unicode.IsPrint} rejects; {@link #quote} is Go's {@code %q} for the
 * messages that name a value.
 */
final class ChartText {

    private ChartText() {
    }

    static String sanitize(String text) {
        if (text == null || plainAscii(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (isSpace(cp)) {
                out.append(' ');
            } else if (isPrint(cp)) {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static boolean plainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code unicode.IsSpace}. */
    static boolean isSpace(int cp) {
        if (cp <= 0xff) {
            return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xa0;
        }
        return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f
                || cp == 0x3000;
    }

    /** Go's {@code unicode.IsPrint} for everything that is not a space: letters, marks, numbers, punctuation, symbols. */
    static boolean isPrint(int cp) {
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
                    Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> cp == ' ';
        };
    }

    /** Go's {@code strconv.Quote}, as Helm's {@code %q} messages print a value. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case 0x0b -> out.append("\\v");
                default -> {
                    if (cp == ' ' || (!isSpace(cp) && isPrint(cp))) {
                        out.appendCodePoint(cp);
                    } else if (cp < 0x10000) {
                        out.append(cp < 0x80 ? String.format("\\x%02x", cp) : String.format("\\u%04x", cp));
                    } else {
                        out.append(String.format("\\U%08x", cp));
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
