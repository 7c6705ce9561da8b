package io.songspace.report.report;

import io.songspace.common.artifacts.ClusteringIndex.Disentanglement;
import io.songspace.common.artifacts.ClusteringIndex.FeatureSetEntry;
import io.songspace.common.artifacts.MetricRow;
import io.songspace.common.artifacts.TrainingHistory;
import io.songspace.common.events.ModelSpec;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The medium and hard levels' figures of the study, as PNG bytes, from plain data: the metric rows, the 2-D t-SNE
 * maps by feature-set id, the training histories and the disentanglement statistics. Styled and composed with
 * {@link Charts}' helpers; every panel is a square of {@code panel} pixels (at least {@link #MIN_PANEL}). A figure
 * draws what its inputs have: a missing map, metric or model is left out, or its panel says that it is missing.
 */
final class StudyFigures {

    /** The smallest side of a panel. */
    static final int MIN_PANEL = 400;
    /** The architectures the architecture comparison shows, in the study's order. */
    static final List<String> ARCHITECTURES = List.of(ModelSpec.VAE, ModelSpec.CONV_VAE, ModelSpec.MULTIMODAL_VAE);
    /** The algorithm whose rows stand for a feature set where one row is compared per set. */
    static final String KMEANS = "kmeans";
    /** The t-SNE panels of the summary: the raw features, the Basic VAE (then the best method's set). */
    private static final List<String> SUMMARY_SETS = List.of("raw", ModelSpec.VAE);
    private static final String BETA_PREFIX = "beta_vae_";
    private static final int TOP = 10;

    static {
        // as Charts: the figures are drawn without a display
        System.setProperty("java.awt.headless", "true");
    }

    private final int panel;

    /** @param panel the side of each square panel, in pixels; raised to {@link #MIN_PANEL}. */
    StudyFigures(int panel) {
        this.panel = Math.max(MIN_PANEL, panel);
    }

    int panel() {
        return panel;
    }

    // ---- medium ----

    /**
     * Every feature set's 2-D t-SNE, coloured by true label (grey where a track has none), one panel per set that
     * has a map, titled with the set's study name; at most four columns.
     */
    byte[] tsneComparison(List<FeatureSetEntry> sets, Map<String, double[][]> tsne, int[] labels,
            List<String> labelNames) {
        List<BufferedImage> panels = new ArrayList<>();
        for (FeatureSetEntry set : sets) {
            double[][] points = tsne.get(set.id());
            if (points != null) {
                panels.add(tsnePanel(setName(set), points, labels, labelNames));
            }
        }
        if (panels.isEmpty()) {
            panels.add(textPanel("t-SNE comparison", List.of("No feature set has a t-SNE map.")));
        }
        return grid(panels, 4);
    }

    /**
     * Methods (rows) × metrics: the raw values on the left, the column-normalised values on the right (min-max per
     * column, Davies-Bouldin inverted, so that a darker cell is a better one); the value in every cell. A metric
     * that no row has (ARI, NMI, purity without labels) is left out, a row's missing value is an empty cell.
     */
    byte[] metricsHeatmap(List<MetricRow> rows) {
        List<MetricTables.Column> columns = MetricTables.COLUMNS.stream()
                .filter(c -> rows.stream().map(c.value()).anyMatch(Objects::nonNull)).toList();
        if (rows.isEmpty() || columns.isEmpty()) {
            return Charts.png(textPanel("Metrics heatmap", List.of("No metrics to show.")));
        }
        // the first row at the top: XChart draws the first y category at the bottom
        List<MetricRow> ordered = new ArrayList<>(rows).reversed();
        List<String> methods = ordered.stream().map(MetricRow::method).toList();
        List<String> names = columns.stream().map(c -> metricName(c)).toList();
        List<Number[]> raw = new ArrayList<>();
        List<Number[]> normalised = new ArrayList<>();
        double rawMin = Double.POSITIVE_INFINITY;
        double rawMax = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < columns.size(); c++) {
            MetricTables.Column column = columns.get(c);
            double min = ordered.stream().map(column.value()).filter(Objects::nonNull).mapToDouble(d -> d).min()
                    .orElse(0);
            double max = ordered.stream().map(column.value()).filter(Objects::nonNull).mapToDouble(d -> d).max()
                    .orElse(0);
            for (int r = 0; r < ordered.size(); r++) {
                Double v = column.value().apply(ordered.get(r));
                if (v == null || !Double.isFinite(v)) {
                    continue;
                }
                raw.add(new Number[] {c, r, v});
                rawMin = Math.min(rawMin, v);
                rawMax = Math.max(rawMax, v);
                double n = max > min ? (v - min) / (max - min) : 1.0;
                normalised.add(new Number[] {c, r, column.higherIsBetter() ? n : 1 - n});
            }
        }
        int w = 320 + 125 * columns.size();
        int h = Math.max(panel, 130 + 24 * rows.size());
        HeatMapChart values = heatmap("Metrics (raw values)", names, methods, raw, "#,##0.###", w, h);
        // the raw half is a table: one colour, the metrics' scales differ by orders of magnitude
        Color cell = new Color(0xf2f2f2);
        values.getStyler().setRangeColors(new Color[] {cell, cell});
        values.getStyler().setMin(rawMax > rawMin ? rawMin : rawMin - 1);
        values.getStyler().setMax(rawMax > rawMin ? rawMax : rawMax + 1);
        values.getStyler().setLegendVisible(false);
        HeatMapChart scaled = heatmap("Normalised per metric (1 = best, DB inverted)", names, methods, normalised,
                "0.00", w, h);
        scaled.getStyler().setRangeColors(new Color[] {new Color(0xf7fbff), new Color(0x6baed6), new Color(0x08306b)});
        scaled.getStyler().setMin(0);
        scaled.getStyler().setMax(1);
        scaled.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return Charts.png(Charts.side(List.of(values, scaled), w, h));
    }

    /**
     * The VAE architectures (Basic, convolutional, multimodal: whichever were clustered) side by side, K-Means on
     * each one's latents: one panel per metric, a bar per architecture.
     */
    byte[] architectureComparison(List<MetricRow> rows) {
        List<MetricRow> architectures = architectureRows(rows);
        if (architectures.isEmpty()) {
            return Charts.png(textPanel("Architecture comparison", List.of("No VAE architecture was clustered.")));
        }
        boolean labelled = architectures.stream().anyMatch(r -> r.ari() != null);
        return new Charts(3 * panel, (labelled ? 2 : 1) * panel).metricsComparison(architectures, labelled);
    }

    /** Per algorithm, the mean and the best value of each metric over the feature sets: one panel per metric. */
    byte[] algorithmsComparison(List<MetricRow> rows) {
        List<String> algorithms = algorithms(rows);
        List<BufferedImage> panels = new ArrayList<>();
        for (MetricTables.Column c : presentColumns(rows)) {
            Map<String, List<Double>> series = new LinkedHashMap<>();
            series.put("Mean", algorithms.stream().map(a -> mean(ofAlgorithm(rows, a), c.value())).toList());
            series.put("Best", algorithms.stream().map(a -> c.best(ofAlgorithm(rows, a))).toList());
            panels.add(bars(metricName(c) + (c.higherIsBetter() ? " (higher is better)" : " (lower is better)"),
                    "Algorithm", metricName(c), algorithms.stream().map(StudyFigures::algorithmName).toList(), series));
        }
        if (panels.isEmpty()) {
            panels.add(textPanel("Algorithms", List.of("No metrics to compare.")));
        }
        return grid(panels, 3);
    }

    /**
     * The run at a glance, 3 × 3: the top methods by silhouette, the metrics of the best five, clusters and noise
     * per method; t-SNE of the raw features, of the Basic VAE and of the best method's feature set; the algorithms'
     * mean metrics, the best silhouette and ARI per feature set, and the run's counts.
     */
    byte[] summaryFigure(List<MetricRow> rows, List<FeatureSetEntry> sets, Map<String, double[][]> tsne, int[] labels,
            List<String> labelNames) {
        List<MetricRow> ranked = bySilhouette(rows);
        List<BufferedImage> panels = new ArrayList<>();
        panels.add(topMethods(ranked));
        panels.add(bestMethodsMetrics(ranked));
        panels.add(clustersAndNoise(ranked));
        List<String> shown = new ArrayList<>(SUMMARY_SETS);
        String best = ranked.isEmpty() || ranked.getFirst().silhouette() == null ? null : ranked.getFirst().features();
        String third = best != null && !shown.contains(best) ? best
                : sets.stream().map(FeatureSetEntry::id).filter(id -> !shown.contains(id) && tsne.containsKey(id))
                        .findFirst().orElse(null);
        shown.add(third);
        for (String id : shown) {
            panels.add(tsnePanel(id, sets, tsne, labels, labelNames, Objects.equals(id, best) ? " (best)" : ""));
        }
        panels.add(algorithmMeans(rows));
        panels.add(bestPerFeatureSet(rows, sets));
        panels.add(textPanel("Run summary", counts(rows, sets, labels, labelNames)));
        return grid(panels, 3);
    }

    /**
     * A model's training history ({@link Charts#trainingHistory}): total, reconstruction and KL per epoch, and for a
     * model that reconstructs in parts (the multimodal VAE) each part per epoch.
     */
    byte[] trainingHistory(TrainingHistory history) {
        return new Charts(2 * panel, panel).trainingHistory(history);
    }

    // ---- hard ----

    /**
     * The β-VAEs' training ({@code beta_vae_*} histories, by β): total, reconstruction and KL per epoch, one line
     * per β, and the final epoch's reconstruction, KL and β·KL as bars per β.
     */
    byte[] betaVaeComparison(List<TrainingHistory> histories) {
        List<TrainingHistory> betas = histories.stream().filter(h -> betaOf(h.model()) != null && !h.epochs().isEmpty())
                .sorted(Comparator.comparingDouble(TrainingHistory::beta)).toList();
        if (betas.isEmpty()) {
            return Charts.png(textPanel("β-VAE comparison", List.of("No β-VAE was trained.")));
        }
        List<BufferedImage> panels = new ArrayList<>();
        panels.add(betaCurves("Total loss (recon + β·KL)", betas, TrainingHistory.Epoch::total));
        panels.add(betaCurves("Reconstruction loss", betas, TrainingHistory.Epoch::reconstruction));
        panels.add(betaCurves("KL divergence", betas, TrainingHistory.Epoch::kl));
        Map<String, List<Double>> finals = new LinkedHashMap<>();
        finals.put("Reconstruction", betas.stream().map(h -> h.epochs().getLast().reconstruction()).toList());
        finals.put("KL", betas.stream().map(h -> h.epochs().getLast().kl()).toList());
        finals.put("β·KL", betas.stream().map(h -> h.beta() * h.epochs().getLast().kl()).toList());
        panels.add(bars("Final epoch's loss components", "β", "Loss per track",
                betas.stream().map(h -> "β = " + number(h.beta())).toList(), finals));
        return grid(panels, 2);
    }

    /** The latents of the first four β-VAEs (by β) in t-SNE, coloured by true label, 2 × 2. */
    byte[] betaLatentComparison(Map<String, double[][]> tsne, int[] labels, List<String> labelNames) {
        List<String> ids = tsne.keySet().stream().filter(id -> betaOf(id) != null)
                .sorted(Comparator.comparingDouble(StudyFigures::betaOf)).limit(4).toList();
        List<BufferedImage> panels = new ArrayList<>();
        for (String id : ids) {
            panels.add(tsnePanel("β = " + number(betaOf(id)) + " (" + new ModelSpec(id, null, null, null, null, null,
                    null).methodName() + ")", tsne.get(id), labels, labelNames));
        }
        if (panels.isEmpty()) {
            panels.add(textPanel("β-VAE latents", List.of("No β-VAE has a t-SNE map.")));
        }
        return grid(panels, 2);
    }

    /**
     * The β-VAEs' disentanglement, 2 × 2: mean |off-diagonal correlation| vs β, the per-dimension variance's
     * statistics vs β, the active dimensions vs β, and the final reconstruction vs the final KL, a point per β.
     */
    byte[] disentanglementAnalysis(List<Disentanglement> disentanglement, List<TrainingHistory> histories) {
        List<Disentanglement> betas = disentanglement.stream().filter(d -> betaOf(d.model()) != null)
                .sorted(Comparator.comparingDouble(d -> betaOf(d.model()))).toList();
        List<Double> x = betas.stream().map(d -> betaOf(d.model())).toList();
        List<BufferedImage> panels = new ArrayList<>();
        Map<String, Function<Disentanglement, Double>> correlation = new LinkedHashMap<>();
        correlation.put("Mean |off-diagonal corr.|", Disentanglement::meanAbsOffDiagonalCorrelation);
        correlation.put("Mean |C − I|", Disentanglement::meanAbsCorrelationMinusIdentity);
        panels.add(vsBeta("Latent correlation", "Mean |correlation|", x, betas, correlation,
                false));
        Map<String, Function<Disentanglement, Double>> variance = new LinkedHashMap<>();
        variance.put("Max", Disentanglement::varianceMax);
        variance.put("Mean", Disentanglement::varianceMean);
        variance.put("Median", Disentanglement::varianceMedian);
        variance.put("Std", Disentanglement::varianceStd);
        variance.put("Min", Disentanglement::varianceMin);
        panels.add(vsBeta("Latent variance", "Variance per dimension", x, betas, variance, true));
        Map<String, Function<Disentanglement, Double>> active = new LinkedHashMap<>();
        active.put("Variance > 0.01", d -> (double) d.activeDimensions01());
        active.put("Variance > 0.1", d -> (double) d.activeDimensions10());
        active.put("All dimensions", d -> (double) d.dimensions());
        panels.add(vsBeta("Active dimensions", "Dimensions", x, betas, active, false));
        panels.add(tradeOff(histories));
        return grid(panels, 2);
    }

    /**
     * The hard level at a glance, 3 × 3: the top ten methods by silhouette, silhouette and ARI vs β, the
     * architectures, the algorithms, every metric of the best method, clusters and noise per method, t-SNE of the
     * best method's feature set, the best silhouette and ARI per feature set, and the run's counts.
     */
    byte[] hardTaskPerformanceSummary(List<MetricRow> rows, List<FeatureSetEntry> sets, Map<String, double[][]> tsne,
            int[] labels, List<String> labelNames) {
        List<MetricRow> ranked = bySilhouette(rows);
        MetricRow best = ranked.isEmpty() || ranked.getFirst().silhouette() == null ? null : ranked.getFirst();
        List<BufferedImage> panels = new ArrayList<>();
        panels.add(topMethods(ranked));
        panels.add(betaCurve(rows));
        panels.add(architecturePanel(rows));
        panels.add(algorithmMeans(rows));
        panels.add(bestMethod(best));
        panels.add(clustersAndNoise(ranked));
        panels.add(best == null ? textPanel("t-SNE", List.of("No method has a silhouette."))
                : tsnePanel(best.features(), sets, tsne, labels, labelNames, " (best)"));
        panels.add(bestPerFeatureSet(rows, sets));
        panels.add(textPanel("Run summary", counts(rows, sets, labels, labelNames)));
        return grid(panels, 3);
    }

    // ---- panels ----

    private BufferedImage topMethods(List<MetricRow> ranked) {
        List<MetricRow> top = ranked.stream().filter(r -> r.silhouette() != null).limit(TOP).toList();
        if (top.isEmpty()) {
            return textPanel("Top methods by silhouette", List.of("No method has a silhouette."));
        }
        return bars("Top " + top.size() + " methods by silhouette", null, "Silhouette",
                top.stream().map(MetricRow::method).toList(),
                Map.of("Silhouette", top.stream().map(MetricRow::silhouette).toList()));
    }

    /** The five best methods' metrics on the 0–1 scale (Calinski-Harabasz's is another: it is in the table). */
    private BufferedImage bestMethodsMetrics(List<MetricRow> ranked) {
        List<MetricRow> top = ranked.stream().filter(r -> r.silhouette() != null).limit(5).toList();
        List<MetricTables.Column> columns = unitColumns(top);
        if (top.isEmpty() || columns.isEmpty()) {
            return textPanel("Metrics of the best methods", List.of("No method has metrics."));
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (MetricRow r : top) {
            series.put(r.method(), columns.stream().map(c -> c.value().apply(r)).toList());
        }
        return bars("Metrics of the top " + top.size() + " methods", null, "Value",
                columns.stream().map(StudyFigures::metricName).toList(), series);
    }

    private BufferedImage bestMethod(MetricRow best) {
        List<MetricTables.Column> columns = best == null ? List.of() : unitColumns(List.of(best));
        if (columns.isEmpty()) {
            return textPanel("Best method", List.of("No method has metrics."));
        }
        String ch = best.calinskiHarabasz() == null ? "" : " (CH " + number(best.calinskiHarabasz()) + ")";
        return bars("The best method's metrics", null, "Value",
                columns.stream().map(StudyFigures::metricName).toList(),
                Map.of(best.method() + ch, columns.stream().map(c -> c.value().apply(best)).toList()));
    }

    private BufferedImage clustersAndNoise(List<MetricRow> ranked) {
        List<MetricRow> top = ranked.stream().limit(12).toList();
        if (top.isEmpty()) {
            return textPanel("Clusters and noise", List.of("No clustering."));
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("Clusters", top.stream().map(r -> (double) r.clusters()).toList());
        series.put("Noise tracks", top.stream().map(r -> (double) r.noise()).toList());
        return bars("Clusters and noise, top " + top.size() + " methods", null, "Count",
                top.stream().map(MetricRow::method).toList(), series);
    }

    /** The mean silhouette, ARI and NMI of each algorithm. */
    private BufferedImage algorithmMeans(List<MetricRow> rows) {
        List<String> algorithms = algorithms(rows);
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (MetricTables.Column c : unitColumns(rows)) {
            if (List.of("Silhouette", "ARI", "NMI").contains(metricName(c))) {
                series.put(metricName(c), algorithms.stream().map(a -> mean(ofAlgorithm(rows, a), c.value())).toList());
            }
        }
        if (series.isEmpty()) {
            return textPanel("Algorithms", List.of("No metrics to compare."));
        }
        return bars("Mean metrics per algorithm", "Algorithm", "Mean",
                algorithms.stream().map(StudyFigures::algorithmName).toList(), series);
    }

    /** The best silhouette and ARI of each feature set over the algorithms. */
    private BufferedImage bestPerFeatureSet(List<MetricRow> rows, List<FeatureSetEntry> sets) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(MetricRow::features).toList()));
        if (ids.isEmpty()) {
            return textPanel("Feature sets", List.of("No clustering."));
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (MetricTables.Column c : unitColumns(rows)) {
            String name = metricName(c);
            if (name.equals("Silhouette") || name.equals("ARI")) {
                series.put(name, ids.stream().map(id -> c.best(rows.stream().filter(r -> r.features().equals(id))
                        .toList())).toList());
            }
        }
        if (series.isEmpty()) {
            return textPanel("Feature sets", List.of("No metrics to compare."));
        }
        return bars("Best " + String.join(" and ", series.keySet()) + " per feature set", null, "Best over the algorithms",
                ids.stream().map(id -> setName(sets, id)).toList(), series);
    }

    /** The Basic, convolutional and multimodal VAEs' K-Means silhouette, ARI and NMI. */
    private BufferedImage architecturePanel(List<MetricRow> rows) {
        List<MetricRow> architectures = architectureRows(rows);
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (MetricTables.Column c : unitColumns(architectures)) {
            String name = metricName(c);
            if (name.equals("Silhouette") || name.equals("ARI") || name.equals("NMI")) {
                series.put(name, architectures.stream().map(c.value()).toList());
            }
        }
        if (series.isEmpty()) {
            return textPanel("Architectures", List.of("No VAE architecture was clustered."));
        }
        return bars("VAE architectures (K-Means)", null, "Value",
                architectures.stream().map(MetricRow::method).toList(), series);
    }

    /** Silhouette and ARI of each β-VAE's K-Means clustering (its first algorithm's without K-Means) vs β. */
    private BufferedImage betaCurve(List<MetricRow> rows) {
        List<MetricRow> betas = rows.stream().filter(r -> betaOf(r.features()) != null)
                .filter(r -> r.algorithm().equals(representative(rows, r.features())))
                .sorted(Comparator.comparingDouble(r -> betaOf(r.features()))).toList();
        if (betas.isEmpty()) {
            return textPanel("β sweep", List.of("No β-VAE was clustered."));
        }
        XYChart chart = xy("Clustering vs β (" + algorithmName(betas.getFirst().algorithm()) + ")", "β", "Value");
        List<Double> x = betas.stream().map(r -> betaOf(r.features())).toList();
        int color = 0;
        for (MetricTables.Column c : unitColumns(betas)) {
            String name = metricName(c);
            if (name.equals("Silhouette") || name.equals("ARI") || name.equals("NMI")) {
                line(chart, name, x, betas.stream().map(c.value()).toList(), color++);
            }
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    private BufferedImage betaCurves(String title, List<TrainingHistory> betas,
            Function<TrainingHistory.Epoch, Double> value) {
        XYChart chart = xy(title, "Epoch", "Loss per track");
        for (int i = 0; i < betas.size(); i++) {
            TrainingHistory h = betas.get(i);
            XYSeries s = chart.addSeries("β = " + number(h.beta()), h.epochs().stream().map(e -> (double) e.epoch())
                    .toList(), h.epochs().stream().map(value).toList());
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Charts.PALETTE[i % Charts.PALETTE.length]);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    private BufferedImage vsBeta(String title, String yTitle, List<Double> x, List<Disentanglement> betas,
            Map<String, Function<Disentanglement, Double>> series, boolean logarithmic) {
        if (betas.isEmpty()) {
            return textPanel(title, List.of("No β-VAE's latents were analysed."));
        }
        XYChart chart = xy(title + " vs β", "β", yTitle);
        boolean positive = true;
        int color = 0;
        for (Map.Entry<String, Function<Disentanglement, Double>> e : series.entrySet()) {
            List<Double> y = betas.stream().map(e.getValue()).toList();
            positive &= y.stream().allMatch(v -> v != null && v > 0);
            line(chart, e.getKey(), x, y, color++);
        }
        // the variances span orders of magnitude; a log axis needs every value positive
        chart.getStyler().setYAxisLogarithmic(logarithmic && positive);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** The final epoch's reconstruction vs its KL, a point per β-VAE. */
    private BufferedImage tradeOff(List<TrainingHistory> histories) {
        List<TrainingHistory> betas = histories.stream().filter(h -> betaOf(h.model()) != null && !h.epochs().isEmpty())
                .sorted(Comparator.comparingDouble(TrainingHistory::beta)).toList();
        if (betas.isEmpty()) {
            return textPanel("Reconstruction–KL trade-off", List.of("No β-VAE was trained."));
        }
        XYChart chart = xy("Reconstruction vs KL, final epoch", "KL", "Reconstruction");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(12);
        for (int i = 0; i < betas.size(); i++) {
            TrainingHistory.Epoch last = betas.get(i).epochs().getLast();
            XYSeries s = chart.addSeries("β = " + number(betas.get(i).beta()), List.of(last.kl()),
                    List.of(last.reconstruction()));
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(Charts.PALETTE[i % Charts.PALETTE.length]);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    private BufferedImage tsnePanel(String id, List<FeatureSetEntry> sets, Map<String, double[][]> tsne,
            int[] labels, List<String> labelNames, String suffix) {
        double[][] points = id == null ? null : tsne.get(id);
        String name = id == null ? "t-SNE" : setName(sets, id);
        if (points == null) {
            return textPanel(name, List.of("No t-SNE map" + (id == null ? "." : " of " + name + ".")));
        }
        return tsnePanel(name + suffix, points, labels, labelNames);
    }

    private BufferedImage tsnePanel(String title, double[][] points, int[] labels, List<String> labelNames) {
        int[] groups = new int[points.length];
        boolean labelled = labels != null && labels.length == points.length && !labelNames.isEmpty();
        for (int i = 0; i < points.length; i++) {
            groups[i] = labelled && labels[i] < labelNames.size() ? labels[i] : -1;
        }
        XYChart chart = Charts.scatterChart(panel, panel, title, "t-SNE", points, groups,
                labelled ? labelNames : List.of(), labelled ? "No label" : "All tracks");
        chart.getStyler().setChartTitleFont(new Font(Charts.FONT, Font.BOLD, 15));
        chart.getStyler().setLegendFont(new Font(Charts.FONT, Font.PLAIN, 11));
        chart.getStyler().setMarkerSize(5);
        return BitmapEncoder.getBufferedImage(chart);
    }

    // ---- chart helpers ----

    private XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(panel).height(panel).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        Charts.style(chart.getStyler());
        chart.getStyler().setChartTitleFont(new Font(Charts.FONT, Font.BOLD, 15));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setLegendFont(new Font(Charts.FONT, Font.PLAIN, 11));
        chart.getStyler().setYAxisDecimalPattern("#,##0.###");
        return chart;
    }

    private static void line(XYChart chart, String name, List<Double> x, List<Double> y, int color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineColor(Charts.PALETTE[color % Charts.PALETTE.length]);
        s.setMarkerColor(Charts.PALETTE[color % Charts.PALETTE.length]);
    }

    /**
     * Grouped bars: a group per category, a bar per series (in the palette's order). A series without any value
     * is left out; missing values are gaps.
     */
    private BufferedImage bars(String title, String xTitle, String yTitle, List<String> categories,
            Map<String, List<Double>> series) {
        CategoryChartBuilder builder = new CategoryChartBuilder().width(panel).height(panel).title(title)
                .yAxisTitle(yTitle);
        if (xTitle != null) {
            builder.xAxisTitle(xTitle);
        }
        CategoryChart chart = builder.build();
        Charts.style(chart.getStyler());
        chart.getStyler().setChartTitleFont(new Font(Charts.FONT, Font.BOLD, 15));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        // a row of short names, or a column of long ones (method names)
        chart.getStyler().setLegendLayout(series.keySet().stream().mapToInt(String::length).sum() > 40
                ? Styler.LegendLayout.Vertical : Styler.LegendLayout.Horizontal);
        chart.getStyler().setLegendFont(new Font(Charts.FONT, Font.PLAIN, 11));
        chart.getStyler().setYAxisDecimalPattern("#,##0.###");
        chart.getStyler().setAvailableSpaceFill(0.8);
        // labels side by side need about 7 px a character; rotated they need none of the width
        int longest = categories.stream().mapToInt(String::length).max().orElse(0);
        if (categories.size() * longest * 7 > panel - 100) {
            chart.getStyler().setXAxisLabelRotation(60);
            chart.getStyler().setAxisTickLabelsFont(new Font(Charts.FONT, Font.PLAIN, 10));
        }
        int color = 0;
        double min = 0;
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            List<Double> values = e.getValue().stream().map(v -> v == null || !Double.isFinite(v) ? null : v).toList();
            if (values.stream().allMatch(Objects::isNull)) {
                continue;
            }
            min = Math.min(min, values.stream().filter(Objects::nonNull).mapToDouble(d -> d).min().orElse(0));
            chart.addSeries(e.getKey(), categories, values).setFillColor(Charts.PALETTE[color++ % Charts.PALETTE.length]);
        }
        if (color == 0) {
            return textPanel(title, List.of("No values."));
        }
        // bars below zero (a negative silhouette) stay visible
        chart.getStyler().setYAxisMin(min * 1.1);
        return BitmapEncoder.getBufferedImage(chart);
    }

    private HeatMapChart heatmap(String title, List<String> columns, List<String> methods, List<Number[]> cells,
            String pattern, int w, int h) {
        HeatMapChart chart = new HeatMapChartBuilder().width(w).height(h).title(title).xAxisTitle("Metric")
                .yAxisTitle("Method").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setChartTitleFont(new Font(Charts.FONT, Font.BOLD, 15));
        chart.getStyler().setAxisTickLabelsFont(new Font(Charts.FONT, Font.PLAIN, 11));
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFont(new Font(Charts.FONT, Font.PLAIN, 11));
        chart.getStyler().setValueFontColor(Color.BLACK);
        chart.getStyler().setHeatMapValueDecimalPattern(pattern);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.addSeries("Metrics", columns, methods, cells);
        return chart;
    }

    /** A box of text: a title, then a line per entry. */
    private BufferedImage textPanel(String title, List<String> lines) {
        BufferedImage image = new BufferedImage(panel, panel, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, panel, panel);
        g.setColor(new Color(0x999999));
        g.setStroke(new BasicStroke(1));
        g.drawRect(10, 10, panel - 21, panel - 21);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Charts.FONT, Font.BOLD, 18));
        g.drawString(title, 28, 46);
        g.setFont(new Font(Charts.FONT, Font.PLAIN, 14));
        FontMetrics metrics = g.getFontMetrics();
        int y = 80;
        for (String line : lines) {
            g.drawString(line, 28, y);
            y += metrics.getHeight() + 4;
        }
        g.dispose();
        return image;
    }

    private byte[] grid(List<BufferedImage> panels, int maxColumns) {
        int cols = Math.min(maxColumns, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        return Charts.png(Charts.gridImages(panels, cols, panel, panel, rows));
    }

    // ---- data ----

    /** The run's counts for the summary box. */
    private static List<String> counts(List<MetricRow> rows, List<FeatureSetEntry> sets, int[] labels,
            List<String> labelNames) {
        List<String> lines = new ArrayList<>();
        if (labels != null) {
            long labelled = labelNames.isEmpty() ? 0 : Arrays.stream(labels).filter(l -> l >= 0).count();
            lines.add("Tracks: " + labels.length);
            lines.add("Labelled tracks: " + labelled + (labelled > 0 ? " (" + labelNames.size() + " genres)" : ""));
        }
        lines.add("Feature sets: " + sets.size());
        lines.add("Algorithms: " + String.join(", ", algorithms(rows).stream().map(StudyFigures::algorithmName)
                .toList()));
        lines.add("Clusterings: " + rows.size());
        lines.add("β-VAEs: " + sets.stream().filter(s -> betaOf(s.id()) != null).count());
        List<MetricRow> ranked = bySilhouette(rows);
        if (!ranked.isEmpty() && ranked.getFirst().silhouette() != null) {
            lines.add("Best silhouette: " + number(ranked.getFirst().silhouette()));
            lines.add("  " + ranked.getFirst().method());
        }
        rows.stream().filter(r -> r.ari() != null).max(Comparator.comparingDouble(MetricRow::ari)).ifPresent(r -> {
            lines.add("Best ARI: " + number(r.ari()));
            lines.add("  " + r.method());
        });
        return lines;
    }

    /** The rows by silhouette, best first; rows without one last, in their order. */
    private static List<MetricRow> bySilhouette(List<MetricRow> rows) {
        return rows.stream().sorted(Comparator.comparing(MetricRow::silhouette,
                Comparator.nullsLast(Comparator.reverseOrder()))).toList();
    }

    /** The K-Means row of each VAE architecture that has one, in the study's order. */
    private static List<MetricRow> architectureRows(List<MetricRow> rows) {
        return ARCHITECTURES.stream().flatMap(a -> rows.stream()
                .filter(r -> r.features().equals(a) && r.algorithm().equals(KMEANS)).limit(1)).toList();
    }

    /** K-Means where the feature set has it, else the set's first algorithm. */
    private static String representative(List<MetricRow> rows, String features) {
        List<String> algorithms = rows.stream().filter(r -> r.features().equals(features)).map(MetricRow::algorithm)
                .toList();
        return algorithms.contains(KMEANS) ? KMEANS : algorithms.getFirst();
    }

    private static List<String> algorithms(List<MetricRow> rows) {
        return new ArrayList<>(new LinkedHashSet<>(rows.stream().map(MetricRow::algorithm).toList()));
    }

    private static List<MetricRow> ofAlgorithm(List<MetricRow> rows, String algorithm) {
        return rows.stream().filter(r -> r.algorithm().equals(algorithm)).toList();
    }

    /** The metrics that some row has. */
    private static List<MetricTables.Column> presentColumns(List<MetricRow> rows) {
        return MetricTables.COLUMNS.stream().filter(c -> rows.stream().map(c.value()).anyMatch(Objects::nonNull))
                .toList();
    }

    /** {@link #presentColumns} on the 0–1 scale (all but Calinski-Harabasz). */
    private static List<MetricTables.Column> unitColumns(List<MetricRow> rows) {
        return presentColumns(rows).stream().filter(c -> !metricName(c).equals("Calinski-Harabasz")).toList();
    }

    private static Double mean(List<MetricRow> rows, Function<MetricRow, Double> metric) {
        var stats = rows.stream().map(metric).filter(Objects::nonNull).mapToDouble(d -> d).summaryStatistics();
        return stats.getCount() == 0 ? null : stats.getAverage();
    }

    /** The metric's name without the arrow: Silhouette, Calinski-Harabasz, Davies-Bouldin, ARI, NMI, Purity. */
    private static String metricName(MetricTables.Column c) {
        return c.html().replaceAll(" [↑↓]$", "");
    }

    static String algorithmName(String algorithm) {
        return switch (algorithm) {
            case "kmeans" -> "K-Means";
            case "agglomerative" -> "Agglomerative";
            case "dbscan" -> "DBSCAN";
            default -> algorithm;
        };
    }

    /** The β of a β-VAE's id ({@code beta_vae_4.0} → 4.0), null for any other id. */
    static Double betaOf(String id) {
        if (id == null || !id.startsWith(BETA_PREFIX)) {
            return null;
        }
        try {
            return Double.parseDouble(id.substring(BETA_PREFIX.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String setName(FeatureSetEntry set) {
        return set.name() == null ? set.id() : set.name();
    }

    private static String setName(List<FeatureSetEntry> sets, String id) {
        return sets.stream().filter(s -> s.id().equals(id)).findFirst().map(StudyFigures::setName).orElse(id);
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1")
                .replaceAll("\\.$", "");
    }
}
