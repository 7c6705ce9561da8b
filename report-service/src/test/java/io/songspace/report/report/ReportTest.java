package io.songspace.report.report;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.ClusteringIndex;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.Channels;
import io.songspace.common.store.ObjectStore;
import io.songspace.report.TestRuns;
import io.songspace.report.config.ReportConfig;
import io.songspace.report.registry.RunRegistry;
import io.songspace.report.registry.RunView;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class ReportTest {

    private static final List<String> LABEL_FIGURES = List.of(ReportBuilder.TSNE_VAE_TRUE_LABELS,
            ReportBuilder.TSNE_PCA_TRUE_LABELS, ReportBuilder.UMAP_VAE_TRUE_LABELS);
    private static final List<String> SINGLE_FIGURES = List.of(ReportBuilder.TSNE_VAE_CLUSTERS,
            ReportBuilder.CLUSTER_DISTRIBUTION_VAE, ReportBuilder.CLUSTER_DISTRIBUTION_PCA,
            ReportBuilder.METRICS_COMPARISON);

    @Inject
    ObjectStore store;

    @Inject
    RunRegistry registry;

    @Inject
    ReportBuilder builder;

    @Inject
    ReportConfig config;

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Test
    void clusteringCompletedBuildsTheReportAndCompletesTheRun() throws IOException {
        String id = TestRuns.createDemo();
        SyntheticRun.write(store, id, true);
        connector.<PipelineEvent>source(Channels.PIPELINE_EVENTS_IN).send(
                PipelineEvent.completed(id, Stage.CLUSTERING, "clustered", Map.of()));

        RunView run = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> registry.find(id).orElseThrow(), r -> r.state().terminal());
        assertEquals(RunView.State.COMPLETED, run.state(), () -> "error: " + run.error());
        assertEquals("/api/runs/" + id + "/artifacts/report/index.html", run.reportUrl());
        assertEquals(1.0, run.progress(), 1e-9);

        List<PipelineEvent> published = awaitPublished(id, 2);
        assertEquals(List.of(PipelineEvent.Status.STARTED, PipelineEvent.Status.COMPLETED),
                published.stream().map(PipelineEvent::status).toList());
        assertEquals(Map.of("index", ArtifactKeys.report(id, "index.html")), published.getLast().details());

        for (String png : LABEL_FIGURES) {
            assertPng(id, png, config.figures().width(), config.figures().height());
        }
        for (String png : SINGLE_FIGURES) {
            assertPng(id, png, config.figures().width(), config.figures().height());
        }
        BufferedImage history = png(id, ReportBuilder.TRAINING_HISTORY);
        assertEquals(3 * history.getHeight(), history.getWidth(), "three square panels");
        assertTrue(history.getHeight() >= 300);

        List<CSVRecord> rows = csv(id);
        assertEquals(List.of("VAE_basic+K-Means", "PCA_baseline+K-Means"), rows.stream().map(r -> r.get("method")).toList());
        assertEquals(SyntheticRun.VAE.calinskiHarabasz(), Double.parseDouble(rows.get(0).get("calinski_harabasz")));
        assertEquals(SyntheticRun.PCA.purity(), Double.parseDouble(rows.get(1).get("purity")));
        assertEquals(SyntheticRun.VAE.ari(), Double.parseDouble(rows.get(0).get("ARI")));

        String tex = text(id, ReportBuilder.METRICS_TEX);
        assertTrue(tex.contains("\\toprule") && tex.contains("\\midrule") && tex.contains("\\bottomrule"), tex);
        assertTrue(tex.contains("VAE\\_basic+K-Means & \\textbf{0.4123} & \\textbf{187.3} & \\textbf{0.9021}"), tex);
        assertTrue(tex.contains("PCA\\_baseline+K-Means & 0.2877 & 95.5 & 1.3104"), tex);

        String html = text(id, ReportBuilder.INDEX);
        for (String figure : concat(LABEL_FIGURES, SINGLE_FIGURES, List.of(ReportBuilder.TRAINING_HISTORY))) {
            assertTrue(html.contains("<img src=\"" + figure + "\""), figure);
        }
        assertTrue(html.contains("href=\"clustering_metrics.csv\"") && html.contains("href=\"clustering_metrics_table.tex\""));
        assertTrue(html.contains("<td>108925</td><td>decode: &lt;unexpected EOF&gt;</td>"), "skipped tracks with reasons");
        assertTrue(html.contains("href=\"../clustering/index.json\""), "raw artifacts, relative");
        assertFalse(store.exists(ArtifactKeys.report(id, ReportBuilder.METRICS_ALL_CSV)), "an easy run has one table");
        assertTrue(html.contains("href=\"../spec.json\""));
        assertFalse(html.contains("http://") || html.contains("https://"), "no external resources");
    }

    @Test
    void unlabelledRunHasNoTrueLabelFiguresAndNoLabelMetrics() throws IOException {
        String id = TestRuns.createDemo();
        SyntheticRun.write(store, id, false);
        String index = builder.build(registry.find(id).orElseThrow());
        assertEquals(ArtifactKeys.report(id, "index.html"), index);

        for (String png : LABEL_FIGURES) {
            assertFalse(store.exists(ArtifactKeys.report(id, png)), png);
        }
        for (String png : SINGLE_FIGURES) {
            assertPng(id, png, config.figures().width(), config.figures().height());
        }
        List<CSVRecord> rows = csv(id);
        for (CSVRecord row : rows) {
            assertEquals("", row.get("ARI"));
            assertEquals("", row.get("NMI"));
            assertEquals("", row.get("purity"));
            assertFalse(row.get("silhouette").isEmpty());
        }
        String html = text(id, ReportBuilder.INDEX);
        assertFalse(html.contains("true_labels"));
        assertTrue(html.contains("unlabelled"));
    }

    @Test
    void hardRunHasEveryRowInItsCsvAndTheDisentanglementTable() throws IOException {
        String id = TestRuns.createDemo();
        SyntheticRun.write(store, id, true, RunSpec.HARD);
        builder.build(registry.find(id).orElseThrow());

        // 11 feature sets (raw, pca, text, audio_text, vae, conv_vae, multimodal_vae, four β) × 3 algorithms
        List<CSVRecord> rows = csv(id, ReportBuilder.METRICS_HARD_CSV);
        assertEquals(33, rows.size());
        assertEquals(List.of("method", "silhouette", "calinski_harabasz", "davies_bouldin", "ARI", "NMI", "purity",
                "n_clusters", "n_noise"), rows.getFirst().getParser().getHeaderNames());
        assertEquals(11, rows.stream().filter(r -> r.get("method").endsWith("+dbscan")).count());
        assertTrue(rows.stream().filter(r -> r.get("method").endsWith("+dbscan"))
                .allMatch(r -> r.get("n_noise").equals("6")), "DBSCAN rows carry their noise count");
        assertEquals(2, csv(id).size(), "the easy table keeps its two rows");
        String html = text(id, ReportBuilder.INDEX);
        for (CSVRecord row : rows) {
            assertTrue(html.contains("<tr><td>" + row.get("method") + "</td>"), "the HTML table shows " + row);
        }
        assertTrue(html.contains("Disentanglement") && html.contains("BetaVAE_beta_10.0"), "disentanglement table");
        assertTrue(html.contains("href=\"clustering_metrics_hard_task.csv\""));
        assertTrue(html.contains("20 from lyrics, 40 from metadata"), "the text sources in the summary");

        // the multimodal benefit: per algorithm and metric, both models and the gain, positive when better
        List<CSVRecord> benefit = csv(id, ReportBuilder.MULTIMODAL_BENEFIT_CSV);
        assertEquals(3 * 6, benefit.size());
        CSVRecord db = benefit.stream().filter(r -> r.get("algorithm").equals("agglomerative")
                && r.get("metric").equals("Davies-Bouldin")).findFirst().orElseThrow();
        assertEquals(Double.parseDouble(db.get("VAE_basic")) - Double.parseDouble(db.get("VAE_multimodal")),
                Double.parseDouble(db.get("gain")), 1e-12, "lower is better: the gain is the decrease");
        CSVRecord ari = benefit.stream().filter(r -> r.get("algorithm").equals("dbscan")
                && r.get("metric").equals("ARI")).findFirst().orElseThrow();
        assertEquals(Double.parseDouble(ari.get("VAE_multimodal")) - Double.parseDouble(ari.get("VAE_basic")),
                Double.parseDouble(ari.get("gain")), 1e-12);
        assertTrue(html.contains("href=\"multimodal_benefit.csv\""));
    }

    @Test
    void aRunWithoutUmapHasEveryFigureButTheUmapOne() throws IOException {
        String id = TestRuns.createDemo();
        SyntheticRun.write(store, id, true);
        ClusteringIndex index = store.getJson(ArtifactKeys.clusteringIndex(id), ClusteringIndex.class);
        store.putJson(ArtifactKeys.clusteringIndex(id), new ClusteringIndex(index.tracks(), index.k(),
                index.featureSets().stream().map(f -> new ClusteringIndex.FeatureSetEntry(f.id(), f.name(), f.model(),
                        f.dimensions(), Map.of("tsne", f.embeddings().get("tsne")))).toList(),
                index.rows(), index.disentanglement()));
        builder.build(registry.find(id).orElseThrow());
        assertFalse(store.exists(ArtifactKeys.report(id, ReportBuilder.UMAP_VAE_TRUE_LABELS)));
        assertPng(id, ReportBuilder.TSNE_VAE_CLUSTERS, config.figures().width(), config.figures().height());
        assertFalse(text(id, ReportBuilder.INDEX).contains(ReportBuilder.UMAP_VAE_TRUE_LABELS));
    }

    @Test
    void missingArtifactsFailTheReportStageWithTheReason() {
        String id = TestRuns.createDemo();
        connector.<PipelineEvent>source(Channels.PIPELINE_EVENTS_IN).send(
                PipelineEvent.completed(id, Stage.CLUSTERING, "clustered", Map.of()));
        RunView run = await().atMost(Duration.ofSeconds(30)).until(() -> registry.find(id).orElseThrow(),
                r -> r.state().terminal());
        assertEquals(RunView.State.FAILED, run.state());
        assertTrue(run.error().startsWith("REPORT: ") && run.error().contains("track_ids.json"), run.error());
        assertEquals(RunView.Status.FAILED, run.stage(Stage.REPORT).status());
        assertEquals(PipelineEvent.Status.FAILED, awaitPublished(id, 2).getLast().status());
    }

    /**
     * The registry learns a stage's outcome first and the event is published just after, so a test that has seen
     * the run end waits for the events too.
     */
    private List<PipelineEvent> awaitPublished(String id, int count) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> connector.<PipelineEvent>sink(Channels.PIPELINE_EVENTS_OUT).received().stream()
                        .map(m -> m.getPayload()).filter(e -> e.runId().equals(id)).toList(),
                        events -> events.size() >= count);
    }

    private void assertPng(String id, String file, int width, int height) throws IOException {
        BufferedImage image = png(id, file);
        assertEquals(width, image.getWidth(), file);
        assertEquals(height, image.getHeight(), file);
    }

    private BufferedImage png(String id, String file) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(store.require(ArtifactKeys.report(id, file))));
        assertNotNull(image, file + " decodes as an image");
        return image;
    }

    /** The easy table: the study's seven columns, two rows. */
    private List<CSVRecord> csv(String id) throws IOException {
        List<CSVRecord> rows = csv(id, ReportBuilder.METRICS_CSV);
        assertEquals(List.of("method", "silhouette", "calinski_harabasz", "davies_bouldin", "ARI", "NMI", "purity"),
                rows.getFirst().getParser().getHeaderNames());
        assertEquals(2, rows.size());
        return rows;
    }

    private List<CSVRecord> csv(String id, String file) throws IOException {
        try (CSVParser parser = CSVParser.parse(new StringReader(text(id, file)),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        }
    }

    private String text(String id, String file) {
        return new String(store.require(ArtifactKeys.report(id, file)), StandardCharsets.UTF_8);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
