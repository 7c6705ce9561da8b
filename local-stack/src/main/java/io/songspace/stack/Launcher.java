package io.songspace.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code songspace} command: starts the local stack (or reuses a running one), triggers a run through the
 * public API, shows its progress and prints where the report is. {@code ./songspace help} lists the commands.
 */
public final class Launcher {

    private static final String USAGE = """
            usage: songspace <command> [options]
              demo    start the stack (or reuse it), run the demo corpus, print where the report is
                        --tracks-per-genre N (default 40)  --epochs N (default 50)  --seed N (default 42)
                        --corrupt N (deliberately corrupt clips, default 0)  --feature-workers N (default 2)
              run F   like demo, for the run spec in JSON file F (see README)
              up      start the stack (or reuse it) and leave it running   [--feature-workers N]
              cancel ID  cancel a run: every service stops its work for it
              status  show the recorded stack and whether it is alive
              stop    stop every process of the stack
              doctor  the native libraries songspace opens: the file each resolves to, its Debian package
              test    every test (unit, service, end-to-end)      bench   the benchmarks
            Everything lives under $SONGSPACE_HOME (default: .songspace in the source tree).
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream out = System.out;
    private final Path root = StackClasspath.projectRoot();
    private final Path home = Path.of(System.getenv().getOrDefault("SONGSPACE_HOME", root.resolve(".songspace").toString()))
            .toAbsolutePath();

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            System.out.print(USAGE);
            return;
        }
        Map<String, String> opts = options(args);
        Launcher l = new Launcher();
        int code = switch (args[0]) {
            case "demo" -> l.run(demoSpec(opts), opts);
            case "run" -> l.run(Files.readString(Path.of(opts.getOrDefault("_1", ""))), opts);
            case "up" -> l.up(opts);
            case "status" -> l.status();
            case "cancel" -> l.cancel(opts.getOrDefault("_1", ""));
            case "stop" -> l.stop();
            default -> {
                System.err.print("unknown command: " + args[0] + "\n" + USAGE);
                yield 2;
            }
        };
        System.exit(code);
    }

    private int up(Map<String, String> opts) {
        LocalStack stack = ensureStack(opts, new AtomicBoolean());
        out.println("stack is up: API " + stack.apiUrl() + " (Swagger UI " + stack.apiUrl() + "/q/swagger-ui); stop it with ./songspace stop");
        return 0;
    }

    private int cancel(String runId) {
        var stack = LocalStack.attach(home);
        if (stack.isEmpty()) {
            out.println("no running stack under " + home);
            return 1;
        }
        JsonNode view = new ApiClient(stack.get().apiUrl(), stack.get().apiKey()).cancel(runId);
        out.println("run " + runId + " " + view.path("state").asText() + ": " + view.path("error").asText(""));
        return 0;
    }

    private int status() {
        var stack = LocalStack.attach(home);
        if (stack.isEmpty()) {
            out.println("no running stack under " + home);
            return 1;
        }
        out.println("stack under " + home + ": API " + stack.get().apiUrl());
        stack.get().state().members().forEach(m -> out.printf("  %-18s pid %-8d port %-6d log %s%n", m.name(), m.pid(), m.port(), m.log()));
        return 0;
    }

    private int stop() {
        List<String> stopped = LocalStack.stopRecorded(home);
        out.println(stopped.isEmpty() ? "nothing to stop under " + home : "stopped " + String.join(", ", stopped));
        return 0;
    }

    /** Runs one spec end to end, with a progress bar, and prints the report's location. */
    private int run(String specJson, Map<String, String> opts) throws IOException {
        AtomicBoolean startedHere = new AtomicBoolean();
        LocalStack stack = ensureStack(opts, startedHere);
        AtomicBoolean finished = new AtomicBoolean();
        // Ctrl-C while the run is going stops every process this invocation started
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (startedHere.get() && !finished.get()) {
                out.println("\nstopping the stack…");
                stack.close();
            }
        }));
        ApiClient api = new ApiClient(stack.apiUrl(), stack.apiKey());
        String runId = api.submit(specJson);
        out.println("run " + runId + " accepted; following " + stack.apiUrl() + "/api/runs/" + runId + "/events");
        AtomicReference<JsonNode> last = new AtomicReference<>();
        ProgressBar bar = new ProgressBar(out, System.console() != null);
        api.follow(runId, view -> {
            last.set(view);
            bar.show(view);
        });
        JsonNode view = last.get() != null ? last.get() : api.run(runId);
        bar.done();
        finished.set(true);
        String state = view.path("state").asText();
        printSkipped(view);
        if (!"COMPLETED".equals(state)) {
            out.println("run " + runId + " " + state + ": " + view.path("error").asText("(no reason given)"));
            out.println("service logs: " + home.resolve("logs"));
            return 1;
        }
        Path reportDir = home.resolve("reports").resolve(runId);
        List<Path> files = api.download(runId, "report/", reportDir);
        out.println();
        out.println("report: " + reportDir.resolve("index.html") + " (" + files.size() + " files)");
        out.println("        " + stack.apiUrl() + "/api/runs/" + runId + "/artifacts/report/index.html");
        out.println("all artifacts: " + stack.apiUrl() + "/api/runs/" + runId + "/artifacts");
        out.println();
        out.println("peak RSS during the run:");
        stack.peakRss().forEach((name, bytes) -> out.printf("  %-18s %6.0f MiB%n", name, bytes / 1048576.0));
        out.println();
        out.println("the stack is still running (API " + stack.apiUrl() + "); stop it with ./songspace stop");
        return 0;
    }

    private void printSkipped(JsonNode view) {
        JsonNode skipped = view.path("skipped");
        if (skipped.isArray() && !skipped.isEmpty()) {
            out.println(skipped.size() + " track(s) skipped:");
            skipped.forEach(s -> out.println("  " + s.path("trackId").asText() + ": " + s.path("reason").asText()));
        }
    }

    /** Reuses the recorded stack when it is alive and has the requested shape; otherwise stops leftovers and starts afresh. */
    private LocalStack ensureStack(Map<String, String> opts, AtomicBoolean startedHere) {
        int workers = Integer.parseInt(opts.getOrDefault("feature-workers", "2"));
        var existing = LocalStack.attach(home);
        long runningWorkers = existing.map(s -> s.state().members().stream().filter(m -> m.name().startsWith("feature-service")).count()).orElse(0L);
        if (existing.isPresent() && runningWorkers == workers) {
            out.println("reusing the running stack under " + home);
            return existing.get();
        }
        List<String> stopped = LocalStack.stopRecorded(home);
        if (!stopped.isEmpty()) {
            out.println("stopped the previous stack: " + String.join(", ", stopped));
        }
        startedHere.set(true);
        return LocalStack.start(new LocalStack.Options(home, root, workers), msg -> out.println(msg));
    }

    static String demoSpec(Map<String, String> opts) {
        ObjectNode spec = JSON.createObjectNode();
        ObjectNode dataset = spec.putObject("dataset").put("type", "demo")
                .put("tracksPerGenre", Integer.parseInt(opts.getOrDefault("tracks-per-genre", "40")));
        if (opts.containsKey("corrupt")) {
            dataset.put("corruptTracks", Integer.parseInt(opts.get("corrupt")));
        }
        spec.putObject("training").put("epochs", Integer.parseInt(opts.getOrDefault("epochs", "50")));
        spec.put("seed", Long.parseLong(opts.getOrDefault("seed", "42")));
        return spec.toString();
    }

    /** {@code --name value} pairs; positional arguments after the command as {@code _1, _2, …}. */
    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        int positional = 0;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                opts.put(args[i].substring(2).toLowerCase(Locale.ROOT), args[++i]);
            } else {
                opts.put("_" + (++positional), args[i]);
            }
        }
        return opts;
    }
}
