package io.songspace.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.songspace.common.npy.Npy;
import io.songspace.common.npy.NpyArray;
import io.songspace.stack.ApiClient;
import io.songspace.stack.LocalStack;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole suite for real: Kafka (KRaft) and s3proxy on 127.0.0.1, every service as its own JVM (two
 * feature-service instances sharing the audio jobs), a demo run triggered over HTTP with one deliberately
 * corrupt clip, and a second run of the same spec that must reproduce the metrics.
 */
class DemoRunIT {

    private static final int GENRES = 5;
    private static final int PER_GENRE = 8;
    private static final String SPEC = """
            {"dataset": {"type": "demo", "tracksPerGenre": %d, "corruptTracks": 1},
             "training": {"epochs": 20}, "seed": 7}""".formatted(PER_GENRE);
    private static final List<String> REPORT_FILES = List.of("clustering_metrics.csv", "training_history.png",
            "tsne_vae_true_labels.png", "tsne_vae_clusters.png", "tsne_pca_true_labels.png", "umap_vae_true_labels.png",
            "cluster_distribution_vae.png", "cluster_distribution_pca.png", "metrics_comparison.png", "index.html");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningStack running;
    private static LocalStack stack;
    private static ApiClient api;

    @BeforeAll
    static void startStack() throws IOException {
        running = RunningStack.start(2, Map.of());
        stack = running.stack();
        api = running.api();
    }

    @AfterAll
    static void stopStack() throws IOException {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void demoRunProducesTheFullReportAndASecondRunReproducesIt() throws Exception {
        String first = api.submit(SPEC);
        JsonNode view = running.await(first);
        assertEquals("COMPLETED", view.path("state").asText(), () -> "run failed: " + view + running.logTails());
        assertEquals(1.0, view.path("progress").asDouble(), 1e-9);
        view.path("stages").forEach(s -> assertEquals("COMPLETED", s.path("status").asText(), s::toString));

        // the corrupt clip is listed as skipped, with a reason
        JsonNode skipped = view.path("skipped");
        assertEquals(1, skipped.size(), skipped::toString);
        assertFalse(skipped.get(0).path("reason").asText().isBlank());

        // every artifact of the report exists and parses
        List<String> artifacts = api.artifacts(first);
        for (String f : REPORT_FILES) {
            assertTrue(artifacts.contains("report/" + f), () -> "missing report/" + f + " in " + artifacts);
        }
        for (String f : REPORT_FILES) {
            if (f.endsWith(".png")) {
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(api.artifact(first, "report/" + f)));
                assertNotNull(img, f + " is not a PNG");
                assertTrue(img.getWidth() >= 400 && img.getHeight() >= 300, f + " is too small");
            }
        }
        String html = new String(api.artifact(first, "report/index.html"), StandardCharsets.UTF_8);
        REPORT_FILES.stream().filter(f -> f.endsWith(".png")).forEach(f -> assertTrue(html.contains(f), "index.html lacks " + f));
        assertTrue(html.contains(skipped.get(0).path("trackId").asText()), "index.html lacks the skipped track");

        // track and label counts: every good clip is a row, the corrupt one is not
        int tracks = GENRES * PER_GENRE;
        NpyArray labels = Npy.read(api.artifact(first, "features/labels.npy"));
        assertEquals(tracks, labels.rows());
        assertEquals(GENRES, new HashSet<>(toList(labels.toInts())).size());
        assertEquals(tracks, JSON.readTree(api.artifact(first, "features/track_ids.json")).size());
        NpyArray raw = Npy.read(api.artifact(first, "features/mfcc40_raw.npy"));
        assertEquals(List.of(tracks, 40), List.of(raw.shape()[0], raw.shape()[1]));
        NpyArray patches = Npy.read(api.artifact(first, "features/mfcc_patches.npy"));
        assertEquals(List.of(tracks, 20, 128), List.of(patches.shape()[0], patches.shape()[1], patches.shape()[2]));
        NpyArray latents = Npy.read(api.artifact(first, "latents/vae.npy"));
        assertEquals(List.of(tracks, 32), List.of(latents.shape()[0], latents.shape()[1]));
        JsonNode history = JSON.readTree(api.artifact(first, "models/vae_history.json"));
        assertEquals(20, history.path("epochs").size());

        Map<String, Map<String, Double>> metrics = metrics(first);
        assertEquals(Set.of("VAE_basic+K-Means", "PCA_baseline+K-Means"), metrics.keySet());
        for (var row : metrics.values()) {
            assertInRange(row, "silhouette", -1, 1);
            assertInRange(row, "calinski_harabasz", 0, Double.MAX_VALUE);
            assertInRange(row, "davies_bouldin", 0, Double.MAX_VALUE);
            assertInRange(row, "ARI", -1, 1);
            assertInRange(row, "NMI", 0, 1);
            assertInRange(row, "purity", 1.0 / GENRES, 1);
        }

        // the second run follows the progress stream to its end and reproduces the metrics
        String second = api.submit(SPEC);
        List<JsonNode> updates = new ArrayList<>();
        api.follow(second, updates::add);
        assertFalse(updates.isEmpty(), "no progress events");
        assertEquals("COMPLETED", updates.getLast().path("state").asText(), () -> updates.getLast().toString());
        for (int i = 1; i < updates.size(); i++) {
            assertTrue(updates.get(i).path("progress").asDouble() >= updates.get(i - 1).path("progress").asDouble() - 1e-12,
                    "progress went backwards");
        }
        Map<String, Map<String, Double>> again = metrics(second);
        for (var method : metrics.keySet()) {
            for (var metric : metrics.get(method).keySet()) {
                assertEquals(metrics.get(method).get(metric), again.get(method).get(metric), 1e-6,
                        method + " " + metric + " differs between two runs of the same spec and seed");
            }
        }
    }

    /**
     * A small hard-level run: seven models (the Basic VAE, the ConvVAE, the multimodal VAE, the β sweep), eleven
     * feature sets (raw, PCA, the two text sets, the models' latents) × three algorithms, t-SNE and UMAP of every
     * set, the disentanglement of every model, the hard CSV in the report.
     */
    @Test
    void hardRunClustersEveryFeatureSetWithEveryAlgorithm() throws Exception {
        String run = api.submit("""
                {"level": "hard", "dataset": {"type": "demo", "tracksPerGenre": 6}, "training": {"epochs": 3},
                 "seed": 3}""");
        JsonNode view = running.await(run);
        assertEquals("COMPLETED", view.path("state").asText(), () -> "run failed: " + view + running.logTails());
        int tracks = GENRES * 6;

        JsonNode index = JSON.readTree(api.artifact(run, "clustering/index.json"));
        List<String> sets = new ArrayList<>();
        index.path("featureSets").forEach(f -> sets.add(f.path("id").asText()));
        assertEquals(List.of("raw", "pca", "text", "audio_text", "vae", "conv_vae", "multimodal_vae", "beta_vae_0.5",
                "beta_vae_1.0", "beta_vae_4.0", "beta_vae_10.0"), sets);
        assertEquals(33, index.path("rows").size(), "11 feature sets × 3 algorithms");
        for (JsonNode set : index.path("featureSets")) {
            for (String method : List.of("tsne", "umap")) {
                NpyArray e = Npy.read(api.artifact(run, RunningStack.relative(run, set.path("embeddings").path(method).asText())));
                assertEquals(List.of(tracks, 2), List.of(e.shape()[0], e.shape()[1]), method + " of " + set);
            }
        }
        for (JsonNode row : index.path("rows")) {
            NpyArray assigned = Npy.read(api.artifact(run, RunningStack.relative(run, row.path("assignments").asText())));
            assertEquals(tracks, assigned.rows(), row::toString);
        }
        assertEquals(7, index.path("disentanglement").size(), "one row per model");
        NpyArray conv = Npy.read(api.artifact(run, "latents/conv_vae.npy"));
        assertEquals(List.of(tracks, 32), List.of(conv.shape()[0], conv.shape()[1]));
        JsonNode card = JSON.readTree(api.artifact(run, "models/conv_vae_card.json"));
        assertEquals("conv_vae", card.path("architecture").asText());
        assertTrue(card.path("parameters").asLong() > 100_000, card::toString);

        String csv = new String(api.artifact(run, "report/clustering_metrics_hard_task.csv"), StandardCharsets.UTF_8);
        var records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertEquals(33, records.size());
        assertTrue(records.stream().anyMatch(r -> r.get("method").equals("BetaVAE_beta_10.0+DBSCAN")), csv);
        assertTrue(records.stream().anyMatch(r -> r.get("method").equals("VAE_conv+Agglomerative")), csv);
        assertTrue(records.stream().anyMatch(r -> r.get("method").equals("Audio+Text_concat+K-Means")), csv);
        String html = new String(api.artifact(run, "report/index.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("Raw_audio+DBSCAN") && html.contains("Disentanglement"), "every row in the page");
        List<String> artifacts = api.artifacts(run);
        for (String file : List.of("analysis.json", "hard_task_summary_table.tex", "tsne_comparison.png",
                "metrics_heatmap.png", "architecture_comparison.png", "clustering_algorithms_comparison.png",
                "summary_figure.png", "conv_vae_training_history.png", "multimodal_training_history.png",
                "beta_vae_comparison.png", "beta_vae_latent_comparison.png", "disentanglement_analysis.png",
                "hard_task_performance_summary.png", "multimodal_benefit.csv")) {
            assertTrue(artifacts.contains("report/" + file), "the hard report has " + file);
            assertTrue(html.contains(file), "index.html links " + file);
        }
        JsonNode analysis = JSON.readTree(api.artifact(run, "report/analysis.json"));
        assertEquals(4, analysis.path("beta").path("betas").size(), "the four β of the sweep");
        assertFalse(analysis.path("findings").isEmpty(), "key findings");
    }

    /**
     * The medium run of {@link GeniusRunIT} on a stack without a Genius token: every track without lyrics of its
     * own gets its metadata text, and the run completes with the text rows and the multimodal model.
     */
    @Test
    void mediumRunWithoutAGeniusTokenUsesMetadataText() throws Exception {
        String run = api.submit(GeniusRunIT.MEDIUM_SPEC);
        JsonNode view = running.await(run);
        assertEquals("COMPLETED", view.path("state").asText(), () -> "run failed: " + view + running.logTails());
        Map<String, Integer> sources = GeniusRunIT.sourceCounts(api, run);
        assertEquals(GeniusRunIT.datasetLyrics(), sources.getOrDefault("lyrics", 0), sources::toString);
        assertEquals(GeniusRunIT.TRACKS - GeniusRunIT.datasetLyrics(), sources.get("metadata"), sources::toString);
        GeniusRunIT.assertMediumRows(api, run);
    }

    @Test
    void malformedSpecIsRejectedNamingTheField() {
        ApiClient.ApiException e = assertThrows(ApiClient.ApiException.class,
                () -> api.submit("{\"dataset\": {\"type\": \"mp4\"}}"), "a dataset of type mp4 was accepted");
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("dataset.type"), e.getMessage());
    }

    @Test
    void withoutTheKeyNothingIsAcceptedOrServed() {
        ApiClient anonymous = new ApiClient(stack.apiUrl(), "not-the-key");
        assertEquals(401, assertThrows(ApiClient.ApiException.class, () -> anonymous.submit(SPEC)).status());
        assertEquals(401, assertThrows(ApiClient.ApiException.class, () -> anonymous.artifacts("r-1")).status());
        var outside = assertThrows(ApiClient.ApiException.class, () -> api.submit(
                "{\"dataset\": {\"type\": \"table\", \"path\": \"/etc/passwd\"}}"));
        assertEquals(400, outside.status());
        assertTrue(outside.getMessage().contains("dataset.path"), outside.getMessage());
        assertFalse(outside.getMessage().contains("root:"), outside.getMessage());
    }

    @Test
    void featureWorkersShareTheAudioJobPartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.state().kafka()))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<Set<Integer>> assignments = List.of();
            while (System.nanoTime() < deadline) {
                var group = admin.describeConsumerGroups(List.of("feature-workers")).all().get().get("feature-workers");
                assignments = group.members().stream()
                        .map(m -> m.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals("audio.jobs"))
                                .map(tp -> tp.partition()).collect(java.util.stream.Collectors.toSet()))
                        .filter(a -> !a.isEmpty()).toList();
                if (assignments.size() == 2 && assignments.stream().mapToInt(Set::size).sum() == 24) {
                    break;
                }
                Thread.sleep(500);
            }
            assertEquals(2, assignments.size(), "audio.jobs should be shared by both feature-service instances: " + assignments);
            Set<Integer> all = new HashSet<>();
            assignments.forEach(all::addAll);
            assertEquals(24, all.size(), "every audio.jobs partition should have a worker: " + assignments);
        }
    }

    @Test
    void aSecondInvocationFindsTheRunningStack() {
        var attached = LocalStack.attach(stack.home());
        assertTrue(attached.isPresent(), "the running stack was not found again");
        assertEquals(stack.state().members(), attached.get().state().members());
    }

    private static Map<String, Map<String, Double>> metrics(String runId) throws IOException {
        String csv = new String(api.artifact(runId, "report/clustering_metrics.csv"), StandardCharsets.UTF_8);
        var records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv));
        assertEquals(List.of("method", "silhouette", "calinski_harabasz", "davies_bouldin", "ARI", "NMI", "purity"),
                records.getHeaderNames());
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        for (CSVRecord r : records) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (String h : records.getHeaderNames().subList(1, 7)) {
                values.put(h, Double.parseDouble(r.get(h)));
            }
            rows.put(r.get("method"), values);
        }
        return rows;
    }

    private static void assertInRange(Map<String, Double> row, String metric, double lo, double hi) {
        double v = row.get(metric);
        assertTrue(Double.isFinite(v) && v >= lo && v <= hi, metric + " = " + v + " outside [" + lo + ", " + hi + "]");
    }

    private static List<Integer> toList(int[] a) {
        List<Integer> l = new ArrayList<>();
        for (int x : a) {
            l.add(x);
        }
        return l;
    }
}
