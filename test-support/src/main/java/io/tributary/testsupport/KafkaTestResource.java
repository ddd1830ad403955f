package io.tributary.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points a {@code @QuarkusTest} at the shared real Kafka broker. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", SharedServers.kafka().bootstrapServers());
    }

    @Override
    public void stop() {
        // shared for the whole JVM; stopped by a shutdown hook
    }
}
