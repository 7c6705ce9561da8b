package io.songspace.report.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.ClusteringIndex;
import io.songspace.common.artifacts.MetricRow;
import io.songspace.common.events.ModelSpec;
import io.songspace.common.events.RunSpec;
import io.songspace.common.store.ObjectStore;
import io.songspace.report.analysis.RunAnalysis;
import io.songspace.report.analysis.SummaryTable;
import io.songspace.report.config.ReportConfig;
import io.songspace.report.registry.RunView;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a run's report from its artifacts: the metrics as CSV and LaTeX, the figures and {@code index.html}, all
 * under {@code runs/{id}/report/} with the study's file names. index.html is written last, so its presence means
 * the report is complete.
 */
@ApplicationScoped
public class ReportBuilder {

    /** The easy level's table: the first model and the PCA baseline with K-Means, the study's seven columns. */
    public static final String METRICS_CSV = "clustering_metrics.csv";
    /** Every row of a medium run: feature sets × algorithms, with cluster and noise counts. */
    public static final String METRICS_ALL_CSV = "clustering_metrics_all.csv";
    /** Every row of a hard run, the same columns. */
    public static final String METRICS_HARD_CSV = "clustering_metrics_hard_task.csv";
    public static final String METRICS_TEX = "clustering_metrics_table.tex";
    public static final String MULTIMODAL_BENEFIT_CSV = "multimodal_benefit.csv";
    public static final String TRAINING_HISTORY = "training_history.png";
    public static final String TSNE_VAE_TRUE_LABELS = "tsne_vae_true_labels.png";
    public static final String TSNE_VAE_CLUSTERS = "tsne_vae_clusters.png";
    public static final String TSNE_PCA_TRUE_LABELS = "tsne_pca_true_labels.png";
    public static final String UMAP_VAE_TRUE_LABELS = "umap_vae_true_labels.png";
    public static final String CLUSTER_DISTRIBUTION_VAE = "cluster_distribution_vae.png";
    public static final String CLUSTER_DISTRIBUTION_PCA = "cluster_distribution_pca.png";
    public static final String METRICS_COMPARISON = "metrics_comparison.png";
    /** Every analysis of the run (top methods, comparisons, benefit, β sweep, findings) as JSON. */
    public static final String ANALYSIS_JSON = "analysis.json";
    public static final String TSNE_COMPARISON = "tsne_comparison.png";
    public static final String METRICS_HEATMAP = "metrics_heatmap.png";
    public static final String ARCHITECTURE_COMPARISON = "architecture_comparison.png";
    public static final String ALGORITHMS_COMPARISON = "clustering_algorithms_comparison.png";
    public static final String SUMMARY_FIGURE = "summary_figure.png";
    public static final String CONV_VAE_HISTORY = "conv_vae_training_history.png";
    public static final String MULTIMODAL_HISTORY = "multimodal_training_history.png";
    public static final String BETA_COMPARISON = "beta_vae_comparison.png";
    public static final String BETA_LATENT_COMPARISON = "beta_vae_latent_comparison.png";
    public static final String DISENTANGLEMENT_ANALYSIS = "disentanglement_analysis.png";
    public static final String HARD_SUMMARY_FIGURE = "hard_task_performance_summary.png";
    public static final String INDEX = "index.html";

    private final ObjectStore store;
    private final ObjectMapper json;
    private final ReportConfig config;

    public ReportBuilder(ObjectStore store, ObjectMapper json, ReportConfig config) {
        this.store = store;
        this.json = json;
        this.config = config;
    }

    /** Writes the report of {@code run} and returns the key of its index.html. */
    public String build(RunView run) {
        String runId = run.id();
        ReportInputs in = ReportInputs.load(store, runId);
        Charts charts = new Charts(config.figures().width(), config.figures().height());
        boolean labelled = in.labelled();

        List<MetricRow> rows = in.index().rows();
        List<MetricRow> easyRows = List.of(in.row(in.primaryModel()), in.row("pca"));
        List<String> tables = new ArrayList<>();
        table(runId, tables, METRICS_CSV, MetricTables.easyCsv(easyRows), "text/csv");
        switch (in.spec().level()) {
            case RunSpec.MEDIUM -> table(runId, tables, METRICS_ALL_CSV, MetricTables.csv(rows), "text/csv");
            case RunSpec.HARD -> table(runId, tables, METRICS_HARD_CSV, MetricTables.csv(rows), "text/csv");
            default -> { }
        }
        table(runId, tables, METRICS_TEX, MetricTables.latex(rows), "text/x-tex");
        if (in.spec().modelIds().containsAll(List.of(ModelSpec.VAE, ModelSpec.MULTIMODAL_VAE))) {
            table(runId, tables, MULTIMODAL_BENEFIT_CSV,
                    MetricTables.benefitCsv(rows, ModelSpec.VAE, ModelSpec.MULTIMODAL_VAE), "text/csv");
        }

        String primaryMethod = in.row(in.primaryModel()).method();
        String pcaMethod = in.row("pca").method();
        List<ReportPage.Figure> figures = new ArrayList<>();
        figure(runId, figures, ReportPage.Level.EASY, METRICS_COMPARISON, "Metrics comparison",
                // the easy level's figure (one bar group per clustering) stays readable with its two rows; every
                // row of a medium or hard run is in the table
                "the first model and the PCA baseline side by side; every clustering is in the table"
                        + (labelled ? "" : " (ARI, NMI and purity need labels)"),
                charts.metricsComparison(easyRows, labelled));
        figure(runId, figures, ReportPage.Level.EASY, TRAINING_HISTORY, "Training history",
                "mean loss per track and epoch: total = reconstruction + β·KL",
                charts.trainingHistory(in.primaryHistory()));
        List<String> vaeClusters = clusterNames(in.primaryClusters());
        List<String> pcaClusters = clusterNames(in.pcaClusters());
        // the maps of the embeddings the run made (its spec's clustering.embeddings)
        boolean tsne = in.tsnePrimary() != null;
        if (tsne && labelled) {
            figure(runId, figures, ReportPage.Level.EASY, TSNE_VAE_TRUE_LABELS, "t-SNE of the VAE latents, true labels",
                    "each point a track, coloured by its genre", charts.scatter("t-SNE of VAE latents (true labels)",
                            "t-SNE", in.tsnePrimary(), in.labels(), in.labelNames(), "No label"));
        }
        if (tsne) {
            figure(runId, figures, ReportPage.Level.EASY, TSNE_VAE_CLUSTERS, "t-SNE of the VAE latents, " + primaryMethod + " clusters",
                    "each point a track, coloured by its " + primaryMethod + " cluster", charts.scatter(
                            "t-SNE of VAE latents (" + primaryMethod + " clusters)", "t-SNE", in.tsnePrimary(),
                            in.primaryClusters(), vaeClusters, "Noise"));
        }
        if (tsne && labelled) {
            figure(runId, figures, ReportPage.Level.EASY, TSNE_PCA_TRUE_LABELS, "t-SNE of the PCA baseline, true labels",
                    "the baseline's features embedded the same way", charts.scatter(
                            "t-SNE of PCA features (true labels)", "t-SNE", in.tsnePca(), in.labels(), in.labelNames(),
                            "No label"));
        }
        if (in.umapPrimary() != null && labelled) {
            figure(runId, figures, ReportPage.Level.EASY, UMAP_VAE_TRUE_LABELS, "UMAP of the VAE latents, true labels",
                    "a second embedding of the same latents", charts.scatter("UMAP of VAE latents (true labels)",
                            "UMAP", in.umapPrimary(), in.labels(), in.labelNames(), "No label"));
        }
        figure(runId, figures, ReportPage.Level.EASY, CLUSTER_DISTRIBUTION_VAE, "Cluster distribution, " + primaryMethod,
                labelled ? "tracks per cluster and genre" : "tracks per cluster",
                charts.distribution(primaryMethod + ": tracks per cluster" + (labelled ? " and genre" : ""), in.primaryClusters(),
                        vaeClusters.size(),
                        in.labels(), in.labelNames()));
        figure(runId, figures, ReportPage.Level.EASY, CLUSTER_DISTRIBUTION_PCA, "Cluster distribution, " + pcaMethod,
                labelled ? "tracks per cluster and genre" : "tracks per cluster",
                charts.distribution(pcaMethod + ": tracks per cluster" + (labelled ? " and genre" : ""), in.pcaClusters(),
                        pcaClusters.size(),
                        in.labels(), in.labelNames()));

        RunAnalysis analysis = RunAnalysis.of(in.index(), in.histories(), in.spec().models(), labelled);
        table(runId, tables, ANALYSIS_JSON, toJson(analysis), "application/json");
        String level = in.spec().level();
        if (!RunSpec.EASY.equals(level)) {
            studyFigures(runId, in, figures);
        }
        if (RunSpec.HARD.equals(level)) {
            table(runId, tables, SummaryTable.FILE, SummaryTable.latex(analysis), "text/x-tex");
        }

        List<String> artifacts = store.list(ArtifactKeys.runPrefix(runId)).stream()
                .map(key -> key.substring(ArtifactKeys.runPrefix(runId).length()))
                // the report links itself by name; per-track files are thousands and summarised by the matrices
                .filter(rel -> !rel.startsWith("report/") && !rel.startsWith("tracks/"))
                .toList();
        String html = ReportPage.render(run, in, analysis, specJson(run), figures, tables, artifacts);
        String index = ArtifactKeys.report(runId, INDEX);
        store.putText(index, html, "text/html; charset=utf-8");
        return index;
    }

    private void table(String runId, List<String> tables, String file, String text, String contentType) {
        store.putText(ArtifactKeys.report(runId, file), text, contentType);
        tables.add(file);
    }

    private void figure(String runId, List<ReportPage.Figure> figures, ReportPage.Level level, String file,
            String title, String caption, byte[] png) {
        store.put(ArtifactKeys.report(runId, file), png, "image/png");
        figures.add(new ReportPage.Figure(file, title, caption, level));
    }

    /**
     * The figures of the study's medium analyses (every feature set and algorithm, the architectures, the models'
     * own training) and, when the run has a β sweep, its hard ones.
     */
    private void studyFigures(String runId, ReportInputs in, List<ReportPage.Figure> figures) {
        StudyFigures study = new StudyFigures(config.figures().width() / 2);
        List<MetricRow> rows = in.index().rows();
        List<ClusteringIndex.FeatureSetEntry> sets = in.index().featureSets();
        int[] labels = in.labelled() ? in.labels() : null;
        ReportPage.Level medium = ReportPage.Level.MEDIUM;
        if (!in.tsneBySet().isEmpty()) {
            figure(runId, figures, medium, TSNE_COMPARISON, "t-SNE of every feature set",
                    "each panel one feature set's 2-D t-SNE, coloured by genre",
                    study.tsneComparison(sets, in.tsneBySet(), labels, in.labelNames()));
        }
        figure(runId, figures, medium, METRICS_HEATMAP, "Metrics heatmap",
                "every clustering × the six metrics: the values, and each column scaled to 0–1 with 1 the best",
                study.metricsHeatmap(rows));
        figure(runId, figures, medium, ARCHITECTURE_COMPARISON, "VAE architectures",
                "the Basic, convolutional and multimodal VAEs' K-Means rows, metric by metric",
                study.architectureComparison(rows));
        figure(runId, figures, medium, ALGORITHMS_COMPARISON, "Clustering algorithms",
                "per algorithm, the mean and the best of each metric over the feature sets",
                study.algorithmsComparison(rows));
        figure(runId, figures, medium, SUMMARY_FIGURE, "Summary",
                "top methods by silhouette, t-SNE panels, the best methods' metrics, cluster and noise counts",
                study.summaryFigure(rows, sets, in.tsneBySet(), labels, in.labelNames()));
        history(runId, in, figures, study, ModelSpec.CONV_VAE, CONV_VAE_HISTORY, "ConvVAE training history");
        history(runId, in, figures, study, ModelSpec.MULTIMODAL_VAE, MULTIMODAL_HISTORY,
                "Multimodal VAE training history");
        boolean betaSweep = in.histories().stream().filter(h -> StudyFigures.betaOf(h.model()) != null).count() >= 2;
        if (!RunSpec.HARD.equals(in.spec().level()) || !betaSweep) {
            return;
        }
        ReportPage.Level hard = ReportPage.Level.HARD;
        figure(runId, figures, hard, BETA_COMPARISON, "β-VAE training",
                "total, reconstruction and KL per epoch for every β, and the final components",
                study.betaVaeComparison(in.histories()));
        figure(runId, figures, hard, BETA_LATENT_COMPARISON, "β-VAE latents",
                "t-SNE of the latents of the first four β, coloured by genre",
                study.betaLatentComparison(in.tsneBySet(), labels, in.labelNames()));
        figure(runId, figures, hard, DISENTANGLEMENT_ANALYSIS, "Disentanglement",
                "correlation, variance and active dimensions of the latent means against β, and the "
                        + "reconstruction–KL trade-off",
                study.disentanglementAnalysis(in.index().disentanglement(), in.histories()));
        figure(runId, figures, hard, HARD_SUMMARY_FIGURE, "Hard task summary",
                "top methods, the β curve, architectures, algorithms and the best method",
                study.hardTaskPerformanceSummary(rows, sets, in.tsneBySet(), labels, in.labelNames()));
    }

    /** The training-history figure of the spec's model {@code id}, if the run has it. */
    private void history(String runId, ReportInputs in, List<ReportPage.Figure> figures, StudyFigures study,
            String id, String file, String title) {
        in.histories().stream().filter(h -> id.equals(h.model())).findFirst().ifPresent(h -> figure(runId, figures,
                ReportPage.Level.MEDIUM, file, title, "mean loss per track and epoch; a multimodal model also "
                        + "shows each modality's reconstruction", study.trainingHistory(h)));
    }

    private String toJson(Object value) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "Cluster 0" … up to the largest cluster index; negative indices (noise) are not clusters. */
    private static List<String> clusterNames(int[] assignments) {
        int max = -1;
        for (int a : assignments) {
            max = Math.max(max, a);
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c <= max; c++) {
            names.add("Cluster " + c);
        }
        return names;
    }

    private String specJson(RunView run) {
        return toJson(run.spec());
    }
}
