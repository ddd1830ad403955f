package io.tributary.helm.index;

import io.tributary.helm.index.BlockIndexReader.Unsupported;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The block reader's scalars: {@code key: value} splitting, plain (multi-line too), single- and double-quoted, literal
 * and folded block scalars, one-line flow lists of scalars. What a YAML parser could read differently is declined.
 */
final class BlockScalars {

    private final BlockLines src;
    /** The last scalar read was plain, so YAML 1.1 typing applies to it. */
    boolean plain;

    BlockScalars(BlockLines src) {
        this.src = src;
    }

    /** Splits {@code key: rest} on a line whose key starts at {@code indent}; a comment-only rest is empty. */
    static String[] keyValue(String line, int indent) throws Unsupported {
        int colon = line.indexOf(':', indent);
        while (colon >= 0 && colon + 1 < line.length() && line.charAt(colon + 1) != ' ') {
            colon = line.indexOf(':', colon + 1);
        }
        if (colon < 0) {
            throw new Unsupported("not a mapping key");
        }
        String key = line.substring(indent, colon);
        char first = key.isEmpty() ? ' ' : key.charAt(0);
        if (key.isEmpty() || first == '"' || first == '\'' || first == '?' || first == '-' || first == '&' || first == '*'
                || first == '!' || first == '{' || first == '[' || first == '|' || first == '>' || first == '%' || first == '@'
                || first == '`' || first == ',' || first == ']' || first == '}' || first == '#' || key.endsWith(" ")
                || key.contains(" #")) {
            throw new Unsupported("complex key");
        }
        String rest = trimmed(line, colon + 1, line.length());
        return new String[] {key, rest.startsWith("#") ? "" : rest};
    }


    /** A scalar value starting as {@code rest} on the current line; leaves the reader after it. Sets {@link #plain}. */
    String scalarValue(String rest, int keyIndent) throws IOException, Unsupported {
        plain = false;
        if (rest.isEmpty()) {
            src.next();
            if (!src.eof && src.lineIndent > keyIndent) {
                throw new Unsupported("nested value where a scalar was expected");
            }
            plain = true;
            return "";
        }
        char first = rest.charAt(0);
        switch (first) {
            case '&', '*', '!', '{', '[', '%', '@', '`', ',', ']', '}' -> throw new Unsupported("anchor, alias, tag or flow value");
            case '|', '>' -> {
                return blockScalar(rest, keyIndent);
            }
            case '"' -> {
                return doubleQuoted(rest, keyIndent);
            }
            case '\'' -> {
                return singleQuoted(rest, keyIndent);
            }
            default -> {
                String text = plain(rest, keyIndent);
                plain = true;
                return text;
            }
        }
    }


    private String plain(String rest, int keyIndent) throws IOException, Unsupported {
        String first = stripComment(rest);
        if (first.startsWith("- ") || first.startsWith("? ") || first.startsWith(": ") || first.contains(": ") || first.endsWith(":")
                || first.equals("-") || first.equals("?")) {
            throw new Unsupported("plain scalar that a YAML parser could read differently");
        }
        boolean commented = first.length() != rest.length();
        StringBuilder value = null;
        src.next();
        while (!src.eof && src.lineIndent > keyIndent) {
            String more = src.line.substring(src.lineIndent);
            if (src.gap || commented || more.startsWith("- ") || more.startsWith("#") || keyLike(more) || more.equals("-")) {
                throw new Unsupported("ambiguous continuation");
            }
            if (value == null) {
                value = new StringBuilder(first);
            }
            String text = stripComment(more);
            commented = text.length() != more.trim().length();
            value.append(' ').append(text);
            src.next();
        }
        return value == null ? first : value.toString();
    }


    static boolean keyLike(String text) {
        return text.contains(": ") || text.endsWith(":") || text.startsWith("? ") || text.equals("?");
    }


    static String stripComment(String text) {
        int hash = text.indexOf(" #");
        return trimmed(text, 0, hash >= 0 ? hash : text.length());
    }

    /** {@code text.substring(from, to).trim()} with one copy at most. */
    static String trimmed(String text, int from, int to) {
        while (from < to && text.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && text.charAt(to - 1) <= ' ') {
            to--;
        }
        return from == 0 && to == text.length() ? text : text.substring(from, to);
    }


    private String doubleQuoted(String rest, int keyIndent) throws IOException, Unsupported {
        StringBuilder value = new StringBuilder();
        String text = rest.substring(1);
        while (true) {
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '"') {
                    if (!stripComment(text.substring(i + 1)).isEmpty()) {
                        throw new Unsupported("text after a closing quote");
                    }
                    src.next();
                    return value.toString();
                }
                if (c == '\\') {
                    if (i + 1 >= text.length()) {
                        throw new Unsupported("escaped line break");
                    }
                    char e = text.charAt(++i);
                    switch (e) {
                        case '"', '\\' -> value.append(e);
                        case 'n' -> value.append('\n');
                        case 't' -> value.append('\t');
                        case 'u' -> {
                            if (i + 4 >= text.length()) {
                                throw new Unsupported("short unicode escape");
                            }
                            int code = 0;
                            for (int h = i + 1; h <= i + 4; h++) {
                                int digit = Character.digit(text.charAt(h), 16);
                                if (digit < 0 || text.charAt(h) > 'f') {
                                    throw new Unsupported("bad unicode escape");
                                }
                                code = code * 16 + digit;
                            }
                            if (Character.isSurrogate((char) code)) {
                                throw new Unsupported("surrogate escape");
                            }
                            value.append((char) code);
                            i += 4;
                        }
                        default -> throw new Unsupported("escape \\" + e);
                    }
                } else {
                    value.append(c);
                }
                i++;
            }
            text = continuation(value, keyIndent);
        }
    }


    private String singleQuoted(String rest, int keyIndent) throws IOException, Unsupported {
        StringBuilder value = new StringBuilder();
        String text = rest.substring(1);
        while (true) {
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '\'') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                        value.append('\'');
                        i += 2;
                        continue;
                    }
                    if (!stripComment(text.substring(i + 1)).isEmpty()) {
                        throw new Unsupported("text after a closing quote");
                    }
                    src.next();
                    return value.toString();
                }
                value.append(c);
                i++;
            }
            text = continuation(value, keyIndent);
        }
    }


    /**
     * A quoted scalar goes on to the next line: the line break folds to a space, empty lines to newlines. Returns the
     * next line's text without its indentation, which must be deeper than the key's.
     */
    private String continuation(StringBuilder value, int keyIndent) throws IOException, Unsupported {
        String raw = src.rawLine(false);
        int blank = 0;
        while (raw != null && raw.isBlank()) {
            blank++;
            raw = src.rawLine(false);
        }
        if (raw == null) {
            throw new Unsupported("unterminated quoted scalar");
        }
        trimTrailing(value);
        value.append(blank == 0 ? " " : "\n".repeat(blank));
        int indent = BlockLines.indentOf(raw);
        if (indent <= keyIndent) {
            throw new Unsupported("under-indented quoted continuation");
        }
        return raw.substring(indent);
    }


    private static void trimTrailing(StringBuilder value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == ' ') {
            end--;
        }
        value.setLength(end);
    }


    /** {@code |} or {@code >} with an optional chomping indicator; content lines are indented more than the key. */
    private String blockScalar(String header, int keyIndent) throws IOException, Unsupported {
        String indicator = stripComment(header);
        boolean literal = indicator.charAt(0) == '|';
        char chomp = indicator.length() > 1 ? indicator.charAt(1) : ' ';
        if (indicator.length() > 2 || (chomp != ' ' && chomp != '-' && chomp != '+')) {
            throw new Unsupported("block scalar indentation indicator");
        }
        List<String> lines = new ArrayList<>();
        int contentIndent = -1;
        String raw;
        String pending = null;
        while ((raw = src.rawLine(true)) != null) {
            int indent = BlockLines.indentOf(raw);
            if (indent == raw.length()) {
                lines.add("");
                continue;
            }
            if (contentIndent < 0) {
                if (indent <= keyIndent) {
                    pending = raw;
                    break;
                }
                if (raw.charAt(indent) == '\t') {
                    throw new Unsupported("tab in a block scalar's indentation");
                }
                contentIndent = indent;
            }
            if (indent < contentIndent) {
                pending = raw;
                break;
            }
            lines.add(raw.substring(contentIndent));
        }
        int trailing = 0;
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
            trailing++;
        }
        if (contentIndent < 0 && !lines.isEmpty()) {
            throw new Unsupported("blank lines only");
        }
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (i > 0) {
                boolean fold = !literal && !l.isEmpty() && !lines.get(i - 1).isEmpty() && !l.startsWith(" ") && !lines.get(i - 1).startsWith(" ")
                        && !l.startsWith("\t") && !lines.get(i - 1).startsWith("\t");
                value.append(fold ? ' ' : '\n');
            }
            value.append(l);
        }
        if (!lines.isEmpty()) {
            if (chomp == '+') {
                value.append("\n".repeat(trailing + 1));
            } else if (chomp == ' ') {
                value.append('\n');
            }
        } else if (chomp == '+' && trailing > 0) {
            throw new Unsupported("kept blank lines only");
        }
        if (!literal && value.indexOf("\n\n") >= 0) {
            throw new Unsupported("folded scalar with blank lines");
        }
        // continue with the line that ended the scalar
        if (pending == null) {
            src.end();
        } else {
            src.pushBack(pending);
        }
        return value.toString();
    }


    static List<String> flowStrings(String inner) throws Unsupported {
        if (inner.isEmpty()) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String item : inner.split(",", -1)) {
            String t = item.trim();
            if (t.isEmpty() || "[]{}&*!|>%@`#?-:,".indexOf(t.charAt(0)) >= 0 || t.contains(": ") || t.endsWith(":") || t.contains(" #")
                    || t.indexOf('?') >= 0 || t.indexOf('[') >= 0 || t.indexOf(']') >= 0 || t.indexOf('{') >= 0 || t.indexOf('}') >= 0) {
                throw new Unsupported("complex flow list");
            }
            if (t.charAt(0) == '"' || t.charAt(0) == '\'') {
                char quote = t.charAt(0);
                if (t.length() < 2 || t.charAt(t.length() - 1) != quote || t.indexOf('\\') >= 0 || t.indexOf(quote, 1) != t.length() - 1) {
                    throw new Unsupported("complex quoted flow item");
                }
                items.add(t.substring(1, t.length() - 1));
                continue;
            }
            switch (YamlScalars.resolve(t)) {
                case STRING -> items.add(t);
                case NULL -> items.add("");
                default -> throw new Unsupported("a number or boolean in a string list");
            }
        }
        return List.copyOf(items);
    }
}
