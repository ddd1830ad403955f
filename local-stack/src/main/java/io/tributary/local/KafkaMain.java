package io.tributary.local;

import io.tributary.events.Topics;
import io.tributary.testsupport.KafkaBroker;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Runs a single-node KRaft broker as its own process: {@code KafkaMain <port> <controller-port> <log-dir>}. */
public final class KafkaMain {

    private KafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        KafkaBroker broker = KafkaBroker.start(Path.of(args[2]), Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        broker.createTopics(3, Topics.SOURCE_REQUESTS, Topics.ARTIFACT_EVENTS, Topics.RELEASE_EVENTS);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        System.out.println("kafka ready at " + broker.bootstrapServers());
        new CountDownLatch(1).await();
    }
}
