package io.tributary.fetcher.source.oci;

import java.util.regex.Pattern;

/**
 * An {@code oci://host[:port]/repository} address, as Flux's parseRepository reads it: the scheme is required, the
 * first path element is the registry, the rest the repository, and a tag or digest in the URL is refused.
 */
public record OciUrl(String registry, String repository) {

    public static final String PREFIX = "oci://";
    private static final Pattern REGISTRY = Pattern.compile("^(\\[[0-9a-fA-F:]+\\]|[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?)(:[0-9]{1,5})?$");
    private static final Pattern COMPONENT = Pattern.compile("^[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*$");

    /** @throws IllegalArgumentException naming {@code spec.url} and the problem */
    public static OciUrl parse(String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("spec.url: URL must be in format 'oci://<domain>/<org>/<repo>'");
        }
        String rest = url.substring(PREFIX.length());
        if (rest.contains("@")) {
            throw new IllegalArgumentException("spec.url: URL must not contain credentials or a digest; use spec.secretRef and spec.ref.digest");
        }
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException("spec.url: URL must be in format 'oci://<domain>/<org>/<repo>'");
        }
        String registry = rest.substring(0, slash);
        String repository = rest.substring(slash + 1);
        if (!REGISTRY.matcher(registry).matches()) {
            throw new IllegalArgumentException("spec.url: registry '" + registry + "' is not a valid host[:port]");
        }
        int colon = repository.indexOf(':');
        if (colon >= 0) {
            throw new IllegalArgumentException("spec.url: URL must not contain a tag; remove ':" + repository.substring(colon + 1) + "'");
        }
        for (String component : repository.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new IllegalArgumentException("spec.url: repository '" + repository + "' is not a valid OCI repository name"
                        + " (lower-case alphanumeric components separated by '/')");
            }
        }
        return new OciUrl(registry, repository);
    }

    @Override
    public String toString() {
        return registry + "/" + repository;
    }
}
