package io.tributary.fetcher.source.git;

import java.util.regex.Pattern;

/** GitRepository URL rules. */
public final class GitUrls {

    static final Pattern URL = Pattern.compile("^(http|https|ssh)://[^\\s/]+(/.*)?$");

    private GitUrls() {
    }

    /** Checks {@code spec.url}; throws IllegalArgumentException naming the field. */
    public static void validate(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("spec.url: must not be empty");
        }
        if (!URL.matcher(url).matches()) {
            throw new IllegalArgumentException("spec.url: '" + io.tributary.fetcher.status.Sanitizer.sanitize(url)
                    + "' is not a http://, https:// or ssh:// URL");
        }
    }

    /** SSH URLs without a user log in as {@code git}, as Flux does. */
    static String withDefaultUser(String url) {
        if (url.startsWith("ssh://") && !url.substring(6).split("/", 2)[0].contains("@")) {
            return "ssh://git@" + url.substring(6);
        }
        return url;
    }
}
