package io.songspace.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka in KRaft combined mode (broker and controller in one process) on 127.0.0.1, run as its
 * own process from the Kafka jars on Maven Central. Its log directory is formatted once and kept across restarts.
 */
public final class KafkaServer implements AutoCloseable {

    private final ManagedProcess process;
    private final int port;

    private KafkaServer(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static KafkaServer start(Path dir, int port, int controllerPort) {
        try {
            Files.createDirectories(dir);
            Path data = dir.resolve("data");
            Path props = dir.resolve("server.properties");
            Properties p = new Properties();
            p.putAll(Map.ofEntries(
                    Map.entry("process.roles", "broker,controller"),
                    Map.entry("node.id", "1"),
                    Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                    Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                    Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                    Map.entry("controller.listener.names", "CONTROLLER"),
                    Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                    Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                    Map.entry("log.dirs", data.toAbsolutePath().toString()),
                    Map.entry("num.partitions", "24"),
                    Map.entry("offsets.topic.num.partitions", "8"),
                    Map.entry("offsets.topic.replication.factor", "1"),
                    Map.entry("transaction.state.log.replication.factor", "1"),
                    Map.entry("transaction.state.log.min.isr", "1"),
                    Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                    Map.entry("share.coordinator.state.topic.min.isr", "1"),
                    // a single local consumer group member should not wait 3 s for others to join
                    Map.entry("group.initial.rebalance.delay.ms", "0"),
                    // no no-op metadata record every 0.5 s: a single node has no follower to keep informed, and
                    // each record woke the metadata log, its loader and its publishers
                    Map.entry("metadata.max.idle.interval.ms", "0"),
                    Map.entry("auto.create.topics.enable", "true")));
            try (var w = Files.newBufferedWriter(props)) {
                p.store(w, "songspace local Kafka (KRaft, single node)");
            }
            String cp = StackClasspath.resolve();
            List<String> jvm = List.of("-Xmx512m", ServerLogging.jvmOption(dir));
            if (!Files.exists(data.resolve("meta.properties"))) {
                Process format = new ProcessBuilder(ManagedProcess.javaCommand(jvm, cp, "kafka.tools.StorageTool",
                        List.of("format", "-t", Uuid.randomUuid().toString(), "-c", props.toString())))
                        .redirectErrorStream(true).redirectOutput(dir.resolve("format.log").toFile()).start();
                if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                    throw new IllegalStateException("formatting Kafka storage failed; see " + dir.resolve("format.log")
                            + ":\n" + Files.readString(dir.resolve("format.log")));
                }
            }
            ManagedProcess proc = ManagedProcess.start("kafka",
                    ManagedProcess.javaCommand(jvm, cp, "kafka.Kafka", List.of(props.toString())), Map.of(),
                    dir.resolve("kafka.log"));
            proc.awaitPort(port, Duration.ofSeconds(90));
            return new KafkaServer(proc, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    public int port() {
        return port;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public ManagedProcess process() {
        return process;
    }

    /** Creates the given topics (name → partitions) where they do not exist yet. */
    public static void createTopics(String bootstrapServers, Map<String, Integer> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.entrySet().stream().filter(e -> !existing.contains(e.getKey()))
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("creating Kafka topics failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
