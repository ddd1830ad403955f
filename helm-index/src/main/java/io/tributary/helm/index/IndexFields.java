package io.tributary.helm.index;

import java.util.HashMap;
import java.util.Map;

/**
 * The fields Helm's Go structs give an index ({@code repo.IndexFile}, {@code repo.ChartVersion} with its embedded
 * {@code chart.Metadata}, {@code chart.Maintainer}, {@code chart.Dependency}), by their JSON names. A YAML index with
 * any other field fails to load in Helm ({@code yaml.UnmarshalStrict} disallows unknown fields). Names match as Go's
 * {@code encoding/json} matches them: exactly, else case-insensitively.
 */
final class IndexFields {

    /** How a field's value is read. */
    enum Kind {
        /** A string of {@code chart.Metadata}: sigs.k8s.io/yaml does not turn numbers or booleans into strings there. */
        META_STRING,
        /** A string of the struct itself (IndexFile, ChartVersion): numbers and booleans become strings. */
        OWN_STRING,
        META_STRINGS,
        OWN_STRINGS,
        BOOL,
        /** A {@code time.Time}: an RFC 3339 string. */
        TIME,
        /** Metadata's {@code map[string]string}. */
        META_ANNOTATIONS,
        /** IndexFile's {@code map[string]string}. */
        OWN_ANNOTATIONS,
        /** {@code map[string]any}. */
        ANY_MAP,
        /** {@code []any}. */
        ANY_LIST,
        MAINTAINERS,
        DEPENDENCIES,
        ENTRIES
    }

    enum Top {
        SERVER_INFO("serverInfo", Kind.ANY_MAP), API_VERSION("apiVersion", Kind.OWN_STRING), GENERATED("generated", Kind.TIME),
        ENTRIES("entries", Kind.ENTRIES), PUBLIC_KEYS("publicKeys", Kind.OWN_STRINGS), ANNOTATIONS("annotations", Kind.OWN_ANNOTATIONS);

        final String json;
        final Kind kind;

        Top(String json, Kind kind) {
            this.json = json;
            this.kind = kind;
        }

        private static final Names<Top> NAMES = new Names<>(values(), t -> t.json);

        static Top match(String key) {
            return NAMES.match(key);
        }
    }

    /** A chart version: chart.Metadata's fields, then ChartVersion's own, in Go's declaration order. */
    enum Version {
        NAME("name", Kind.META_STRING), HOME("home", Kind.META_STRING), SOURCES("sources", Kind.META_STRINGS),
        VERSION("version", Kind.META_STRING), DESCRIPTION("description", Kind.META_STRING), KEYWORDS("keywords", Kind.META_STRINGS),
        MAINTAINERS("maintainers", Kind.MAINTAINERS), ICON("icon", Kind.META_STRING), API_VERSION("apiVersion", Kind.META_STRING),
        CONDITION("condition", Kind.META_STRING), TAGS("tags", Kind.META_STRING), APP_VERSION("appVersion", Kind.META_STRING),
        DEPRECATED("deprecated", Kind.BOOL), ANNOTATIONS("annotations", Kind.META_ANNOTATIONS),
        KUBE_VERSION("kubeVersion", Kind.META_STRING), DEPENDENCIES("dependencies", Kind.DEPENDENCIES), TYPE("type", Kind.META_STRING),
        URLS("urls", Kind.OWN_STRINGS), CREATED("created", Kind.TIME), REMOVED("removed", Kind.BOOL), DIGEST("digest", Kind.OWN_STRING),
        CHECKSUM("checksum", Kind.OWN_STRING), ENGINE("engine", Kind.OWN_STRING), TILLER_VERSION("tillerVersion", Kind.OWN_STRING),
        URL("url", Kind.OWN_STRING);

        final String json;
        final Kind kind;

        Version(String json, Kind kind) {
            this.json = json;
            this.kind = kind;
        }

        private static final Names<Version> NAMES = new Names<>(values(), v -> v.json);

        static Version match(String key) {
            return NAMES.match(key);
        }

        /** The field under exactly this name, or null (the block reader takes only exact names). */
        static Version exact(String key) {
            return NAMES.exact.get(key);
        }

        /**
         * An annotation value is turned from a number into a string when its key names a string field of chart.Metadata
         * (sigs.k8s.io/yaml looks the map's keys up in the struct the map belongs to).
         */
        static boolean annotationCoerced(String key) {
            Version field = match(key);
            return field != null && field.kind == Kind.META_STRING;
        }
    }

    enum Maintainer {
        NAME("name"), EMAIL("email"), URL("url");

        final String json;

        Maintainer(String json) {
            this.json = json;
        }

        private static final Names<Maintainer> NAMES = new Names<>(values(), m -> m.json);

        static Maintainer match(String key) {
            return NAMES.match(key);
        }
    }

    enum Dependency {
        NAME("name", Kind.META_STRING), VERSION("version", Kind.META_STRING), REPOSITORY("repository", Kind.META_STRING),
        CONDITION("condition", Kind.META_STRING), TAGS("tags", Kind.META_STRINGS), ENABLED("enabled", Kind.BOOL),
        IMPORT_VALUES("import-values", Kind.ANY_LIST), ALIAS("alias", Kind.META_STRING);

        final String json;
        final Kind kind;

        Dependency(String json, Kind kind) {
            this.json = json;
            this.kind = kind;
        }

        private static final Names<Dependency> NAMES = new Names<>(values(), d -> d.json);

        static Dependency match(String key) {
            return NAMES.match(key);
        }
    }

    private IndexFields() {
    }

    /** Exact names first, then Go's case folding (ASCII, plus the Kelvin sign and long s that fold to k and s). */
    private static final class Names<E> {
        private final Map<String, E> exact = new HashMap<>();
        private final Map<String, E> folded = new HashMap<>();

        Names(E[] values, java.util.function.Function<E, String> name) {
            for (E value : values) {
                exact.put(name.apply(value), value);
                folded.putIfAbsent(fold(name.apply(value)), value);
            }
        }

        E match(String key) {
            E field = exact.get(key);
            if (field != null) {
                return field;
            }
            String f = fold(key);
            return f == null ? null : folded.get(f);
        }
    }

    /** The key folded as {@code bytes.EqualFold} compares it with an ASCII name, or null when it cannot equal one. */
    static String fold(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x80) {
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            } else if (c == '\u212a') {
                out.append('k');
            } else if (c == '\u017f') {
                out.append('s');
            } else {
                return null;
            }
        }
        return out.toString();
    }
}
