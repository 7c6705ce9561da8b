package io.songspace.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.songspace.stack.ApiClient;
import io.songspace.stack.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.io.file.PathUtils;

/**
 * The features stage end to end: a folder of audio through the local stack (feature workers, Kafka, the S3 server,
 * the assembler), timed as the run reports its FEATURES stage, alternating with the study's Python reference
 * ({@code seed_pipeline_ref.py --stop-after features}, its best 2-core setting) when one is given. Prints every
 * run, each side's median, the ratio of the medians and of each pair, the cost of a track step by step (from the
 * workers' {@code songspace_track_step_seconds}), tracks per second and CPU seconds per track (all the stack's
 * processes together).
 *
 * <p>Usage: {@code ./songspace bench-features FOLDER…}, with {@code -Dbench.runs=N} (3), {@code -Dbench.warmups=N}
 * (8), {@code -Dbench.workers=N} (2) and {@code -Dbench.reference=DIR} (the folder of {@code seed_pipeline_ref.py})
 * in {@code BENCH_OPTS}; the reference's PYTHONPATH (librosa, soxr) comes from
 * {@code SONGSPACE_REFERENCE_PYTHONPATH}. The stack is started once, warmed up with runs of the first folder, and
 * stopped at the end; each songspace run is cancelled once its features are assembled, so training does not
 * overlap the next measurement.
 */
public final class FeatureStageBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STEP = Pattern.compile(
            "songspace_track_step_seconds_(sum|count)\\{[^}]*step=\"([a-z]+)\"[^}]*} ([0-9.eE+-]+)");
    private static final List<String> STEPS = List.of("queue", "fetch", "decode", "resample", "mfcc", "store",
            "events");

    private record Options(int runs, int warmups, int workers, Optional<Path> reference, List<Path> folders) {
    }

    /**
     * One songspace run: the stage's seconds, its tracks, the step totals (s) and counts, and the CPU seconds each
     * process of the stack used meanwhile (by member name).
     */
    private record Measured(double seconds, int tracks, Map<String, double[]> steps, Map<String, Double> cpu) {

        double cpuSeconds() {
            return cpu.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private FeatureStageBench() {
    }

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        Path root = Path.of(System.getProperty("songspace.root", ".")).toAbsolutePath();
        Path home = Files.createTempDirectory("songspace-bench-stack");
        String roots = String.join(",", o.folders().stream().map(f -> f.toAbsolutePath().toString()).toList());
        System.out.printf(Locale.ROOT, "starting the local stack (%d feature workers) under %s; %d cores%n",
                o.workers(), home, Runtime.getRuntime().availableProcessors());
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(home, root, o.workers(),
                Map.of("songspace.datasets.roots", roots)), msg -> { })) {
            ApiClient api = new ApiClient(stack.apiUrl(), stack.apiKey());
            // measured runs start from a warm stack, as a long-running service is: the services' JIT compilers were
            // still busy in a fifth run (the feature worker's C2 thread spent about 0.7 CPU-seconds in it)
            System.out.printf(Locale.ROOT, "%d warm-up runs (not counted)…%n", o.warmups());
            for (int i = 0; i < o.warmups(); i++) {
                songspace(stack, api, o.folders().getFirst());
            }
            for (Path folder : o.folders()) {
                List<Double> python = new ArrayList<>();
                List<Measured> ours = new ArrayList<>();
                for (int r = 1; r <= o.runs(); r++) {
                    if (o.reference().isPresent()) {
                        double p = reference(o.reference().get(), folder);
                        python.add(p);
                        System.out.printf(Locale.ROOT, "%s run %d  python    %7.2f s%n", folder.getFileName(), r, p);
                    }
                    Measured m = songspace(stack, api, folder);
                    ours.add(m);
                    System.out.printf(Locale.ROOT, "%s run %d  songspace %7.2f s  (%d tracks, %.1f tracks/s, %.3f "
                            + "CPU s/track)%n", folder.getFileName(), r, m.seconds(), m.tracks(),
                            m.tracks() / m.seconds(), m.cpuSeconds() / m.tracks());
                }
                report(folder, o, python, ours);
            }
        } catch (Exception | Error e) {
            System.err.printf(Locale.ROOT, "the stack's data and logs are kept under %s%n", home);
            throw e;
        }
        // half a gigabyte of Kafka log and stored features per sitting: gone once the numbers are printed
        PathUtils.deleteDirectory(home);
    }

    private static void report(Path folder, Options o, List<Double> python, List<Measured> ours) {
        double[] s = ours.stream().mapToDouble(Measured::seconds).toArray();
        System.out.printf(Locale.ROOT, "%n== %s: features stage, %d runs each, %d feature workers, %d cores ==%n",
                folder, o.runs(), o.workers(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "songspace  median %7.2f s  (min %.2f, max %.2f)  %.1f tracks/s  %.3f CPU "
                + "s/track%n", median(s), Arrays.stream(s).min().orElse(0), Arrays.stream(s).max().orElse(0),
                ours.getFirst().tracks() / median(s),
                ours.stream().mapToDouble(m -> m.cpuSeconds() / m.tracks()).average().orElse(0));
        if (!python.isEmpty()) {
            double[] p = python.stream().mapToDouble(Double::doubleValue).toArray();
            System.out.printf(Locale.ROOT, "python     median %7.2f s  (min %.2f, max %.2f)%n", median(p),
                    Arrays.stream(p).min().orElse(0), Arrays.stream(p).max().orElse(0));
            StringBuilder pairs = new StringBuilder();
            for (int i = 0; i < p.length; i++) {
                pairs.append(String.format(Locale.ROOT, " %.2f", p[i] / s[i]));
            }
            System.out.printf(Locale.ROOT, "ratio python/songspace of the medians: %.2f  (pair by pair:%s)%n",
                    median(p) / median(s), pairs);
        }
        System.out.println("a track's time by step, mean ms (each worker thread's wall time; steps of one track run "
                + "in sequence, tracks in parallel):");
        Map<String, double[]> total = new LinkedHashMap<>();
        for (Measured m : ours) {
            m.steps().forEach((step, v) -> total.merge(step, v.clone(), (a, b) -> new double[] {a[0] + b[0],
                    a[1] + b[1]}));
        }
        for (String step : STEPS) {
            double[] v = total.getOrDefault(step, new double[2]);
            System.out.printf(Locale.ROOT, "  %-9s %8.2f%n", step, v[1] == 0 ? 0 : 1000 * v[0] / v[1]);
        }
        System.out.println("CPU ms per track by process (all runs):");
        Map<String, Double> cpu = new LinkedHashMap<>();
        ours.forEach(m -> m.cpu().forEach((name, seconds) -> cpu.merge(name, seconds, Double::sum)));
        int tracks = ours.stream().mapToInt(Measured::tracks).sum();
        cpu.forEach((name, seconds) -> System.out.printf(Locale.ROOT, "  %-18s %8.2f%n", name, 1000 * seconds / tracks));
    }

    /** One folder run through the API: FEATURES seconds as the run reports them, then the run is cancelled. */
    private static Measured songspace(LocalStack stack, ApiClient api, Path folder) throws Exception {
        Map<String, double[]> before = steps(stack);
        Map<String, Double> cpuBefore = cpuSeconds(stack);
        ObjectNode spec = JSON.createObjectNode();
        spec.putObject("dataset").put("type", "folder").put("path", folder.toAbsolutePath().toString());
        spec.putArray("models").addObject().put("id", "vae").put("architecture", "vae").put("epochs", 1);
        spec.putObject("text").put("enabled", false);
        String run = api.submit(JSON.writeValueAsString(spec));
        JsonNode features = awaitFeatures(api, run);
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpuSeconds(stack).forEach((name, seconds) -> cpu.put(name, seconds - cpuBefore.getOrDefault(name, 0.0)));
        api.cancel(run);
        Map<String, double[]> after = steps(stack);
        Map<String, double[]> delta = new LinkedHashMap<>();
        after.forEach((step, v) -> {
            double[] b = before.getOrDefault(step, new double[2]);
            delta.put(step, new double[] {v[0] - b[0], v[1] - b[1]});
        });
        return new Measured(features.path("seconds").asDouble(), features.path("total").asInt(), delta, cpu);
    }

    private static JsonNode awaitFeatures(ApiClient api, String run) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode view = api.run(run);
            for (JsonNode stage : view.path("stages")) {
                if (stage.path("stage").asText().equals("FEATURES") && stage.path("status").asText().equals("COMPLETED")) {
                    return stage;
                }
            }
            if (view.path("state").asText().equals("FAILED")) {
                throw new IllegalStateException("run " + run + " failed: " + view.path("error").asText());
            }
            // the stage's seconds are the server's timestamps: polling often would only load the API
            Thread.sleep(500);
        }
        throw new IllegalStateException("run " + run + ": features not done within 30 minutes");
    }

    /** The feature workers' step timers summed over the workers: step → {seconds, tracks}. */
    private static Map<String, double[]> steps(LocalStack stack) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, double[]> steps = new LinkedHashMap<>();
        for (LocalStack.Member m : stack.state().members()) {
            if (!m.name().startsWith("feature-service")) {
                continue;
            }
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.port() + "/q/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = STEP.matcher(body);
            while (matcher.find()) {
                double[] v = steps.computeIfAbsent(matcher.group(2), k -> new double[2]);
                v[matcher.group(1).equals("sum") ? 0 : 1] += Double.parseDouble(matcher.group(3));
            }
        }
        return steps;
    }

    /** CPU seconds used so far by each process of the stack (services, Kafka, the S3 server), by member name. */
    private static Map<String, Double> cpuSeconds(LocalStack stack) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (LocalStack.Member m : stack.state().members()) {
            cpu.put(m.name(), ProcessHandle.of(m.pid()).flatMap(h -> h.info().totalCpuDuration())
                    .map(d -> d.toNanos() / 1e9).orElse(0.0));
        }
        return cpu;
    }

    /** The reference's features stage wall seconds, from its run.json. */
    private static double reference(Path reference, Path folder) throws IOException, InterruptedException {
        Path out = Files.createTempDirectory("songspace-bench-python");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "-W", "ignore",
                reference.resolve("seed_pipeline_ref.py").toString(), folder.toAbsolutePath().toString(),
                "--out", out.toString(), "--threads", "2", "--feature-jobs", "2", "--stop-after", "features",
                "--skip-figures").redirectErrorStream(true).redirectOutput(out.resolve("log.txt").toFile());
        String pythonPath = System.getenv("SONGSPACE_REFERENCE_PYTHONPATH");
        if (pythonPath != null) {
            pb.environment().put("PYTHONPATH", pythonPath);
        }
        int code = pb.start().waitFor();
        if (code != 0) {
            throw new IllegalStateException("the reference failed (exit " + code + "); see " + out.resolve("log.txt"));
        }
        double seconds = JSON.readTree(out.resolve("run.json").toFile()).path("stages").path("features")
                .path("wall_s").asDouble();
        PathUtils.deleteDirectory(out);
        return seconds;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Options parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: FeatureStageBench FOLDER… (-Dbench.runs, -Dbench.warmups, "
                    + "-Dbench.workers, -Dbench.reference)");
        }
        return new Options(Integer.getInteger("bench.runs", 3), Integer.getInteger("bench.warmups", 8),
                Integer.getInteger("bench.workers", 2),
                Optional.ofNullable(System.getProperty("bench.reference")).map(Path::of),
                Arrays.stream(args).map(Path::of).toList());
    }
}
