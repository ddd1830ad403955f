package io.tributary.release.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The order of helm/helm {@code pkg/action/hooks.go} execHook (main at e9b85e4de): hooks pre-sorted by kind, then
 * stably by weight and name ({@code hookByWeight}), as in hooks_test.go's ordering cases.
 */
class HookOrderTest {

    private static Hook hook(String name, String kind, int weight, HookEvent... events) {
        return new Hook(name, kind, "c/templates/" + name + ".yaml", "", List.of(events), weight, List.of());
    }

    private static String order(List<Hook> hooks, HookEvent event) {
        return HookOrder.forEvent(hooks, event).stream().map(Hook::name).collect(Collectors.joining(","));
    }

    @Test
    void weightFirstThenName() {
        List<Hook> hooks = List.of(hook("c", "Job", 0, HookEvent.PRE_INSTALL), hook("b", "Job", -1, HookEvent.PRE_INSTALL),
                hook("a", "Job", 0, HookEvent.PRE_INSTALL), hook("z", "Job", -10, HookEvent.PRE_INSTALL),
                hook("d", "Job", 5, HookEvent.PRE_INSTALL));
        assertThat(order(hooks, HookEvent.PRE_INSTALL)).isEqualTo("z,b,a,c,d");
    }

    @Test
    void kindDecidesOnlyBetweenEqualWeightAndName() {
        List<Hook> hooks = List.of(hook("same", "Job", 0, HookEvent.PRE_UPGRADE), hook("same", "ConfigMap", 0, HookEvent.PRE_UPGRADE),
                hook("same", "ServiceAccount", 0, HookEvent.PRE_UPGRADE));
        assertThat(HookOrder.forEvent(hooks, HookEvent.PRE_UPGRADE)).extracting(Hook::kind)
                .containsExactly("ServiceAccount", "ConfigMap", "Job");
    }

    @Test
    void onlyHooksOfThePhase() {
        List<Hook> hooks = List.of(hook("a", "Job", 0, HookEvent.PRE_INSTALL, HookEvent.PRE_UPGRADE), hook("b", "Job", 0,
                HookEvent.POST_INSTALL), hook("t", "Pod", 0, HookEvent.TEST));
        assertThat(order(hooks, HookEvent.PRE_UPGRADE)).isEqualTo("a");
        assertThat(order(hooks, HookEvent.POST_INSTALL)).isEqualTo("b");
        assertThat(order(hooks, HookEvent.TEST)).isEqualTo("t");
        assertThat(order(hooks, HookEvent.PRE_DELETE)).isEmpty();
    }
}
