package io.songspace.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.songspace.stack.ApiClient;
import io.songspace.stack.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** A local stack started for one test class, its API, and what a failing test wants to see of it. */
final class RunningStack implements AutoCloseable {

    private final LocalStack stack;
    private final ApiClient api;

    private RunningStack(LocalStack stack) {
        this.stack = stack;
        this.api = new ApiClient(stack.apiUrl(), stack.apiKey());
    }

    /** Every service with {@code featureWorkers} feature-service instances and {@code serviceConfig} besides. */
    static RunningStack start(int featureWorkers, Map<String, String> serviceConfig) throws IOException {
        Path root = Path.of(System.getProperty("songspace.root", "..")).toAbsolutePath();
        Path home = Files.createTempDirectory("songspace-e2e");
        return new RunningStack(LocalStack.start(new LocalStack.Options(home, root, featureWorkers, serviceConfig),
                msg -> System.out.println("[stack] " + msg)));
    }

    LocalStack stack() {
        return stack;
    }

    ApiClient api() {
        return api;
    }

    /** The run's view once it completed, failed or was cancelled; fails the test after 10 minutes with the services' logs. */
    JsonNode await(String runId) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        JsonNode view = api.run(runId);
        while (System.nanoTime() < deadline) {
            view = api.run(runId);
            String state = view.path("state").asText();
            if (state.equals("COMPLETED") || state.equals("FAILED") || state.equals("CANCELLED")) {
                return view;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("run " + runId + " did not finish within 10 minutes: " + view + logTails());
    }

    /** The end of every service's log, for a failure message. */
    String logTails() {
        StringBuilder sb = new StringBuilder();
        for (LocalStack.Member m : stack.state().members()) {
            try {
                List<String> lines = Files.readAllLines(Path.of(m.log()));
                sb.append("\n--- ").append(m.name()).append(" (").append(m.log()).append(")\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            } catch (IOException e) {
                sb.append("\n--- ").append(m.name()).append(": no log (").append(e.getMessage()).append(')');
            }
        }
        return sb.toString();
    }

    /** An artifact key relative to its run's folder, as the artifacts API takes it. */
    static String relative(String runId, String key) {
        return key.substring(("runs/" + runId + "/").length());
    }

    @Override
    public void close() throws IOException {
        System.out.println("[stack] peak RSS: " + stack.peakRss());
        stack.close();
        try (var files = Files.walk(stack.home())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
