package io.tributary.release.hooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a rendered object's hook annotations as Helm's manifest sorter does ({@code releaseutil.SortManifests}):
 * {@code helm.sh/hook} (comma separated phases), {@code helm.sh/hook-weight} (an integer, 0 when absent or not a
 * number) and {@code helm.sh/hook-delete-policy}. Unlike Helm, which silently drops a hook with an unknown phase, an
 * unknown phase or delete policy is an error naming the object, so a typo cannot make a hook disappear.
 */
public final class HookParser {

    public static final String HOOK = "helm.sh/hook";
    public static final String WEIGHT = "helm.sh/hook-weight";
    public static final String DELETE_POLICY = "helm.sh/hook-delete-policy";

    private HookParser() {
    }

    /** A hook annotation Helm does not know. */
    public static final class InvalidHookException extends Exception {
        public InvalidHookException(String message) {
            super(message);
        }
    }

    /** The hook the object declares, or empty when it is an ordinary release object. */
    public static Optional<Hook> parse(String path, String kind, String name, Map<String, String> annotations, String manifest)
            throws InvalidHookException {
        if (annotations == null || !annotations.containsKey(HOOK)) {
            return Optional.empty();
        }
        List<HookEvent> events = new ArrayList<>();
        for (String item : annotations.get(HOOK).split(",", -1)) {
            HookEvent event = HookEvent.parse(item);
            if (event == null) {
                throw new InvalidHookException(path + ": " + kind + " \"" + name + "\": annotation " + HOOK + ": unknown hook phase '"
                        + item.trim() + "' (known: " + HookEvent.known() + ")");
            }
            events.add(event);
        }
        List<DeletePolicy> policies = new ArrayList<>();
        String policyValue = annotations.get(DELETE_POLICY);
        if (policyValue != null && !policyValue.isBlank()) {
            for (String item : policyValue.split(",", -1)) {
                DeletePolicy policy = DeletePolicy.parse(item);
                if (policy == null) {
                    throw new InvalidHookException(path + ": " + kind + " \"" + name + "\": annotation " + DELETE_POLICY
                            + ": unknown delete policy '" + item.trim() + "' (known: before-hook-creation, hook-succeeded, hook-failed)");
                }
                policies.add(policy);
            }
        }
        return Optional.of(new Hook(name, kind, path, manifest, events, weight(annotations.get(WEIGHT)), policies));
    }

    /** Helm's {@code calculateHookWeight}: {@code strconv.Atoi}, 0 on any error. */
    static int weight(String value) {
        if (value == null) {
            return 0;
        }
        try {
            // Atoi accepts a leading sign, nothing else around the digits
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
