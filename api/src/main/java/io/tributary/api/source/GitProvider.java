package io.tributary.api.source;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum GitProvider {
    @JsonProperty("generic") GENERIC,
    @JsonProperty("aws") AWS,
    @JsonProperty("azure") AZURE,
    @JsonProperty("github") GITHUB
}
