package io.tributary.helm.index;

import io.tributary.semver.Version;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A line-oriented reader for the block-style YAML that {@code helm repo index} and chart repository servers write:
 * indented mappings and sequences, plain, quoted and block scalars, comments, empty or one-line flow collections. It
 * allocates a fraction of what a general YAML parser does. Anything outside that subset (anchors, aliases, tags,
 * multi-line flow collections, tabs, several documents, invalid entries) makes it give up with {@link Unsupported}, and
 * the caller reads the document with the general parser instead, which also produces the error messages.
 */
final class BlockIndexReader {

    /** The document uses YAML this reader does not handle (or is invalid): use the general parser. */
    static final class Unsupported extends Exception {
        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    private final BufferedReader in;
    private String line;
    private int lineIndent;
    private boolean eof;

    private BlockIndexReader(BufferedReader in) {
        this.in = in;
    }

    static HelmIndex read(BufferedReader in) throws IOException, Unsupported {
        BlockIndexReader reader = new BlockIndexReader(in);
        return reader.document();
    }

    // ---- lines --------------------------------------------------------------------------------------------------

    /** Moves to the next line that is not blank and not a comment. */
    private void next() throws IOException, Unsupported {
        while (true) {
            String raw = in.readLine();
            if (raw == null) {
                eof = true;
                line = null;
                lineIndent = -1;
                return;
            }
            if (!raw.isEmpty() && raw.charAt(raw.length() - 1) == '\r') {
                raw = raw.substring(0, raw.length() - 1);
            }
            int indent = 0;
            while (indent < raw.length() && raw.charAt(indent) == ' ') {
                indent++;
            }
            if (indent < raw.length() && raw.charAt(indent) == '\t') {
                throw new Unsupported("tab indentation");
            }
            if (indent == raw.length() || raw.charAt(indent) == '#') {
                continue;
            }
            if (indent == 0 && (raw.startsWith("---") || raw.startsWith("..."))) {
                if (raw.startsWith("---") && line == null && !eof && lineIndent == 0 && raw.trim().equals("---")) {
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

    /** Reads raw lines (blank ones included) for block scalars; returns null at the end. */
    private String rawLine() throws IOException {
        String raw = in.readLine();
        if (raw != null && !raw.isEmpty() && raw.charAt(raw.length() - 1) == '\r') {
            raw = raw.substring(0, raw.length() - 1);
        }
        return raw;
    }

    // ---- structure ----------------------------------------------------------------------------------------------

    private HelmIndex document() throws IOException, Unsupported {
        next();
        String apiVersion = null;
        String generated = null;
        Map<String, List<ChartVersion>> charts = null;
        while (!eof) {
            if (lineIndent != 0) {
                throw new Unsupported("unexpected indentation at the top level");
            }
            String[] kv = keyValue(line, 0);
            String key = kv[0];
            String rest = kv[1];
            switch (key) {
                case "apiVersion" -> apiVersion = scalarValue(rest, 0);
                case "generated" -> generated = scalarValue(rest, 0);
                case "entries" -> {
                    if (!rest.isEmpty()) {
                        if (rest.equals("{}")) {
                            charts = new TreeMap<>();
                            next();
                            continue;
                        }
                        throw new Unsupported("inline entries");
                    }
                    charts = entries();
                }
                default -> skipValue(rest, 0);
            }
        }
        if (apiVersion == null || apiVersion.isBlank() || charts == null) {
            throw new Unsupported("no apiVersion or no entries");
        }
        return new HelmIndex(apiVersion, generated, charts);
    }

    private Map<String, List<ChartVersion>> entries() throws IOException, Unsupported {
        next();
        Map<String, List<ChartVersion>> charts = new TreeMap<>();
        if (eof || lineIndent == 0) {
            return charts;
        }
        int chartIndent = lineIndent;
        while (!eof && lineIndent == chartIndent) {
            String[] kv = keyValue(line, chartIndent);
            if (!kv[1].isEmpty()) {
                throw new Unsupported("inline chart versions");
            }
            String chart = kv[0];
            next();
            List<ChartVersion> versions = new ArrayList<>();
            if (!eof && (lineIndent > chartIndent || (lineIndent == chartIndent && line.startsWith("- ", chartIndent)))) {
                int itemIndent = lineIndent;
                while (!eof && lineIndent == itemIndent && line.startsWith("- ", itemIndent)) {
                    versions.add(version(chart, itemIndent));
                }
            }
            if (charts.put(chart, sort(versions)) != null) {
                throw new Unsupported("duplicate chart key");
            }
        }
        if (!eof && lineIndent != 0) {
            throw new Unsupported("unexpected indentation in entries");
        }
        return charts;
    }

    private static List<ChartVersion> sort(List<ChartVersion> versions) {
        versions.sort(Comparator.comparing(ChartVersion::semver).reversed());
        return List.copyOf(versions);
    }

    /** One {@code - key: value ...} sequence item; leaves the reader on the line after it. */
    private ChartVersion version(String chart, int itemIndent) throws IOException, Unsupported {
        int keyIndent = itemIndent + 2;
        // the item's first key shares the line with the dash: treat it as a line at keyIndent
        line = " ".repeat(keyIndent) + line.substring(itemIndent + 2);
        lineIndent = keyIndent;
        while (lineIndent < line.length() && line.charAt(lineIndent) == ' ') {
            throw new Unsupported("irregular sequence item indentation");
        }
        String name = null, version = null, appVersion = null, description = null, digest = null, created = null, home = null, icon = null;
        List<String> urls = List.of();
        List<String> keywords = List.of();
        boolean deprecated = false;
        while (!eof && lineIndent == keyIndent && !line.startsWith("- ", keyIndent)) {
            String[] kv = keyValue(line, keyIndent);
            String rest = kv[1];
            switch (kv[0]) {
                case "name" -> name = scalarValue(rest, keyIndent);
                case "version" -> version = scalarValue(rest, keyIndent);
                case "appVersion" -> appVersion = scalarValue(rest, keyIndent);
                case "description" -> description = scalarValue(rest, keyIndent);
                case "digest" -> digest = scalarValue(rest, keyIndent);
                case "created" -> created = scalarValue(rest, keyIndent);
                case "home" -> home = scalarValue(rest, keyIndent);
                case "icon" -> icon = scalarValue(rest, keyIndent);
                case "deprecated" -> deprecated = "true".equals(scalarValue(rest, keyIndent));
                case "urls" -> urls = stringList(rest, keyIndent);
                case "keywords" -> keywords = stringList(rest, keyIndent);
                default -> skipValue(rest, keyIndent);
            }
        }
        if (!eof && lineIndent > itemIndent && !(lineIndent == keyIndent)) {
            throw new Unsupported("unexpected indentation in a chart version");
        }
        if (version == null || Version.tryParse(version) == null) {
            throw new Unsupported("invalid or missing version");
        }
        return new ChartVersion(name == null ? chart : name, version, appVersion, description, digest, created, urls, keywords,
                deprecated, home, icon);
    }

    // ---- values -------------------------------------------------------------------------------------------------

    /** Splits {@code key: rest} on a line whose key starts at {@code indent}. */
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
                || first == '!' || first == '{' || first == '[') {
            throw new Unsupported("complex key");
        }
        return new String[] {key, line.substring(colon + 1).trim()};
    }

    /** A scalar value starting as {@code rest} on the current line; leaves the reader after it. */
    private String scalarValue(String rest, int keyIndent) throws IOException, Unsupported {
        if (rest.isEmpty()) {
            next();
            if (!eof && lineIndent > keyIndent) {
                throw new Unsupported("nested value where a scalar was expected");
            }
            return null;
        }
        char first = rest.charAt(0);
        switch (first) {
            case '&', '*', '!', '{', '[', '%', '@', '`' -> throw new Unsupported("anchor, alias, tag or flow value");
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
                return plain(rest, keyIndent);
            }
        }
    }

    private String plain(String rest, int keyIndent) throws IOException, Unsupported {
        String first = stripComment(rest);
        if (first.startsWith("- ") || first.startsWith("? ") || first.startsWith(": ") || first.contains(": ") || first.endsWith(":")) {
            throw new Unsupported("plain scalar that a YAML parser could read differently");
        }
        StringBuilder value = new StringBuilder(first);
        next();
        while (!eof && lineIndent > keyIndent) {
            String more = line.substring(lineIndent);
            if (more.startsWith("- ") || more.startsWith("#") || keyLike(more)) {
                throw new Unsupported("ambiguous continuation");
            }
            value.append(' ').append(stripComment(more));
            next();
        }
        String text = value.toString();
        return text.equals("~") || text.equals("null") ? null : text;
    }

    private static boolean keyLike(String text) {
        int colon = text.indexOf(": ");
        return colon > 0 || text.endsWith(":");
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
                        case '"', '\\', '/' -> value.append(e);
                        case 'n' -> value.append('\n');
                        case 't' -> value.append('\t');
                        case 'r' -> value.append('\r');
                        case '0' -> value.append('\0');
                        case ' ' -> value.append(' ');
                        case 'u' -> {
                            if (i + 4 >= text.length()) {
                                throw new Unsupported("short unicode escape");
                            }
                            try {
                                value.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                            } catch (NumberFormatException bad) {
                                throw new Unsupported("bad unicode escape");
                            }
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
        String raw = rawLine();
        int blank = 0;
        while (raw != null && raw.isBlank()) {
            blank++;
            raw = rawLine();
        }
        if (raw == null) {
            throw new Unsupported("unterminated quoted scalar");
        }
        trimTrailing(value);
        value.append(blank == 0 ? " " : "\n".repeat(blank));
        int indent = 0;
        while (indent < raw.length() && raw.charAt(indent) == ' ') {
            indent++;
        }
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
        while ((raw = rawLine()) != null) {
            int indent = 0;
            while (indent < raw.length() && raw.charAt(indent) == ' ') {
                indent++;
            }
            if (indent == raw.length()) {
                lines.add("");
                continue;
            }
            if (contentIndent < 0) {
                if (indent <= keyIndent) {
                    pending = raw;
                    break;
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
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (i > 0) {
                boolean fold = !literal && !l.isEmpty() && !lines.get(i - 1).isEmpty() && !l.startsWith(" ") && !lines.get(i - 1).startsWith(" ");
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
        int indent = 0;
        while (indent < raw.length() && raw.charAt(indent) == ' ') {
            indent++;
        }
        if (indent < raw.length() && raw.charAt(indent) == '\t') {
            throw new Unsupported("tab indentation");
        }
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

    /** A list of strings: {@code []}, {@code [a, "b"]} or block items {@code - a}. */
    private List<String> stringList(String rest, int keyIndent) throws IOException, Unsupported {
        if (!rest.isEmpty()) {
            String flow = stripComment(rest);
            if (!flow.startsWith("[") || !flow.endsWith("]")) {
                throw new Unsupported("list expected");
            }
            next();
            String inner = flow.substring(1, flow.length() - 1).trim();
            if (inner.isEmpty()) {
                return List.of();
            }
            List<String> items = new ArrayList<>();
            for (String item : inner.split(",")) {
                String t = item.trim();
                if (t.isEmpty() || t.startsWith("[") || t.startsWith("{") || t.startsWith("&") || t.startsWith("*")) {
                    throw new Unsupported("complex flow list");
                }
                if (t.startsWith("\"") || t.startsWith("'")) {
                    if (t.length() < 2 || t.charAt(t.length() - 1) != t.charAt(0) || t.indexOf('\\') >= 0) {
                        throw new Unsupported("complex quoted flow item");
                    }
                    t = t.substring(1, t.length() - 1);
                }
                items.add(t);
            }
            return List.copyOf(items);
        }
        next();
        List<String> items = new ArrayList<>();
        if (eof || lineIndent < keyIndent || !line.startsWith("- ", lineIndent) || (lineIndent != keyIndent && lineIndent != keyIndent + 2)) {
            if (!eof && lineIndent > keyIndent) {
                throw new Unsupported("list expected");
            }
            return List.of();
        }
        int itemIndent = lineIndent;
        while (!eof && lineIndent == itemIndent && line.startsWith("- ", itemIndent)) {
            String value = line.substring(itemIndent + 2).trim();
            if (keyLike(value)) {
                throw new Unsupported("mapping in a string list");
            }
            String item = scalarValue(value, itemIndent + 1);
            if (item != null) {
                items.add(item);
            }
        }
        return List.copyOf(items);
    }

    /** Skips the value of a key at {@code keyIndent}: everything more indented, and its sequence items at the same indent. */
    private void skipValue(String rest, int keyIndent) throws IOException, Unsupported {
        String value = stripComment(rest);
        if (!value.isEmpty()) {
            char first = value.charAt(0);
            if (first == '&' || first == '*' || first == '!') {
                throw new Unsupported("anchor, alias or tag");
            }
            if (first == '|' || first == '>') {
                blockScalar(value, keyIndent);
                return;
            }
            if (first == '"') {
                doubleQuoted(value, keyIndent);
                return;
            }
            if (first == '\'') {
                singleQuoted(value, keyIndent);
                return;
            }
            if ((first == '[' && !value.endsWith("]")) || (first == '{' && !value.endsWith("}"))) {
                throw new Unsupported("multi-line flow collection");
            }
        }
        next();
        while (!eof && (lineIndent > keyIndent || (lineIndent == keyIndent && line.startsWith("- ", keyIndent)))) {
            String text = line.substring(lineIndent);
            int at = text.startsWith("- ") ? 2 : 0;
            String content = text.substring(at).trim();
            // a nested key or item may open a block scalar or quoted text whose lines must not be read as structure
            int colon = content.indexOf(": ");
            String nested = colon >= 0 ? content.substring(colon + 2).trim() : (at > 0 ? content : "");
            if (content.startsWith("&") || content.startsWith("*") || content.startsWith("!") || nested.startsWith("&")
                    || nested.startsWith("*") || nested.startsWith("!")) {
                throw new Unsupported("anchor, alias or tag");
            }
            int nestedIndent = lineIndent + at;
            if (nested.startsWith("|") || nested.startsWith(">")) {
                blockScalar(nested, nestedIndent);
            } else if (nested.startsWith("\"")) {
                doubleQuoted(nested, nestedIndent);
            } else if (nested.startsWith("'")) {
                singleQuoted(nested, nestedIndent);
            } else if ((nested.startsWith("[") && !stripComment(nested).endsWith("]")) || (nested.startsWith("{") && !stripComment(nested).endsWith("}"))) {
                throw new Unsupported("multi-line flow collection");
            } else {
                next();
            }
        }
    }
}
