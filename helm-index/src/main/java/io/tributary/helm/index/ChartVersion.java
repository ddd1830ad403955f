package io.tributary.helm.index;

import io.tributary.semver.Version;
import java.util.List;

/** One entry of a Helm repository index: the metadata the catalog and chart selection need. */
public record ChartVersion(String name, String version, String appVersion, String description, String digest, String created,
        List<String> urls, List<String> keywords, boolean deprecated, String home, String icon) {

    /** The parsed semantic version (entries are validated when the index is read, so this does not fail). */
    public Version semver() {
        return Version.parse(version);
    }
}
