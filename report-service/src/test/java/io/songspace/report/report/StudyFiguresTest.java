package io.songspace.report.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.songspace.common.artifacts.ClusteringIndex.Disentanglement;
import io.songspace.common.artifacts.ClusteringIndex.FeatureSetEntry;
import io.songspace.common.artifacts.MetricRow;
import io.songspace.common.artifacts.TrainingHistory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The study's medium and hard figures from made-up data: 11 feature sets, 4 β-VAEs, 60 tracks in 5 genres. */
class StudyFiguresTest {

    private static final int P = StudyFigures.MIN_PANEL;
    private static final List<String> GENRES = List.of("Hip-Hop", "Pop", "Folk", "Experimental", "Rock");
    private static final int TRACKS = 60;
    private static final List<String> SETS = List.of("raw", "pca", "text", "audio_text", "vae", "conv_vae",
            "multimodal_vae", "beta_vae_0.5", "beta_vae_1.0", "beta_vae_2.0", "beta_vae_4.0");
    private static final List<String> ALGORITHMS = List.of("kmeans", "agglomerative", "dbscan");

    private final StudyFigures figures = new StudyFigures(P);
    private final int[] labels = new int[TRACKS];
    private final int[] unlabelled = new int[TRACKS];
    private final List<FeatureSetEntry> sets = new ArrayList<>();
    private final Map<String, double[][]> tsne = new LinkedHashMap<>();
    private final List<MetricRow> rows = new ArrayList<>();
    private final List<MetricRow> unlabelledRows = new ArrayList<>();
    private final List<TrainingHistory> histories = new ArrayList<>();
    private final List<Disentanglement> disentanglement = new ArrayList<>();

    StudyFiguresTest() {
        Random random = new Random(11);
        Arrays.fill(unlabelled, -1);
        for (int i = 0; i < TRACKS; i++) {
            labels[i] = i % 7 == 6 ? -1 : i % GENRES.size();
        }
        for (String id : SETS) {
            sets.add(new FeatureSetEntry(id, name(id), id.equals("raw") || id.equals("pca") ? null : id, 16,
                    Map.of("tsne", "embeddings/" + id + "_tsne.npy")));
            double[][] points = new double[TRACKS][2];
            for (int i = 0; i < TRACKS; i++) {
                points[i][0] = 10 * Math.max(0, labels[i]) + random.nextGaussian() * 3;
                points[i][1] = 5 * (i % 3) + random.nextGaussian() * 3;
            }
            tsne.put(id, points);
            for (String a : ALGORITHMS) {
                boolean dbscan = a.equals("dbscan");
                // one DBSCAN clustering found a single cluster: no internal metrics
                boolean single = dbscan && id.equals("text");
                double s = 0.1 + 0.4 * random.nextDouble();
                MetricRow row = new MetricRow(name(id) + "+" + a, id, a, single ? 1 : 5, dbscan ? 7 : 0,
                        single ? null : s, single ? null : 40 + 200 * s, single ? null : 2 - 2 * s,
                        0.4 * random.nextDouble(), 0.5 * random.nextDouble(), 0.3 + 0.5 * random.nextDouble(),
                        "k=5", "assignments_" + id + "_" + a + ".npy");
                rows.add(row);
                unlabelledRows.add(new MetricRow(row.method(), id, a, row.clusters(), row.noise(), row.silhouette(),
                        row.calinskiHarabasz(), row.daviesBouldin(), null, null, null, row.parameters(),
                        row.assignments()));
            }
            if (!id.equals("raw") && !id.equals("pca") && !id.equals("text") && !id.equals("audio_text")) {
                double beta = StudyFigures.betaOf(id) == null ? 1.0 : StudyFigures.betaOf(id);
                List<TrainingHistory.Epoch> epochs = new ArrayList<>();
                for (int e = 1; e <= 20; e++) {
                    double recon = 30 + 100 / e + 5 * beta;
                    double kl = 20 / beta + 10.0 / e;
                    Map<String, Double> parts = id.equals("multimodal_vae")
                            ? Map.of("audio", 0.7 * recon, "text", 0.3 * recon) : Map.of();
                    epochs.add(new TrainingHistory.Epoch(e, recon + beta * kl, recon, kl, 120, 0, parts));
                }
                histories.add(new TrainingHistory(id, beta, "cpu", epochs, 3.5));
                disentanglement.add(new Disentanglement(id, name(id), 16, 0.3 / beta, 0.2 / beta, 0.001 * beta,
                        0.05, 1.2, 0.2, 0.3, 12 - (int) beta, 8 - (int) beta, 0.5 / beta));
            }
        }
    }

    private static String name(String id) {
        return switch (id) {
            case "raw" -> "Raw_features";
            case "pca" -> "PCA_baseline";
            case "vae" -> "VAE_basic";
            case "conv_vae" -> "VAE_conv";
            case "multimodal_vae" -> "VAE_multimodal";
            default -> id.startsWith("beta_vae_") ? "BetaVAE_beta_" + id.substring(9) : id;
        };
    }

    @Test
    void tsneComparisonHasAPanelPerFeatureSetInFourColumns() throws IOException {
        BufferedImage all = figure(figures.tsneComparison(sets, tsne, labels, GENRES), 4 * P, 3 * P);
        assertEquals(4 * P, all.getWidth());
        assertEquals(3 * P, all.getHeight());
        BufferedImage three = figure(figures.tsneComparison(sets.subList(0, 3), tsne, unlabelled, List.of()), 3 * P, P);
        assertEquals(3 * P, three.getWidth());
        assertEquals(P, three.getHeight());
        // a set without a map has no panel
        Map<String, double[][]> some = new LinkedHashMap<>(tsne);
        some.keySet().removeAll(List.of("raw", "pca", "text"));
        assertEquals(2 * P, figure(figures.tsneComparison(sets, some, labels, GENRES), 4 * P, 2 * P).getHeight());
        figure(figures.tsneComparison(sets, Map.of(), labels, GENRES), P, P);
    }

    @Test
    void metricsHeatmapShowsRawAndNormalisedHalvesAndGrowsWithColumns() throws IOException {
        BufferedImage labelled = figure(figures.metricsHeatmap(rows), 2 * P, P);
        BufferedImage internal = figure(figures.metricsHeatmap(unlabelledRows), P, P);
        assertTrue(labelled.getWidth() > internal.getWidth(),
                labelled.getWidth() + " px for six metrics, " + internal.getWidth() + " for three");
        assertTrue(labelled.getHeight() >= 24 * rows.size(), "a row per method: " + labelled.getHeight());
        assertTrue(figure(figures.metricsHeatmap(rows.subList(0, 3)), P, P).getHeight() < labelled.getHeight());
        figure(figures.metricsHeatmap(List.of()), P, P);
    }

    @Test
    void architectureAndAlgorithmComparisonsHaveAPanelPerMetric() throws IOException {
        assertEquals(2 * P, figure(figures.architectureComparison(rows), 3 * P, 2 * P).getHeight());
        assertEquals(P, figure(figures.architectureComparison(unlabelledRows), 3 * P, P).getHeight());
        figure(figures.architectureComparison(rows.subList(0, 3)), P, P);
        BufferedImage algorithms = figure(figures.algorithmsComparison(rows), 3 * P, 2 * P);
        assertEquals(3 * P, algorithms.getWidth());
        assertEquals(2 * P, algorithms.getHeight());
        assertEquals(P, figure(figures.algorithmsComparison(unlabelledRows), 3 * P, P).getHeight());
    }

    @Test
    void summaryFiguresAreThreeByThree() throws IOException {
        assertSize(figure(figures.summaryFigure(rows, sets, tsne, labels, GENRES), 3 * P, 3 * P), 3 * P, 3 * P);
        assertSize(figure(figures.summaryFigure(unlabelledRows, sets, Map.of(), unlabelled, List.of()), 3 * P, 3 * P),
                3 * P, 3 * P);
        assertSize(figure(figures.hardTaskPerformanceSummary(rows, sets, tsne, labels, GENRES), 3 * P, 3 * P),
                3 * P, 3 * P);
        assertSize(figure(figures.hardTaskPerformanceSummary(unlabelledRows, sets.subList(0, 2), tsne, unlabelled,
                List.of()), 3 * P, 3 * P), 3 * P, 3 * P);
        assertSize(figure(figures.hardTaskPerformanceSummary(List.of(), List.of(), Map.of(), null, List.of()), 3 * P,
                3 * P), 3 * P, 3 * P);
    }

    @Test
    void trainingHistoryAddsAPanelForTheParts() throws IOException {
        TrainingHistory conv = history("conv_vae");
        TrainingHistory multimodal = history("multimodal_vae");
        int whole = figure(figures.trainingHistory(conv), 3 * P, P).getWidth();
        int parts = figure(figures.trainingHistory(multimodal), 4 * P, P).getWidth();
        assertEquals(whole / 3 * 4, parts, "a fourth panel for audio and text");
    }

    @Test
    void betaFiguresDrawEveryBeta() throws IOException {
        assertSize(figure(figures.betaVaeComparison(histories), 2 * P, 2 * P), 2 * P, 2 * P);
        assertSize(figure(figures.betaLatentComparison(tsne, labels, GENRES), 2 * P, 2 * P), 2 * P, 2 * P);
        assertSize(figure(figures.disentanglementAnalysis(disentanglement, histories), 2 * P, 2 * P), 2 * P, 2 * P);
        // fewer β-VAEs: the latents get fewer panels
        Map<String, double[][]> one = Map.of("beta_vae_4.0", tsne.get("beta_vae_4.0"), "vae", tsne.get("vae"));
        assertSize(figure(figures.betaLatentComparison(one, unlabelled, List.of()), P, P), P, P);
        List<TrainingHistory> single = List.of(history("beta_vae_2.0"));
        figure(figures.betaVaeComparison(single), 2 * P, P);
        figure(figures.disentanglementAnalysis(disentanglement.subList(0, 4), single), 2 * P, 2 * P);
        figure(figures.disentanglementAnalysis(List.of(), List.of()), 2 * P, 2 * P);
    }

    @Test
    void betaOfReadsTheSweepsIds() {
        assertEquals(0.5, StudyFigures.betaOf("beta_vae_0.5"));
        assertEquals(null, StudyFigures.betaOf("vae"));
        assertEquals(null, StudyFigures.betaOf("beta_vae_x"));
    }

    private TrainingHistory history(String model) {
        return histories.stream().filter(h -> h.model().equals(model)).findFirst().orElseThrow();
    }

    private static void assertSize(BufferedImage image, int width, int height) {
        assertEquals(width, image.getWidth(), "width");
        assertEquals(height, image.getHeight(), "height");
    }

    /** Writes the figures to the folder {@code -Dstudy.figures.dir} names, to look at them; nowhere by default. */
    private static void keep(String name, byte[] png) throws IOException {
        String dir = System.getProperty("study.figures.dir");
        if (dir != null) {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
            java.nio.file.Files.write(java.nio.file.Path.of(dir, name + ".png"), png);
        }
    }

    private static int figureCount;

    /** Decodes the PNG and checks it is at least {@code minWidth} × {@code minHeight} and not blank. */
    private static BufferedImage figure(byte[] png, int minWidth, int minHeight) throws IOException {
        keep(StackWalker.getInstance().walk(f -> f.skip(1).findFirst().orElseThrow().getMethodName())
                + "_" + figureCount++, png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "a PNG");
        assertTrue(image.getWidth() >= minWidth && image.getHeight() >= minHeight,
                image.getWidth() + "×" + image.getHeight() + " px, expected at least " + minWidth + "×" + minHeight);
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                double v = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
                sum += v;
                squares += v * v;
                n++;
            }
        }
        double mean = sum / n;
        assertTrue(squares / n - mean * mean > 100, "the figure is blank");
        return image;
    }
}
