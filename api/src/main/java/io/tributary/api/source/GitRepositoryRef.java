package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Which revision to fetch; precedence commit &gt; name &gt; semver &gt; tag &gt; branch. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GitRepositoryRef {
    public String branch;
    public String tag;
    public String semver;
    /** A full reference such as {@code refs/pull/1/head}. */
    public String name;
    public String commit;
}
