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

    private final BlockLines src;
    private final BlockScalars scalars;
    private final List<String> mapKeys = new ArrayList<>();

    private BlockIndexReader(BufferedReader in) {
        this.src = new BlockLines(in);
        this.scalars = new BlockScalars(src);
    }

    static HelmIndex read(BufferedReader in) throws IOException, Unsupported {
        return new BlockIndexReader(in).document();
    }

    // ---- structure ----------------------------------------------------------------------------------------------

    private HelmIndex document() throws IOException, Unsupported {
        src.next();
        String apiVersion = null;
        String generated = null;
        IndexBuilder builder = new IndexBuilder();
        long seen = 0;
        while (!src.eof) {
            if (src.lineIndent != 0) {
                throw new Unsupported("unexpected indentation at the top level");
            }
            String[] kv = BlockScalars.keyValue(src.line, 0);
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
            src.next();
            return;
        }
        src.next();
        if (src.eof || src.lineIndent == 0) {
            return;
        }
        int chartIndent = src.lineIndent;
        while (!src.eof && src.lineIndent == chartIndent) {
            String[] kv = BlockScalars.keyValue(src.line, chartIndent);
            String chart = kv[0];
            if (YamlScalars.resolve(chart) != YamlScalars.Type.STRING || builder.has(chart)) {
                throw new Unsupported("a chart key that is not a string, or repeated");
            }
            builder.startChart(chart);
            if (!kv[1].isEmpty()) {
                if (!kv[1].equals("[]") && !nullText(kv[1])) {
                    throw new Unsupported("inline chart versions");
                }
                src.next();
            } else {
                src.next();
                if (!src.eof && (src.lineIndent > chartIndent || src.item(chartIndent))) {
                    int itemIndent = src.lineIndent;
                    while (src.item(itemIndent)) {
                        version(builder, itemIndent);
                    }
                    if (!src.eof && src.lineIndent > chartIndent) {
                        throw new Unsupported("unexpected indentation in a chart's versions");
                    }
                }
            }
            builder.endChart();
        }
        if (!src.eof && src.lineIndent != 0) {
            throw new Unsupported("unexpected indentation in entries");
        }
    }

    /** One sequence item of a chart: a mapping, {@code {}} or null; leaves the reader on the line after it. */
    private void version(IndexBuilder builder, int itemIndent) throws IOException, Unsupported {
        String content = src.line.length() > itemIndent + 1 ? BlockScalars.stripComment(src.line.substring(itemIndent + 1)) : "";
        if (content.isEmpty() || nullText(content) || content.equals("{}")) {
            src.next();
            if (!src.eof && src.lineIndent > itemIndent) {
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
        while (!src.eof && src.lineIndent == keyIndent && !src.item(keyIndent)) {
            String[] kv = BlockScalars.keyValue(src.line, keyIndent);
            IndexFields.Version field = IndexFields.Version.exact(kv[0]);
            if (field == null || (seen & (1L << field.ordinal())) != 0) {
                throw new Unsupported("unknown or repeated key in a chart version");
            }
            seen |= 1L << field.ordinal();
            field(entry, field, kv[1], keyIndent);
        }
        if (!src.eof && src.lineIndent > itemIndent) {
            throw new Unsupported("unexpected indentation in a chart version");
        }
        builder.entry(entry);
    }

    /** Treats the item's first key, on the dash's line, as a line of its own; returns the item's key indentation. */
    private int itemStart(int itemIndent) throws Unsupported {
        int keyIndent = itemIndent + 2;
        if (src.line.length() <= keyIndent || src.line.charAt(keyIndent) == ' ') {
            throw new Unsupported("irregular sequence item indentation");
        }
        src.line = " ".repeat(keyIndent) + src.line.substring(keyIndent);
        src.lineIndent = keyIndent;
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
            src.next();
            return;
        }
        src.next();
        if (!src.item(keyIndent) && !(src.lineIndent > keyIndent && src.item(src.lineIndent))) {
            if (!src.eof && src.lineIndent > keyIndent) {
                throw new Unsupported("list expected");
            }
            return;
        }
        int itemIndent = src.lineIndent;
        while (src.item(itemIndent)) {
            String content = src.line.length() > itemIndent + 1 ? BlockScalars.stripComment(src.line.substring(itemIndent + 1)) : "";
            if (content.isEmpty() || content.startsWith("{") || content.startsWith("[") || nullText(content)) {
                throw new Unsupported("a null or flow item");
            }
            int fieldIndent = itemStart(itemIndent);
            mapKeys.clear();
            while (!src.eof && src.lineIndent == fieldIndent && !src.item(fieldIndent)) {
                String[] kv = BlockScalars.keyValue(src.line, fieldIndent);
                if (mapKeys.contains(kv[0])) {
                    throw new Unsupported("repeated key");
                }
                mapKeys.add(kv[0]);
                reader.field(kv[0], kv[1], fieldIndent);
            }
            if (!src.eof && src.lineIndent > itemIndent) {
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
            src.next();
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
            src.next();
            return;
        }
        src.next();
        if (src.eof || src.lineIndent <= keyIndent) {
            return;
        }
        int inner = src.lineIndent;
        List<String> keys = new ArrayList<>(4);
        while (!src.eof && src.lineIndent == inner) {
            if (src.item(inner)) {
                throw new Unsupported("list where a mapping was expected");
            }
            String[] kv = BlockScalars.keyValue(src.line, inner);
            if (YamlScalars.resolve(kv[0]) != YamlScalars.Type.STRING || keys.contains(kv[0])) {
                throw new Unsupported("a key that is not a string, or repeated");
            }
            keys.add(kv[0]);
            string(kv[1], inner);
        }
        if (!src.eof && src.lineIndent > keyIndent) {
            throw new Unsupported("unexpected indentation in a mapping");
        }
    }

    // ---- typed values -------------------------------------------------------------------------------------------

    /** A Go string: a string scalar, or null for a YAML null; a number or boolean is left to the general reader. */
    private String string(String rest, int keyIndent) throws IOException, Unsupported {
        String text = scalars.scalarValue(rest, keyIndent);
        if (!scalars.plain) {
            return text;
        }
        return switch (YamlScalars.resolve(text)) {
            case STRING -> text;
            case NULL -> null;
            default -> throw new Unsupported("a number or boolean where a string belongs");
        };
    }

    private boolean bool(String rest, int keyIndent) throws IOException, Unsupported {
        String text = scalars.scalarValue(rest, keyIndent);
        YamlScalars.Type type = scalars.plain ? YamlScalars.resolve(text) : YamlScalars.Type.STRING;
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
        return YamlScalars.resolve(BlockScalars.stripComment(text)) == YamlScalars.Type.NULL;
    }

    /** A list of strings: {@code []}, {@code [a, "b"]} or block items {@code - a}; a null item reads as an empty string. */
    private List<String> strings(String rest, int keyIndent) throws IOException, Unsupported {
        if (!rest.isEmpty()) {
            String flow = BlockScalars.stripComment(rest);
            if (nullText(flow) && !flow.startsWith("[")) {
                src.next();
                return List.of();
            }
            if (!flow.startsWith("[") || !flow.endsWith("]")) {
                throw new Unsupported("list expected");
            }
            src.next();
            return BlockScalars.flowStrings(flow.substring(1, flow.length() - 1).trim());
        }
        src.next();
        if (!src.item(keyIndent) && !(src.lineIndent > keyIndent && src.item(src.lineIndent))) {
            if (!src.eof && src.lineIndent > keyIndent) {
                throw new Unsupported("list expected");
            }
            return List.of();
        }
        int itemIndent = src.lineIndent;
        List<String> items = new ArrayList<>();
        while (src.item(itemIndent)) {
            String value = BlockScalars.trimmed(src.line, Math.min(itemIndent + 1, src.line.length()), src.line.length());
            if (value.startsWith("#")) {
                value = "";
            }
            if (BlockScalars.keyLike(value) || value.startsWith("- ") || value.equals("-")) {
                throw new Unsupported("mapping or list in a string list");
            }
            String item = string(value, itemIndent + 1);
            items.add(item == null ? "" : item);
        }
        return List.copyOf(items);
    }
}
