package io.songspace.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.songspace.common.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The whole suite on one machine without Docker: a real Kafka (KRaft) and a real S3 server on 127.0.0.1, topics
 * and bucket, and every service as its own JVM. Everything it writes lives under {@code home}; {@code stack.json}
 * there records the processes so that a later invocation can reuse the stack or stop it.
 */
public final class LocalStack implements AutoCloseable {

    /**
     * What to start. {@code featureWorkers}: feature-service instances sharing the audio jobs (scale-out);
     * {@code serviceConfig}: configuration given to every service besides the stack's own (e.g. the text-service's
     * {@code songspace.text.genius.api-base}).
     */
    public record Options(Path home, Path projectRoot, int featureWorkers, Map<String, String> serviceConfig) {

        public Options(Path home, Path projectRoot, int featureWorkers) {
            this(home, projectRoot, featureWorkers, Map.of());
        }
    }

    /** One process of a running stack, as recorded in {@code stack.json}. */
    public record Member(String name, long pid, int port, String log) {
    }

    /** The recorded stack: its processes in start order. */
    public record State(String apiUrl, String kafka, int s3Port, List<Member> members) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Duration SERVICE_START = Duration.ofMinutes(3);

    private final Path home;
    private State state;
    private final List<ManagedProcess> processes;
    /** How to start each member again, by name: only for a stack started by this JVM. */
    private final Map<String, Supplier<ManagedProcess>> starters;

    private LocalStack(Path home, State state, List<ManagedProcess> processes,
            Map<String, Supplier<ManagedProcess>> starters) {
        this.home = home;
        this.state = state;
        this.processes = processes;
        this.starters = starters;
    }

    /** Starts Kafka, the S3 server and every service; on any failure stops what it started and rethrows. */
    public static LocalStack start(Options o, Consumer<String> say) {
        Path home = o.home().toAbsolutePath();
        Path logs = home.resolve("logs");
        List<ManagedProcess> started = new ArrayList<>();
        List<Member> members = new ArrayList<>();
        Map<String, Supplier<ManagedProcess>> starters = new LinkedHashMap<>();
        try {
            Files.createDirectories(logs);
            say.accept("starting Kafka (KRaft, single node)…");
            int kafkaPort = Ports.preferred(9092);
            int controllerPort = Ports.preferred(9093);
            KafkaServer kafka = KafkaServer.start(home.resolve("kafka"), kafkaPort, controllerPort);
            started.add(kafka.process());
            members.add(new Member("kafka", kafka.process().pid(), kafka.port(), kafka.process().log().toString()));
            starters.put("kafka", () -> KafkaServer.start(home.resolve("kafka"), kafkaPort, controllerPort).process());
            KafkaServer.createTopics(kafka.bootstrapServers(), Topics.PARTITIONS);

            say.accept("starting the S3 server (s3proxy)…");
            S3Server s3 = S3Server.start(home.resolve("s3"), Ports.preferred(9000));
            started.add(s3.process());
            members.add(new Member("s3proxy", s3.process().pid(), s3.port(), s3.process().log().toString()));
            int s3Port = s3.port();
            starters.put("s3proxy", () -> S3Server.start(home.resolve("s3"), s3Port).process());

            LocalApiKey.ensure(home);
            Map<String, String> config = new LinkedHashMap<>(s3.clientConfig());
            config.put("songspace.api.keys-file", LocalApiKey.keysFile(home).toString());
            config.put("songspace.datasets.roots", String.join(",", datasetRoots(home)));
            config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            config.put("java.io.tmpdir", Files.createDirectories(home.resolve("tmp")).toString());
            // DJL extracts the PyTorch natives from its Maven jar into a cache: keep that under home too
            config.put("DJL_CACHE_DIR", home.resolve("cache/djl").toString());
            config.put("ENGINE_CACHE_DIR", home.resolve("cache/djl").toString());
            config.putAll(o.serviceConfig());

            int reportPort = Ports.preferred(8080);
            List<ServiceProcess> services = new ArrayList<>();
            services.add(new ServiceProcess("report-service", "report-service", reportPort,
                    List.of("-Xmx768m", "-Djava.awt.headless=true")));
            // feature workers: the throughput collector, no concurrent marking for the clips' multi-megabyte arrays
            for (int i = 1; i <= o.featureWorkers(); i++) {
                services.add(new ServiceProcess("feature-service", "feature-service-" + i, Ports.preferred(8080 + i * 10 + 1),
                        List.of("-Xmx512m", "-XX:+UseParallelGC")));
            }
            // the text stage runs one embedding model (ONNX, ~90 MB) and at most a few thousand texts at a time
            services.add(new ServiceProcess("text-service", "text-service", Ports.preferred(8084),
                    List.of("-Xmx768m")));
            services.add(new ServiceProcess("trainer-service", "trainer-service", Ports.preferred(8082),
                    List.of("-Xmx1g", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1")));
            services.add(new ServiceProcess("cluster-service", "cluster-service", Ports.preferred(8083), List.of("-Xmx1g")));
            for (ServiceProcess s : services) {
                say.accept("starting " + s.instance() + " on port " + s.port() + "…");
                ManagedProcess p = s.start(o.projectRoot(), logs, config, SERVICE_START);
                started.add(p);
                members.add(new Member(s.instance(), p.pid(), s.port(), p.log().toString()));
                starters.put(s.instance(), () -> s.start(o.projectRoot(), logs, config, SERVICE_START));
            }
            State state = new State("http://127.0.0.1:" + reportPort, kafka.bootstrapServers(), s3.port(), members);
            JSON.writeValue(home.resolve("stack.json").toFile(), state);
            return new LocalStack(home, state, started, starters);
        } catch (RuntimeException | IOException e) {
            Collections.reverse(started);
            started.forEach(ManagedProcess::close);
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Where local datasets may be read from: {@code datasets/} under home, and the folders a user lists in
     * {@code SONGSPACE_DATASETS_ROOTS} (comma-separated).
     */
    static List<String> datasetRoots(Path home) throws IOException {
        List<String> roots = new ArrayList<>();
        roots.add(Files.createDirectories(home.resolve("datasets")).toString());
        for (String root : System.getenv().getOrDefault("SONGSPACE_DATASETS_ROOTS", "").split(",")) {
            if (!root.isBlank()) {
                roots.add(Path.of(root.strip()).toAbsolutePath().toString());
            }
        }
        return roots;
    }

    /** The API key of the stack under {@code home}. */
    public String apiKey() {
        return LocalApiKey.read(home);
    }

    /** The stack recorded under {@code home}, if every one of its processes is still alive and the API answers. */
    public static Optional<LocalStack> attach(Path home) {
        Optional<State> recorded = recorded(home);
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        State state = recorded.get();
        List<ManagedProcess> processes = new ArrayList<>();
        for (Member m : state.members()) {
            Optional<ManagedProcess> p = ManagedProcess.attach(m.name(), m.pid(), Path.of(m.log()));
            if (p.isEmpty() || !ManagedProcess.isListening(m.port())) {
                return Optional.empty();
            }
            processes.add(p.get());
        }
        return Optional.of(new LocalStack(home.toAbsolutePath(), state, processes, Map.of()));
    }

    /** Stops whatever {@code stack.json} under {@code home} records (services first), and forgets it. */
    public static List<String> stopRecorded(Path home) {
        List<String> stopped = new ArrayList<>();
        recorded(home).ifPresent(state -> {
            List<Member> members = new ArrayList<>(state.members());
            Collections.reverse(members);
            for (Member m : members) {
                ManagedProcess.attach(m.name(), m.pid(), Path.of(m.log())).ifPresent(p -> {
                    p.close();
                    stopped.add(m.name() + " (pid " + m.pid() + ")");
                });
            }
        });
        try {
            Files.deleteIfExists(home.resolve("stack.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stopped;
    }

    private static Optional<State> recorded(Path home) {
        Path file = home.resolve("stack.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), State.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Path home() {
        return home;
    }

    public State state() {
        return state;
    }

    public String apiUrl() {
        return state.apiUrl();
    }

    /** Peak resident set size of each live process (VmHWM), by name. */
    public Map<String, Long> peakRss() {
        Map<String, Long> rss = new LinkedHashMap<>();
        for (ManagedProcess p : processes) {
            p.peakRssBytes().ifPresent(b -> rss.put(p.name(), b));
        }
        return rss;
    }

    /**
     * Kills one member at once (SIGKILL, no shutdown hooks: a crash), or stops it cleanly (SIGTERM), and waits until
     * it is gone. For fault tests and operators; {@link #startAgain} brings it back.
     */
    public void stopMember(String name, boolean kill) {
        ManagedProcess p = member(name);
        if (kill) {
            p.kill();
        } else {
            p.close();
        }
    }

    /** Starts a stopped member again, as it was started (same ports, data and configuration), and waits for it. */
    public synchronized void startAgain(String name) {
        Supplier<ManagedProcess> starter = starters.get(name);
        if (starter == null) {
            throw new IllegalStateException(name + " was not started by this process; it cannot be restarted here");
        }
        ManagedProcess old = member(name);
        ManagedProcess fresh = starter.get();
        processes.set(processes.indexOf(old), fresh);
        List<Member> members = state.members().stream()
                .map(m -> m.name().equals(name) ? new Member(name, fresh.pid(), m.port(), m.log()) : m).toList();
        state = new State(state.apiUrl(), state.kafka(), state.s3Port(), members);
        try {
            JSON.writeValue(home.resolve("stack.json").toFile(), state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ManagedProcess member(String name) {
        return processes.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no member " + name + " in " + state.members()));
    }

    /** Stops every process of the stack, services first. */
    @Override
    public void close() {
        stopRecorded(home);
        List<ManagedProcess> reversed = new ArrayList<>(processes);
        Collections.reverse(reversed);
        reversed.forEach(ManagedProcess::close);
    }
}
