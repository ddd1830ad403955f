package io.tributary.api.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.tributary.api.meta.LocalObjectReference;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.type == 'github' || self.type == 'gitlab' || self.type == 'gitea' || self.type == 'bitbucketserver'"
        + " || self.type == 'bitbucket' || self.type == 'azuredevops' || !has(self.commitStatusExpr)",
        message = "spec.commitStatusExpr is only supported for the 'github', 'gitlab', 'gitea', 'bitbucketserver',"
                + " 'bitbucket', 'azuredevops' provider types")
public class ProviderSpec {
    @Required
    public Type type;
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    public String interval;
    @Size(max = 2048)
    public String channel;
    @Size(max = 2048)
    public String username;
    /** The endpoint events are posted to; may come from the Secret's {@code address} instead. */
    @Size(max = 2048)
    public String address;
    /** CEL expression computing the commit status key (git providers only). */
    public String commitStatusExpr;
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m))+$")
    public String timeout;
    @Size(max = 2048)
    @Pattern("^(http|https)://.*$")
    public String proxy;
    public LocalObjectReference proxySecretRef;
    /** {@code token}, {@code address}, {@code username}, {@code password}, {@code headers}. */
    public LocalObjectReference secretRef;
    public LocalObjectReference certSecretRef;
    public String serviceAccountName;
    public Boolean suspend;

    public enum Type {
        @JsonProperty("slack") SLACK,
        @JsonProperty("discord") DISCORD,
        @JsonProperty("msteams") MSTEAMS,
        @JsonProperty("rocket") ROCKET,
        @JsonProperty("generic") GENERIC,
        @JsonProperty("generic-hmac") GENERIC_HMAC,
        @JsonProperty("github") GITHUB,
        @JsonProperty("gitlab") GITLAB,
        @JsonProperty("gitea") GITEA,
        @JsonProperty("giteapullrequestcomment") GITEA_PULL_REQUEST_COMMENT,
        @JsonProperty("bitbucketserver") BITBUCKET_SERVER,
        @JsonProperty("bitbucket") BITBUCKET,
        @JsonProperty("azuredevops") AZURE_DEVOPS,
        @JsonProperty("googlechat") GOOGLE_CHAT,
        @JsonProperty("googlepubsub") GOOGLE_PUBSUB,
        @JsonProperty("webex") WEBEX,
        @JsonProperty("sentry") SENTRY,
        @JsonProperty("azureeventhub") AZURE_EVENT_HUB,
        @JsonProperty("telegram") TELEGRAM,
        @JsonProperty("lark") LARK,
        @JsonProperty("matrix") MATRIX,
        @JsonProperty("opsgenie") OPSGENIE,
        @JsonProperty("alertmanager") ALERTMANAGER,
        @JsonProperty("grafana") GRAFANA,
        @JsonProperty("githubdispatch") GITHUB_DISPATCH,
        @JsonProperty("githubpullrequestcomment") GITHUB_PULL_REQUEST_COMMENT,
        @JsonProperty("gitlabmergerequestcomment") GITLAB_MERGE_REQUEST_COMMENT,
        @JsonProperty("pagerduty") PAGERDUTY,
        @JsonProperty("datadog") DATADOG,
        @JsonProperty("nats") NATS,
        @JsonProperty("zulip") ZULIP,
        @JsonProperty("otel") OTEL,
        @JsonProperty("zoom") ZOOM,
        @JsonProperty("incident.io") INCIDENT_IO
    }
}
