package io.tributary.release.storage;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tributary.release.hooks.DeletePolicy;
import io.tributary.release.hooks.Hook;
import io.tributary.release.hooks.HookEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helm's {@code release.Hook} as stored; {@code last_run} is updated while the hook runs. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class HookRecord {
    public String name;
    public String kind;
    public String path;
    public String manifest;
    public List<String> events = new ArrayList<>();
    @JsonProperty("last_run")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public Execution lastRun = new Execution();
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int weight;
    @JsonProperty("delete_policies")
    public List<String> deletePolicies = new ArrayList<>();
    /** Fields Tributary does not model (a newer Helm's {@code output_log_policies}), kept as read. */
    @JsonAnySetter
    @JsonAnyGetter
    public Map<String, Object> other = new LinkedHashMap<>();

    /** Helm's {@code HookExecution}; times are RFC 3339, the phase Unknown, Running, Succeeded or Failed. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public static class Execution {
        @JsonProperty("started_at")
        public String startedAt;
        @JsonProperty("completed_at")
        public String completedAt;
        @JsonInclude(JsonInclude.Include.ALWAYS)
        public String phase = "";
    }

    public static HookRecord of(Hook hook) {
        HookRecord r = new HookRecord();
        r.name = hook.name();
        r.kind = hook.kind();
        r.path = hook.path();
        r.manifest = hook.manifest();
        hook.events().forEach(e -> r.events.add(e.value()));
        r.weight = hook.weight();
        hook.deletePolicies().forEach(p -> r.deletePolicies.add(p.value()));
        return r;
    }

    /** The hook this record describes; values Helm would not have stored are dropped. */
    @JsonIgnore
    public Hook toHook() {
        List<HookEvent> parsedEvents = new ArrayList<>();
        for (String e : events) {
            for (HookEvent known : HookEvent.values()) {
                if (known.value().equals(e)) {
                    parsedEvents.add(known);
                }
            }
        }
        List<DeletePolicy> policies = new ArrayList<>();
        for (String p : deletePolicies) {
            for (DeletePolicy known : DeletePolicy.values()) {
                if (known.value().equals(p)) {
                    policies.add(known);
                }
            }
        }
        return new Hook(name, kind, path, manifest, parsedEvents, weight, policies);
    }

    public HookRecord copy() {
        HookRecord c = of(toHook());
        c.manifest = manifest;
        c.lastRun.startedAt = lastRun.startedAt;
        c.lastRun.completedAt = lastRun.completedAt;
        c.lastRun.phase = lastRun.phase;
        c.other.putAll(other);
        return c;
    }
}
