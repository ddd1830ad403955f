package io.tributary.operator.health;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness is DOWN while any informer of any controller has had no watch for longer than
 * {@code tributary.operator.watch-grace}: the operator would otherwise report ready while it no longer sees a single
 * change (the SDK's own check looks only at whether informers started and synced).
 */
@Readiness
@ApplicationScoped
public class WatchReadiness implements HealthCheck {

    @Inject
    Operator operator;

    @ConfigProperty(name = "tributary.operator.watch-grace", defaultValue = "20s")
    Duration grace;

    private WatchGrace watches;

    @Override
    public HealthCheckResponse call() {
        Map<String, Boolean> watching = new LinkedHashMap<>();
        if (operator.getRuntimeInfo().isStarted()) {
            operator.getRuntimeInfo().getRegisteredControllers().forEach(controller -> controller.getControllerHealthInfo()
                    .eventSourceHealthIndicators().forEach((source, indicator) -> {
                        if (indicator instanceof InformerWrappingEventSourceHealthIndicator<?> informers) {
                            informers.informerHealthIndicators().forEach((namespace, informer) -> watching.put(
                                    controller.getConfiguration().getName() + "/" + source + "/" + namespace, informer.isWatching()));
                        }
                    }));
        }
        Set<String> dead = grace().dead(watching, Instant.now());
        var response = HealthCheckResponse.named("Kubernetes watches").withData("watches", watching.size());
        if (dead.isEmpty()) {
            return response.up().build();
        }
        return response.withData("not watching", String.join(", ", dead)).down().build();
    }

    private synchronized WatchGrace grace() {
        if (watches == null) {
            watches = new WatchGrace(grace);
        }
        return watches;
    }
}
