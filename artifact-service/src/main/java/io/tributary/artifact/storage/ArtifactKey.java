package io.tributary.artifact.storage;

import java.util.Locale;
import java.util.regex.Pattern;

/** Where an artifact lives: {@code <kind>/<namespace>/<name>/<file>}, each part validated. */
public record ArtifactKey(String kind, String namespace, String name, String file) {

    private static final Pattern KIND = Pattern.compile("[a-z]{1,63}");
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,254}");

    public ArtifactKey {
        kind = kind == null ? null : kind.toLowerCase(Locale.ROOT);
        check("kind", kind, KIND);
        check("namespace", namespace, DNS_NAME);
        check("name", name, DNS_NAME);
        check("file", file, FILE);
        if (file.contains("..")) {
            throw new IllegalArgumentException("file: must not contain '..', got '" + file + "'");
        }
    }

    private static void check(String field, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": invalid value '" + value + "', must match " + pattern.pattern());
        }
    }

    public String path() {
        return kind + "/" + namespace + "/" + name + "/" + file;
    }

    public String objectPrefix() {
        return kind + "/" + namespace + "/" + name + "/";
    }
}
