package io.tributary.release.hooks;

import io.tributary.release.apply.KindOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The order hooks of one phase run in, as Helm's {@code execHook}: the hooks arrive sorted by kind (install order,
 * {@link KindOrder}), then are stably sorted by weight and, for equal weights, by name; so kind decides only between
 * hooks of equal weight and name.
 */
public final class HookOrder {

    private HookOrder() {
    }

    public static List<Hook> forEvent(List<Hook> hooks, HookEvent event) {
        return forEvent(hooks, h -> h, event);
    }

    /** The same order over any representation of hooks, read through {@code view}. */
    public static <T> List<T> forEvent(List<T> hooks, Function<T, Hook> view, HookEvent event) {
        List<T> selected = new ArrayList<>(KindOrder.sortInstall(hooks, h -> view.apply(h).kind()));
        selected.removeIf(h -> !view.apply(h).runsOn(event));
        // List.sort is stable, as Go's sort.Stable
        selected.sort(Comparator.<T>comparingInt(h -> view.apply(h).weight()).thenComparing(h -> view.apply(h).name()));
        return selected;
    }
}
