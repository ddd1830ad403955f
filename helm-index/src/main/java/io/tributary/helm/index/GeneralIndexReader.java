package io.tributary.helm.index;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes an index from parse events as Helm's {@code loadIndex} does. YAML goes through
 * {@code sigs.k8s.io/yaml.UnmarshalStrict}: a key repeated in any mapping, a field the Go structs do not have, or a
 * value of the wrong type fails the whole index (numbers and booleans become strings only in the fields where
 * sigs.k8s.io/yaml converts them). JSON goes through {@code encoding/json}: unknown fields are ignored and a repeated
 * key's last value wins, but types must still match. Entries that pass are then kept or skipped by {@link EntryRules}.
 */
final class GeneralIndexReader {

    /** A null for a field that a null leaves as it is (strings, booleans, times in encoding/json). */
    private static final Object UNSET = new Object();

    private final IndexTokens t;
    private final boolean yaml;

    private GeneralIndexReader(IndexTokens tokens) {
        this.t = tokens;
        this.yaml = tokens.yaml();
    }

    static HelmIndex read(IndexTokens tokens) throws IOException {
        return new GeneralIndexReader(tokens).document();
    }

    private HelmIndex document() throws IOException {
        IndexTokens.Kind k = t.next();
        if (k == IndexTokens.Kind.END || (k == IndexTokens.Kind.SCALAR && t.type() == YamlScalars.Type.NULL)) {
            throw new IllegalArgumentException("index has no apiVersion");
        }
        if (k != IndexTokens.Kind.MAP) {
            throw new IllegalArgumentException("index is not a YAML mapping");
        }
        Set<Object> keys = keys();
        String[] setBy = new String[IndexFields.Top.values().length];
        String apiVersion = null;
        String generated = null;
        IndexBuilder builder = new IndexBuilder();
        while ((k = t.next()) != IndexTokens.Kind.END_MAP) {
            String key = key(k, keys, "the index");
            IndexFields.Top field = IndexFields.Top.match(key);
            if (field == null) {
                unknown(key, "the index");
                continue;
            }
            switch (field) {
                case API_VERSION -> {
                    Object value = string(true, key);
                    if (assign(setBy, field.ordinal(), key, value)) {
                        apiVersion = (String) value;
                    }
                }
                case GENERATED -> {
                    Object value = time(key);
                    if (assign(setBy, field.ordinal(), key, value)) {
                        generated = (String) value;
                    }
                }
                case ENTRIES -> entries(builder);
                case SERVER_INFO -> any(IndexTokens.Kind.MAP, key);
                case PUBLIC_KEYS -> strings(true, key);
                case ANNOTATIONS -> annotations(false, key);
                default -> throw new IllegalStateException(field.name());
            }
        }
        if (apiVersion == null || apiVersion.isEmpty()) {
            throw new IllegalArgumentException("index has no apiVersion");
        }
        return builder.build(apiVersion, generated);
    }

    private void entries(IndexBuilder builder) throws IOException {
        IndexTokens.Kind k = t.next();
        if (isNull(k)) {
            return;
        }
        if (k != IndexTokens.Kind.MAP) {
            throw new IllegalArgumentException("index 'entries' is not a mapping of chart names to versions");
        }
        Set<Object> keys = keys();
        while ((k = t.next()) != IndexTokens.Kind.END_MAP) {
            String chart = key(k, keys, "entries");
            IndexTokens.Kind list = t.next();
            builder.startChart(chart);
            if (!isNull(list)) {
                if (list != IndexTokens.Kind.SEQ) {
                    throw new IllegalArgumentException("index entry '" + chart + "' is not a list of versions");
                }
                int i = 0;
                while ((k = t.next()) != IndexTokens.Kind.END_SEQ) {
                    String at = "entries." + chart + "[" + i++ + "]";
                    if (isNull(k)) {
                        builder.emptyEntry();
                    } else if (k == IndexTokens.Kind.MAP) {
                        builder.entry(entry(at));
                    } else {
                        throw mismatch(at, "a chart version (a mapping)", k);
                    }
                }
            }
            builder.endChart();
        }
    }

    private EntryDraft entry(String at) throws IOException {
        EntryDraft entry = new EntryDraft();
        String[] setBy = new String[IndexFields.Version.values().length];
        Set<Object> keys = keys();
        IndexTokens.Kind k;
        while ((k = t.next()) != IndexTokens.Kind.END_MAP) {
            String key = key(k, keys, at);
            IndexFields.Version field = IndexFields.Version.match(key);
            if (field == null) {
                unknown(key, at);
                continue;
            }
            String where = at + "." + key;
            Object value = switch (field.kind) {
                case META_STRING -> string(false, where);
                case OWN_STRING -> string(true, where);
                case META_STRINGS -> strings(false, where);
                case OWN_STRINGS -> strings(true, where);
                case BOOL -> bool(where);
                case TIME -> time(where);
                case META_ANNOTATIONS -> annotations(true, where);
                case MAINTAINERS -> maintainers(where);
                case DEPENDENCIES -> dependencies(where);
                default -> throw new IllegalStateException(field.name());
            };
            if (assign(setBy, field.ordinal(), key, value)) {
                entry.set(field, value);
            }
        }
        return entry;
    }

    private Boolean maintainers(String at) throws IOException {
        IndexTokens.Kind k = t.next();
        if (isNull(k)) {
            return Boolean.FALSE;
        }
        if (k != IndexTokens.Kind.SEQ) {
            throw mismatch(at, "a list of maintainers", k);
        }
        boolean nullMaintainer = false;
        int i = 0;
        while ((k = t.next()) != IndexTokens.Kind.END_SEQ) {
            String item = at + "[" + i++ + "]";
            if (isNull(k)) {
                nullMaintainer = true;
                continue;
            }
            if (k != IndexTokens.Kind.MAP) {
                throw mismatch(item, "a maintainer (a mapping)", k);
            }
            Set<Object> keys = keys();
            while ((k = t.next()) != IndexTokens.Kind.END_MAP) {
                String key = key(k, keys, item);
                if (IndexFields.Maintainer.match(key) == null) {
                    unknown(key, item);
                } else {
                    string(false, item + "." + key);
                }
            }
        }
        return nullMaintainer;
    }

    private List<EntryDraft.Dependency> dependencies(String at) throws IOException {
        IndexTokens.Kind k = t.next();
        if (isNull(k)) {
            return List.of();
        }
        if (k != IndexTokens.Kind.SEQ) {
            throw mismatch(at, "a list of dependencies", k);
        }
        List<EntryDraft.Dependency> dependencies = new ArrayList<>();
        int i = 0;
        while ((k = t.next()) != IndexTokens.Kind.END_SEQ) {
            String item = at + "[" + i++ + "]";
            if (isNull(k)) {
                dependencies.add(null);
                continue;
            }
            if (k != IndexTokens.Kind.MAP) {
                throw mismatch(item, "a dependency (a mapping)", k);
            }
            dependencies.add(dependency(item));
        }
        return dependencies;
    }

    private EntryDraft.Dependency dependency(String at) throws IOException {
        Set<Object> keys = keys();
        String[] setBy = new String[IndexFields.Dependency.values().length];
        String name = null;
        String alias = null;
        IndexTokens.Kind k;
        while ((k = t.next()) != IndexTokens.Kind.END_MAP) {
            String key = key(k, keys, at);
            IndexFields.Dependency field = IndexFields.Dependency.match(key);
            if (field == null) {
                unknown(key, at);
                continue;
            }
            String where = at + "." + key;
            Object value = switch (field.kind) {
                case META_STRING -> string(false, where);
                case META_STRINGS -> strings(false, where);
                case BOOL -> bool(where);
                case ANY_LIST -> any(IndexTokens.Kind.SEQ, where);
                default -> throw new IllegalStateException(field.name());
            };
            if (assign(setBy, field.ordinal(), key, value)) {
                if (field == IndexFields.Dependency.NAME) {
                    name = (String) value;
                } else if (field == IndexFields.Dependency.ALIAS) {
                    alias = (String) value;
                }
            }
        }
        return new EntryDraft.Dependency(name, alias);
    }

    // ---- values -------------------------------------------------------------------------------------------------

    /** A Go string; {@code coerce}: a number or boolean becomes its string form (YAML only, where sigs.k8s.io/yaml does it). */
    private Object string(boolean coerce, String at) throws IOException {
        IndexTokens.Kind k = t.next();
        if (k == IndexTokens.Kind.SCALAR) {
            switch (t.type()) {
                case STRING -> {
                    return t.text();
                }
                case NULL -> {
                    return UNSET;
                }
                default -> {
                    if (coerce && yaml) {
                        return YamlScalars.asString(t.type(), t.text());
                    }
                }
            }
        }
        throw mismatch(at, "a string", k);
    }

    private Object bool(String at) throws IOException {
        IndexTokens.Kind k = t.next();
        if (k == IndexTokens.Kind.SCALAR && t.type() == YamlScalars.Type.BOOL) {
            return t.bool();
        }
        if (isNull(k)) {
            return UNSET;
        }
        throw mismatch(at, "true or false", k);
    }

    private Object time(String at) throws IOException {
        IndexTokens.Kind k = t.next();
        if (k == IndexTokens.Kind.SCALAR && t.type() == YamlScalars.Type.STRING) {
            if (!Rfc3339.valid(t.text())) {
                throw new IllegalArgumentException("index: " + at + ": '" + t.text()
                        + "' is not an RFC 3339 time such as 2006-01-02T15:04:05Z (line " + t.line() + ")");
            }
            return t.text();
        }
        if (isNull(k)) {
            return UNSET;
        }
        throw mismatch(at, "an RFC 3339 time string", k);
    }

    private List<String> strings(boolean coerce, String at) throws IOException {
        IndexTokens.Kind k = t.next();
        if (isNull(k)) {
            return List.of();
        }
        if (k != IndexTokens.Kind.SEQ) {
            throw mismatch(at, "a list of strings", k);
        }
        List<String> items = new ArrayList<>();
        while ((k = t.next()) != IndexTokens.Kind.END_SEQ) {
            if (k == IndexTokens.Kind.SCALAR && t.type() == YamlScalars.Type.STRING) {
                items.add(t.text());
            } else if (isNull(k)) {
                items.add(""); // encoding/json leaves the element at its zero value
            } else if (k == IndexTokens.Kind.SCALAR && coerce && yaml) {
                items.add(YamlScalars.asString(t.type(), t.text()));
            } else {
                throw mismatch(at + "[" + items.size() + "]", "a string", k);
            }
        }
        return List.copyOf(items);
    }

    /** A {@code map[string]string}; in chart metadata only values under a metadata string field's name are converted. */
    private Object annotations(boolean metadata, String at) throws IOException {
        IndexTokens.Kind k = t.next();
        if (isNull(k)) {
            return Boolean.TRUE;
        }
        if (k != IndexTokens.Kind.MAP) {
            throw mismatch(at, "a mapping of strings", k);
        }
        Set<Object> keys = keys();
        while ((k = t.next()) != IndexTokens.Kind.END_MAP) {
            String key = key(k, keys, at);
            boolean coerce = yaml && (!metadata || IndexFields.Version.annotationCoerced(key));
            IndexTokens.Kind value = t.next();
            if (value != IndexTokens.Kind.SCALAR || (t.type() != YamlScalars.Type.STRING && t.type() != YamlScalars.Type.NULL && !coerce)) {
                throw mismatch(at + "." + key, "a string", value);
            }
        }
        return Boolean.TRUE;
    }

    /** A {@code map[string]any} or {@code []any}: anything of that shape, read through to check its keys. */
    private Object any(IndexTokens.Kind shape, String at) throws IOException {
        IndexTokens.Kind k = t.next();
        if (isNull(k)) {
            return List.of();
        }
        if (k != shape) {
            throw mismatch(at, shape == IndexTokens.Kind.MAP ? "a mapping" : "a list", k);
        }
        skip(k, at);
        return List.of();
    }

    /** Reads through the container just opened, without recursion; YAML mappings still may not repeat a key. */
    private void skip(IndexTokens.Kind opened, String at) throws IOException {
        ArrayDeque<Level> levels = new ArrayDeque<>();
        levels.push(new Level(opened == IndexTokens.Kind.MAP ? keys() : null, opened == IndexTokens.Kind.MAP));
        while (!levels.isEmpty()) {
            Level level = levels.peek();
            IndexTokens.Kind k = t.next();
            if (k == IndexTokens.Kind.END_MAP || k == IndexTokens.Kind.END_SEQ) {
                levels.pop();
                if (!levels.isEmpty()) {
                    levels.peek().atKey = true;
                }
            } else if (level.map && level.atKey) {
                key(k, level.keys, at);
                level.atKey = false;
            } else if (k == IndexTokens.Kind.MAP || k == IndexTokens.Kind.SEQ) {
                levels.push(new Level(k == IndexTokens.Kind.MAP ? keys() : null, k == IndexTokens.Kind.MAP));
            } else {
                level.atKey = true;
            }
        }
    }

    private static final class Level {
        final Set<Object> keys;
        final boolean map;
        boolean atKey = true;

        Level(Set<Object> keys, boolean map) {
            this.keys = keys;
            this.map = map;
        }
    }

    // ---- keys ---------------------------------------------------------------------------------------------------

    /** A YAML mapping's keys so far (JSON: none, its repeated keys are allowed). */
    private Set<Object> keys() {
        return yaml ? new HashSet<>() : null;
    }

    /** A key that is not a string, as go-yaml v2 typed it: keys are equal when their values are. */
    private record TypedKey(YamlScalars.Type type, String value) {
    }

    /** The key as sigs.k8s.io/yaml turns it into a JSON object key; a repeat fails as go-yaml's strict mode fails it. */
    private String key(IndexTokens.Kind k, Set<Object> keys, String at) {
        if (k != IndexTokens.Kind.SCALAR) {
            throw new IllegalArgumentException("index: " + at + ": a mapping key that is not a scalar (line " + t.line() + ")");
        }
        YamlScalars.Type type = t.type();
        if (type == YamlScalars.Type.NULL) {
            throw new IllegalArgumentException("index: " + at + ": a null mapping key (line " + t.line() + ")");
        }
        String key = type == YamlScalars.Type.STRING ? t.text() : YamlScalars.asString(type, t.text());
        if (keys != null) {
            Object identity = type == YamlScalars.Type.STRING ? key
                    : new TypedKey(type, type == YamlScalars.Type.FLOAT ? Double.toString(YamlScalars.floatValue(t.text())) : key);
            boolean nan = type == YamlScalars.Type.FLOAT && Double.isNaN(YamlScalars.floatValue(t.text()));
            if (!nan && !keys.add(identity)) {
                throw new IllegalArgumentException("index: " + at + ": key '" + key + "' is defined twice (line " + t.line()
                        + "); Helm refuses repeated keys");
            }
        }
        return key;
    }

    /** YAML: Helm refuses a field its structs do not have. JSON: encoding/json ignores it. */
    private void unknown(String key, String at) throws IOException {
        if (yaml) {
            throw new IllegalArgumentException("index: " + at + ": unknown field '" + key + "' (line " + t.line()
                    + "); Helm refuses fields it does not know");
        }
        IndexTokens.Kind k = t.next();
        if (k == IndexTokens.Kind.MAP || k == IndexTokens.Kind.SEQ) {
            skip(k, at);
        }
    }

    /**
     * Whether a field's value replaces what an earlier key gave it. Keys differing only in case reach the same Go field;
     * sigs.k8s.io/yaml hands them to encoding/json sorted, so the greatest key wins; in JSON the last one does.
     */
    private boolean assign(String[] setBy, int field, String key, Object value) {
        if (value == UNSET) {
            return false;
        }
        if (yaml && setBy[field] != null && key.compareTo(setBy[field]) < 0) {
            return false;
        }
        setBy[field] = key;
        return true;
    }

    private boolean isNull(IndexTokens.Kind k) {
        return k == IndexTokens.Kind.SCALAR && t.type() == YamlScalars.Type.NULL;
    }

    private IllegalArgumentException mismatch(String at, String expected, IndexTokens.Kind k) {
        String got = switch (k) {
            case MAP -> "a mapping";
            case SEQ -> "a list";
            case SCALAR -> switch (t.type()) {
                case NULL -> "null";
                case BOOL -> "a boolean (" + t.text() + ")";
                case INT, FLOAT -> "a number (" + t.text() + ")";
                case STRING -> "a string";
            };
            default -> "the end of a " + (k == IndexTokens.Kind.END_SEQ ? "list" : "mapping");
        };
        String hint = yaml && k == IndexTokens.Kind.SCALAR && expected.equals("a string") ? "; quote it to make it one" : "";
        return new IllegalArgumentException("index: " + at + ": expected " + expected + ", got " + got + " (line " + t.line() + ")" + hint);
    }
}
