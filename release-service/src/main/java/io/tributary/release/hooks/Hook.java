package io.tributary.release.hooks;

import java.util.List;

/**
 * One rendered hook, as Helm's manifest sorter builds a {@code release.Hook}.
 *
 * @param path           the chart-relative template it came from ({@code <chart>/templates/<file>})
 * @param manifest       the YAML document, as rendered
 * @param deletePolicies as annotated; empty means Helm's default, before-hook-creation
 */
public record Hook(String name, String kind, String path, String manifest, List<HookEvent> events, int weight,
        List<DeletePolicy> deletePolicies) {

    public Hook {
        events = List.copyOf(events);
        deletePolicies = List.copyOf(deletePolicies);
    }

    public boolean runsOn(HookEvent event) {
        return events.contains(event);
    }

    /** Helm's {@code hookSetDeletePolicy}: no policy means before-hook-creation. */
    public List<DeletePolicy> effectiveDeletePolicies() {
        return deletePolicies.isEmpty() ? List.of(DeletePolicy.BEFORE_HOOK_CREATION) : deletePolicies;
    }

    public boolean hasDeletePolicy(DeletePolicy policy) {
        return effectiveDeletePolicies().contains(policy);
    }

    /** {@code Kind/name}, as errors name the object. */
    public String describe() {
        return kind + "/" + name;
    }
}
