package io.tributary.api.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.tributary.api.meta.LocalObjectReference;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertSpec {
    @Required
    public LocalObjectReference providerRef;
    /** {@code error} sends only error events; {@code info} sends all. */
    @Default("info")
    public Severity eventSeverity;
    @Required
    public List<EventSource> eventSources;
    /** Regular expressions; an event whose message matches none is dropped. */
    public List<String> inclusionList;
    /** Regular expressions; an event whose message matches one is dropped. */
    public List<String> exclusionList;
    /** Added to every event's metadata. */
    public Map<String, String> eventMetadata;
    @Size(max = 255)
    public String summary;
    public Boolean suspend;

    public enum Severity {
        @JsonProperty("info") INFO,
        @JsonProperty("error") ERROR
    }

    /** The objects whose events are forwarded; {@code name: "*"} with matchLabels selects many. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class EventSource {
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
    }
}
