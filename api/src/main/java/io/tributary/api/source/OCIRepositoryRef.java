package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What to pull: {@code digest} over {@code semver} over {@code tag}; {@code latest} when none is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OCIRepositoryRef {
    /** {@code sha256:<hex>} of the manifest. */
    public String digest;
    /** A semver range over the repository's tags. */
    public String semver;
    /** A regular expression the tags must match before the semver range is applied. */
    public String semverFilter;
    public String tag;
}
