package io.tributary.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/** A real single-node Apache Kafka broker in KRaft mode (combined broker and controller) on loopback. */
public final class KafkaBroker implements AutoCloseable {

    private final Path logDir;
    private final int port;
    private final KafkaRaftServer server;

    private KafkaBroker(Path logDir, int port, KafkaRaftServer server) {
        this.logDir = logDir;
        this.port = port;
        this.server = server;
    }

    /** Starts the broker on {@code logDir}, formatting it first if it is new; {@code port} 0 picks a free one. */
    public static KafkaBroker start(Path logDir, int port) throws Exception {
        int[] free = freePorts(2);
        return start(logDir, port == 0 ? free[0] : port, free[1]);
    }

    /**
     * As {@link #start(Path, int)}, with the controller listener on a port the caller reserved too. Starting again on
     * the same directory and ports after {@link #close()} restarts the same node with its topics and records.
     */
    public static KafkaBroker start(Path logDir, int brokerPort, int controllerPort) throws Exception {
        Files.createDirectories(logDir);
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("num.partitions", "3");
        props.put("auto.create.topics.enable", "true");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.flush.interval.messages", "1");
        props.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        KafkaConfig config = KafkaConfig.fromProps(props, false);

        // a formatted log directory keeps its cluster id, so a broker restarts in place with its data
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(logDir);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        return new KafkaBroker(logDir, brokerPort, server);
    }

    private static void format(Path logDir) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(1)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName("CONTROLLER")
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    /** Creates topics up front so that consumers subscribe to existing partitions. */
    public void createTopics(int partitions, String... topics) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers());
        try (var admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            var existing = admin.listTopics().names().get();
            var missing = java.util.Arrays.stream(topics).filter(t -> !existing.contains(t))
                    .map(t -> new org.apache.kafka.clients.admin.NewTopic(t, partitions, (short) 1)).toList();
            admin.createTopics(missing).all().get();
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logDir() {
        return logDir;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    static int freePort() {
        return freePorts(1)[0];
    }

    /** Distinct free loopback ports: all sockets stay open until every port is chosen, so none repeats. */
    public static int[] freePorts(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new IllegalStateException("no free port on loopback", e);
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // the port is free again either way
                    }
                }
            }
        }
    }
}
