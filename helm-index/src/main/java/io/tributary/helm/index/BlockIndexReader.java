package io.tributary.helm.index;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A line-oriented reader for the block-style YAML that {@code helm repo index} and chart repository servers write:
 * indented mappings and sequences, plain, quoted and block scalars, comments, empty or one-line flow lists. It
 * allocates a fraction of what a general YAML parser does. It must read exactly what {@link GeneralIndexReader} reads,
 * so anything outside that subset, and anything Helm would refuse (a repeated key, an unknown field, a number where a
 * string belongs, a time that is not RFC 3339), makes it give up with {@link Unsupported}; the caller then reads the
 * document with the general reader, which also produces the error messages. Entries Helm skips it skips the same way,
 * through the same {@link IndexBuilder}.
 */
final class BlockIndexReader {

    /** The document uses YAML this reader does not handle (or is invalid): use the general reader. */
    static final class Unsupported extends Exception {
        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    private final BufferedReader in;
    private String line;
    private int lineIndent;
    private boolean eof;
    /** The last {@link #next()} passed blank or comment lines, which would end or change a multi-line plain scalar. */
    private boolean gap;
    /** The last scalar read was plain, so YAML 1.1 typing applies to it. */
    private boolean plain;
    private final List<String> mapKeys = new ArrayList<>();

    private BlockIndexReader(BufferedReader in) {
        this.in = in;
    }

    static HelmIndex read(BufferedReader in) throws IOException, Unsupported {
        return new BlockIndexReader(in).document();
    }

    // ---- lines --------------------------------------------------------------------------------------------------

    /** Moves to the next line that is not blank and not a comment. */
    private void next() throws IOException, Unsupported {
        gap = false;
        while (true) {
            String raw = in.readLine();
            if (raw == null) {
                eof = true;
                line = null;
                lineIndent = -1;
                return;
            }
            printable(raw, false);
            int indent = indentOf(raw);
            if (indent == raw.length() || raw.charAt(indent) == '#') {
                gap = true;
                continue;
            }
            if (indent == 0 && (raw.startsWith("---") || raw.startsWith("..."))) {
                if (raw.trim().equals("---") && line == null && !eof && lineIndent == 0) {
                    lineIndent = -2; // the first document marker is fine; remember we saw it
                    continue;
                }
                throw new Unsupported("document markers");
            }
            line = raw;
            lineIndent = indent;
            return;
        }
    }

    /** Reads raw lines (blank ones included) for block and quoted scalars; returns null at the end. */
    private String rawLine(boolean tabs) throws IOException, Unsupported {
        String raw = in.readLine();
        if (raw != null) {
            printable(raw, tabs);
        }
        return raw;
    }

    /**
     * Declines characters YAML does not allow or reads differently from a line reader: control characters, NEL and the
     * Unicode line separators (line breaks to YAML 1.1), a byte-order mark, tabs outside block scalars.
     */
    private static void printable(String raw, boolean tabs) throws Unsupported {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 ? (c != '\t' || !tabs) : c >= 0x7f && (c <= 0x9f || c == 0x2028 || c == 0x2029 || c == 0xfeff || c >= 0xfffe)) {
                throw new Unsupported("character U+" + Integer.toHexString(c));
            }
        }
    }

    private static int indentOf(String raw) {
        int indent = 0;
        while (indent < raw.length() && raw.charAt(indent) == ' ') {
            indent++;
        }
        return indent;
    }

    /** A sequence item at {@code indent}: {@code - ...} or a bare {@code -}. */
    private boolean item(int indent) {
        return !eof && lineIndent == indent && line.length() > indent && line.charAt(indent) == '-'
                && (line.length() == indent + 1 || line.charAt(indent + 1) == ' ');
    }

    // ---- structure ----------------------------------------------------------------------------------------------

    private HelmIndex document() throws IOException, Unsupported {
        next();
        String apiVersion = null;
        String generated = null;
        IndexBuilder builder = new IndexBuilder();
        long seen = 0;
        while (!eof) {
            if (lineIndent != 0) {
                throw new Unsupported("unexpected indentation at the top level");
            }
            String[] kv = keyValue(line, 0);
            IndexFields.Top field = exactTop(kv[0]);
            if (field == null || (seen & (1L << field.ordinal())) != 0) {
                throw new Unsupported("unknown or repeated top-level key");
            }
            seen |= 1L << field.ordinal();
            String rest = kv[1];
            switch (field) {
                case API_VERSION -> apiVersion = string(rest, 0);
                case GENERATED -> generated = time(rest, 0);
                case ENTRIES -> entries(rest, builder);
                case SERVER_INFO -> flatMapping(rest, 0);
                case PUBLIC_KEYS -> strings(rest, 0);
                case ANNOTATIONS -> annotations(rest, 0);
                default -> throw new Unsupported(field.name());
            }
        }
        if (apiVersion == null || apiVersion.isEmpty()) {
            throw new Unsupported("no apiVersion");
        }
        return builder.build(apiVersion, generated);
    }

    private static IndexFields.Top exactTop(String key) {
        IndexFields.Top field = IndexFields.Top.match(key);
        return field != null && field.json.equals(key) ? field : null;
    }

    private void entries(String rest, IndexBuilder builder) throws IOException, Unsupported {
        if (!rest.isEmpty()) {
            if (!rest.equals("{}") && !nullText(rest)) {
                throw new Unsupported("inline entries");
            }
            next();
            return;
        }
        next();
        if (eof || lineIndent == 0) {
            return;
        }
        int chartIndent = lineIndent;
        while (!eof && lineIndent == chartIndent) {
            String[] kv = keyValue(line, chartIndent);
            String chart = kv[0];
            if (YamlScalars.resolve(chart) != YamlScalars.Type.STRING || builder.has(chart)) {
                throw new Unsupported("a chart key that is not a string, or repeated");
            }
            builder.startChart(chart);
            if (!kv[1].isEmpty()) {
                if (!kv[1].equals("[]") && !nullText(kv[1])) {
                    throw new Unsupported("inline chart versions");
                }
                next();
            } else {
                next();
                if (!eof && (lineIndent > chartIndent || item(chartIndent))) {
                    int itemIndent = lineIndent;
                    while (item(itemIndent)) {
                        version(builder, itemIndent);
                    }
                    if (!eof && lineIndent > chartIndent) {
                        throw new Unsupported("unexpected indentation in a chart's versions");
                    }
                }
            }
            builder.endChart();
        }
        if (!eof && lineIndent != 0) {
            throw new Unsupported("unexpected indentation in entries");
        }
    }

    /** One sequence item of a chart: a mapping, {@code {}} or null; leaves the reader on the line after it. */
    private void version(IndexBuilder builder, int itemIndent) throws IOException, Unsupported {
        String content = line.length() > itemIndent + 1 ? stripComment(line.substring(itemIndent + 1)) : "";
        if (content.isEmpty() || nullText(content) || content.equals("{}")) {
            next();
            if (!eof && lineIndent > itemIndent) {
                throw new Unsupported("an item whose value starts on the next line");
            }
            if (content.equals("{}")) {
                builder.entry(new EntryDraft());
            } else {
                builder.emptyEntry();
            }
            return;
        }
        EntryDraft entry = new EntryDraft();
        long seen = 0;
        int keyIndent = itemStart(itemIndent);
        while (!eof && lineIndent == keyIndent && !item(keyIndent)) {
            String[] kv = keyValue(line, keyIndent);
            IndexFields.Version field = IndexFields.Version.exact(kv[0]);
            if (field == null || (seen & (1L << field.ordinal())) != 0) {
                throw new Unsupported("unknown or repeated key in a chart version");
            }
            seen |= 1L << field.ordinal();
            field(entry, field, kv[1], keyIndent);
        }
        if (!eof && lineIndent > itemIndent) {
            throw new Unsupported("unexpected indentation in a chart version");
        }
        builder.entry(entry);
    }

    /** Treats the item's first key, on the dash's line, as a line of its own; returns the item's key indentation. */
    private int itemStart(int itemIndent) throws Unsupported {
        int keyIndent = itemIndent + 2;
        if (line.length() <= keyIndent || line.charAt(keyIndent) == ' ') {
            throw new Unsupported("irregular sequence item indentation");
        }
        line = " ".repeat(keyIndent) + line.substring(keyIndent);
        lineIndent = keyIndent;
        return keyIndent;
    }

    private void field(EntryDraft entry, IndexFields.Version field, String rest, int keyIndent) throws IOException, Unsupported {
        switch (field.kind) {
            case META_STRING, OWN_STRING -> entry.set(field, string(rest, keyIndent));
            case META_STRINGS, OWN_STRINGS -> entry.set(field, strings(rest, keyIndent));
            case BOOL -> entry.set(field, bool(rest, keyIndent));
            case TIME -> entry.set(field, time(rest, keyIndent));
            case META_ANNOTATIONS -> annotations(rest, keyIndent);
            case MAINTAINERS -> maintainers(rest, keyIndent);
            case DEPENDENCIES -> entry.set(field, dependencies(rest, keyIndent));
            default -> throw new Unsupported(field.name());
        }
    }

    /** Reads one field of a list item; {@link #endItem} follows each item. */
    private interface ItemReader {
        void field(String key, String rest, int keyIndent) throws IOException, Unsupported;

        default void endItem() {
        }
    }

    /** A block list of mappings (maintainers, dependencies); null and flow items are left to the general reader. */
    private void mappings(String rest, int keyIndent, ItemReader reader) throws IOException, Unsupported {
        if (!rest.isEmpty()) {
            if (!rest.equals("[]") && !nullText(rest)) {
                throw new Unsupported("flow list of mappings");
            }
            next();
            return;
        }
        next();
        if (!item(keyIndent) && !(lineIndent > keyIndent && item(lineIndent))) {
            if (!eof && lineIndent > keyIndent) {
                throw new Unsupported("list expected");
            }
            return;
        }
        int itemIndent = lineIndent;
        while (item(itemIndent)) {
            String content = line.length() > itemIndent + 1 ? stripComment(line.substring(itemIndent + 1)) : "";
            if (content.isEmpty() || content.startsWith("{") || content.startsWith("[") || nullText(content)) {
                throw new Unsupported("a null or flow item");
            }
            int fieldIndent = itemStart(itemIndent);
            mapKeys.clear();
            while (!eof && lineIndent == fieldIndent && !item(fieldIndent)) {
                String[] kv = keyValue(line, fieldIndent);
                if (mapKeys.contains(kv[0])) {
                    throw new Unsupported("repeated key");
                }
                mapKeys.add(kv[0]);
                reader.field(kv[0], kv[1], fieldIndent);
            }
            if (!eof && lineIndent > itemIndent) {
                throw new Unsupported("unexpected indentation in a list item");
            }
            reader.endItem();
        }
    }

    private void maintainers(String rest, int keyIndent) throws IOException, Unsupported {
        mappings(rest, keyIndent, (key, value, indent) -> {
            IndexFields.Maintainer field = IndexFields.Maintainer.match(key);
            if (field == null || !field.json.equals(key)) {
                throw new Unsupported("maintainer field " + key);
            }
            string(value, indent);
        });
    }

    private List<EntryDraft.Dependency> dependencies(String rest, int keyIndent) throws IOException, Unsupported {
        List<EntryDraft.Dependency> dependencies = new ArrayList<>();
        mappings(rest, keyIndent, new ItemReader() {
            private String name;
            private String alias;

            @Override
            public void field(String key, String value, int indent) throws IOException, Unsupported {
                IndexFields.Dependency field = IndexFields.Dependency.match(key);
                if (field == null || !field.json.equals(key)) {
                    throw new Unsupported("dependency field " + key);
                }
                switch (field) {
                    case NAME -> name = string(value, indent);
                    case ALIAS -> alias = string(value, indent);
                    case VERSION, REPOSITORY, CONDITION -> string(value, indent);
                    case TAGS -> strings(value, indent);
                    case ENABLED -> bool(value, indent);
                    default -> throw new Unsupported("dependency field " + key);
                }
            }

            @Override
            public void endItem() {
                dependencies.add(new EntryDraft.Dependency(name, alias));
                name = null;
                alias = null;
            }
        });
        return dependencies;
    }

    /** {@code annotations}: a block mapping of string values. */
    private void annotations(String rest, int keyIndent) throws IOException, Unsupported {
        if (!rest.isEmpty()) {
            if (!rest.equals("{}") && !nullText(rest)) {
                throw new Unsupported("flow mapping");
            }
            next();
            return;
        }
        flatMapping(rest, keyIndent);
    }

    /** A mapping of string scalars one level deeper than {@code keyIndent}, keys strings and not repeated. */
    private void flatMapping(String rest, int keyIndent) throws IOException, Unsupported {
        if (!rest.isEmpty()) {
            if (!rest.equals("{}") && !nullText(rest)) {
                throw new Unsupported("flow mapping");
            }
            next();
            return;
        }
        next();
        if (eof || lineIndent <= keyIndent) {
            return;
        }
        int inner = lineIndent;
        List<String> keys = new ArrayList<>(4);
        while (!eof && lineIndent == inner) {
            if (item(inner)) {
                throw new Unsupported("list where a mapping was expected");
            }
            String[] kv = keyValue(line, inner);
            if (YamlScalars.resolve(kv[0]) != YamlScalars.Type.STRING || keys.contains(kv[0])) {
                throw new Unsupported("a key that is not a string, or repeated");
            }
            keys.add(kv[0]);
            string(kv[1], inner);
        }
        if (!eof && lineIndent > keyIndent) {
            throw new Unsupported("unexpected indentation in a mapping");
        }
    }

    // ---- typed values -------------------------------------------------------------------------------------------

    /** A Go string: a string scalar, or null for a YAML null; a number or boolean is left to the general reader. */
    private String string(String rest, int keyIndent) throws IOException, Unsupported {
        String text = scalarValue(rest, keyIndent);
        if (!plain) {
            return text;
        }
        return switch (YamlScalars.resolve(text)) {
            case STRING -> text;
            case NULL -> null;
            default -> throw new Unsupported("a number or boolean where a string belongs");
        };
    }

    private boolean bool(String rest, int keyIndent) throws IOException, Unsupported {
        String text = scalarValue(rest, keyIndent);
        YamlScalars.Type type = plain ? YamlScalars.resolve(text) : YamlScalars.Type.STRING;
        if (type == YamlScalars.Type.NULL) {
            return false;
        }
        if (type != YamlScalars.Type.BOOL) {
            throw new Unsupported("not a boolean");
        }
        return YamlScalars.bool(text);
    }

    private String time(String rest, int keyIndent) throws IOException, Unsupported {
        String text = string(rest, keyIndent);
        if (text != null && !Rfc3339.valid(text)) {
            throw new Unsupported("not an RFC 3339 time");
        }
        return text;
    }

    private static boolean nullText(String text) {
        return YamlScalars.resolve(stripComment(text)) == YamlScalars.Type.NULL;
    }

    // ---- values -------------------------------------------------------------------------------------------------

    /** Splits {@code key: rest} on a line whose key starts at {@code indent}; a comment-only rest is empty. */
    private static String[] keyValue(String line, int indent) throws Unsupported {
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
        String rest = line.substring(colon + 1).trim();
        return new String[] {key, rest.startsWith("#") ? "" : rest};
    }

    /** A scalar value starting as {@code rest} on the current line; leaves the reader after it. Sets {@link #plain}. */
    private String scalarValue(String rest, int keyIndent) throws IOException, Unsupported {
        plain = false;
        if (rest.isEmpty()) {
            next();
            if (!eof && lineIndent > keyIndent) {
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
        next();
        while (!eof && lineIndent > keyIndent) {
            String more = line.substring(lineIndent);
            if (gap || commented || more.startsWith("- ") || more.startsWith("#") || keyLike(more) || more.equals("-")) {
                throw new Unsupported("ambiguous continuation");
            }
            if (value == null) {
                value = new StringBuilder(first);
            }
            String text = stripComment(more);
            commented = text.length() != more.trim().length();
            value.append(' ').append(text);
            next();
        }
        return value == null ? first : value.toString();
    }

    private static boolean keyLike(String text) {
        return text.contains(": ") || text.endsWith(":") || text.startsWith("? ") || text.equals("?");
    }

    private static String stripComment(String text) {
        int hash = text.indexOf(" #");
        return (hash >= 0 ? text.substring(0, hash) : text).trim();
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
                    next();
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
                    next();
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
        String raw = rawLine(false);
        int blank = 0;
        while (raw != null && raw.isBlank()) {
            blank++;
            raw = rawLine(false);
        }
        if (raw == null) {
            throw new Unsupported("unterminated quoted scalar");
        }
        trimTrailing(value);
        value.append(blank == 0 ? " " : "\n".repeat(blank));
        int indent = indentOf(raw);
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
        while ((raw = rawLine(true)) != null) {
            int indent = indentOf(raw);
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
            eof = true;
            line = null;
            lineIndent = -1;
        } else {
            pushBack(pending);
        }
        return value.toString();
    }

    private void pushBack(String raw) throws IOException, Unsupported {
        printable(raw, false);
        int indent = indentOf(raw);
        if (raw.charAt(indent) == '#') {
            next();
            return;
        }
        if (indent == 0 && (raw.startsWith("---") || raw.startsWith("..."))) {
            throw new Unsupported("document markers");
        }
        line = raw;
        lineIndent = indent;
    }

    /** A list of strings: {@code []}, {@code [a, "b"]} or block items {@code - a}; a null item reads as an empty string. */
    private List<String> strings(String rest, int keyIndent) throws IOException, Unsupported {
        if (!rest.isEmpty()) {
            String flow = stripComment(rest);
            if (nullText(flow) && !flow.startsWith("[")) {
                next();
                return List.of();
            }
            if (!flow.startsWith("[") || !flow.endsWith("]")) {
                throw new Unsupported("list expected");
            }
            next();
            return flowStrings(flow.substring(1, flow.length() - 1).trim());
        }
        next();
        if (!item(keyIndent) && !(lineIndent > keyIndent && item(lineIndent))) {
            if (!eof && lineIndent > keyIndent) {
                throw new Unsupported("list expected");
            }
            return List.of();
        }
        int itemIndent = lineIndent;
        List<String> items = new ArrayList<>();
        while (item(itemIndent)) {
            String value = line.length() > itemIndent + 1 ? line.substring(itemIndent + 1).trim() : "";
            if (value.startsWith("#")) {
                value = "";
            }
            if (keyLike(value) || value.startsWith("- ") || value.equals("-")) {
                throw new Unsupported("mapping or list in a string list");
            }
            String item = string(value, itemIndent + 1);
            items.add(item == null ? "" : item);
        }
        return List.copyOf(items);
    }

    private static List<String> flowStrings(String inner) throws Unsupported {
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
