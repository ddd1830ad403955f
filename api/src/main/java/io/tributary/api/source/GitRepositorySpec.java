package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.tributary.api.meta.LocalObjectReference;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.serviceAccountName) || (has(self.provider) && (self.provider == 'azure' || self.provider == 'aws'))",
        message = "serviceAccountName can only be set when provider is 'azure' or 'aws'")
public class GitRepositorySpec {
    /** Repository address, {@code http(s)://} or {@code ssh://}. */
    @Required
    @Pattern("^(http|https|ssh)://.*$")
    public String url;
    /** Secret with HTTPS ({@code username}/{@code password}, {@code bearerToken}, TLS) or SSH credentials. */
    public LocalObjectReference secretRef;
    /** Authentication provider: generic, aws, azure, github. */
    public GitProvider provider;
    @Required
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    public String interval;
    @Default("60s")
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m))+$")
    public String timeout;
    public GitRepositoryRef ref;
    public GitRepositoryVerification verify;
    public LocalObjectReference proxySecretRef;
    /** gitignore-style patterns applied after {@code .sourceignore} files. */
    public String ignore;
    public Boolean suspend;
    public Boolean recurseSubmodules;
    public List<GitRepositoryInclude> include;
    public List<String> sparseCheckout;
    public String serviceAccountName;
}
