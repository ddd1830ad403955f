package io.tributary.api.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.tributary.api.meta.LocalObjectReference;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.type != 'generic-oidc' || (has(self.oidcProviders) && size(self.oidcProviders) > 0)",
        message = "generic-oidc receivers must define at least one oidcProvider")
@ValidationRule(value = "self.type == 'generic-oidc' || !has(self.oidcProviders) || size(self.oidcProviders) == 0",
        message = "oidcProviders can only be set when type is generic-oidc")
@ValidationRule(value = "self.type != 'generic-oidc' || !has(self.secretRef)",
        message = "secretRef cannot be set when type is generic-oidc")
@ValidationRule(value = "self.type == 'generic-oidc' || has(self.secretRef)",
        message = "secretRef is required when type is not generic-oidc")
public class ReceiverSpec {
    @Required
    public Type type;
    @Default("10m")
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    public String interval;
    /** Event names accepted, e.g. {@code push}; empty accepts all. */
    public List<String> events;
    @Required
    public List<Resource> resources;
    public String resourceFilter;
    public LocalObjectReference secretRef;
    public List<OidcProvider> oidcProviders;
    public Boolean suspend;

    public enum Type {
        @JsonProperty("generic") GENERIC,
        @JsonProperty("generic-hmac") GENERIC_HMAC,
        @JsonProperty("generic-oidc") GENERIC_OIDC,
        @JsonProperty("github") GITHUB,
        @JsonProperty("gitlab") GITLAB,
        @JsonProperty("bitbucket") BITBUCKET,
        @JsonProperty("harbor") HARBOR,
        @JsonProperty("dockerhub") DOCKERHUB,
        @JsonProperty("quay") QUAY,
        @JsonProperty("gcr") GCR,
        @JsonProperty("nexus") NEXUS,
        @JsonProperty("acr") ACR,
        @JsonProperty("cdevents") CDEVENTS
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Resource {
        public String apiVersion;
        @Required
        @SchemaFrom(type = NotifiedKind.class)
        public String kind;
        @Required
        @Size(min = 1, max = 253)
        public String name;
        @Size(min = 1, max = 253)
        public String namespace;
        public Map<String, String> matchLabels;
        public String filter;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class OidcProvider {
        @Required
        @Pattern("^https?://")
        public String issuerURL;
        public String audience;
        public List<Variable> variables;
        @Required
        @Size(min = 1)
        public List<Validation> validations;

        public static class Variable {
            @Required
            public String name;
            @Required
            public String expression;
        }

        public static class Validation {
            @Required
            public String expression;
            @Required
            public String message;
        }
    }
}
