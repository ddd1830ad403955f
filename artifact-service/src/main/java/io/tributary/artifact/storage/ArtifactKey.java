package io.tributary.artifact.storage;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where an artifact lives: {@code <kind>/<namespace>/<name>/<file>}, each part validated so that the path is one
 * directory per part and every file the store derives from it fits a 255-byte file name.
 */
public record ArtifactKey(String kind, String namespace, String name, String file) {

    /** The source kinds that have artifacts, by their lower-case path segment. */
    public static final Map<String, String> KINDS = Map.of("gitrepository", "GitRepository", "helmrepository", "HelmRepository",
            "helmchart", "HelmChart", "bucket", "Bucket", "ocirepository", "OCIRepository");

    /** Kubernetes' longest object name (a DNS-1123 subdomain) and namespace (a DNS-1123 label). */
    public static final int MAX_NAME = 253;
    public static final int MAX_NAMESPACE = 63;
    /** The digest sidecar appends {@code .sha256} (7 bytes) to the file name and must still fit in 255 bytes. */
    public static final int MAX_FILE = 255 - StorageNames.DIGEST_SUFFIX.length();

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    public ArtifactKey {
        kind = kind == null ? null : kind.toLowerCase(Locale.ROOT);
        if (kind == null || !KINDS.containsKey(kind)) {
            throw new IllegalArgumentException("kind: must be one of " + String.join(", ", KINDS.keySet().stream().sorted().toList())
                    + ", got '" + printable(kind) + "'");
        }
        check("namespace", namespace, LABEL, MAX_NAMESPACE, "a DNS-1123 label (lower-case letters, digits and '-')");
        check("name", name, SUBDOMAIN, MAX_NAME, "a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')");
        check("file", file, FILE, MAX_FILE, "letters, digits, '.', '_', '+' and '-', starting with a letter or digit");
        if (file.contains("..")) {
            throw new IllegalArgumentException("file: must not contain '..', got '" + file + "'");
        }
        if (StorageNames.isDigestSidecar(file)) {
            throw new IllegalArgumentException("file: names ending in '" + StorageNames.DIGEST_SUFFIX
                    + "' are reserved for digest sidecars, got '" + file + "'");
        }
    }

    private static void check(String field, String value, Pattern pattern, int maxLength, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + ": must not be empty");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + ": must be at most " + maxLength + " characters, got " + value.length());
        }
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": invalid value '" + printable(value) + "', must be " + what);
        }
    }

    /** The value fit for a message: control characters as {@code ?} (no NUL or line break), long values cut short. */
    public static String printable(String value) {
        if (value == null) {
            return null;
        }
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 80 ? clean : clean.substring(0, 80) + "...(" + clean.length() + " characters)";
    }

    /** The object's kind as Kubernetes spells it, e.g. {@code GitRepository}. */
    public String objectKind() {
        return KINDS.get(kind);
    }

    public String path() {
        return kind + "/" + namespace + "/" + name + "/" + file;
    }

    public String objectPrefix() {
        return kind + "/" + namespace + "/" + name + "/";
    }
}
