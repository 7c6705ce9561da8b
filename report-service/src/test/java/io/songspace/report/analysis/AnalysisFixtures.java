package io.songspace.report.analysis;

import io.songspace.common.artifacts.ClusteringIndex;
import io.songspace.common.artifacts.ClusteringIndex.Disentanglement;
import io.songspace.common.artifacts.ClusteringIndex.FeatureSetEntry;
import io.songspace.common.artifacts.MetricRow;
import io.songspace.common.artifacts.TrainingHistory;
import io.songspace.common.events.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Synthetic runs with hand-picked metrics, so that the tests can state what the analyses must find. K-Means rows
 * carry the values below; Agglomerative has silhouette − 0.01 and ARI + 0.01; DBSCAN has ARI 0.01 and internal
 * metrics only for the β = 10 model (silhouette 0.50, the best of the run).
 */
final class AnalysisFixtures {

    /** id, name, model (null for the baselines), then silhouette, CH, DB, ARI, NMI, purity of its K-Means row. */
    record Set(String id, String name, String model, double[] kmeans) {
    }

    static final List<Set> HARD = List.of(
            new Set("raw", "Raw_audio", null, new double[] {0.10, 100.0, 2.00, 0.05, 0.10, 0.30}),
            new Set("pca", "PCA_baseline", null, new double[] {0.20, 150.0, 1.50, 0.20, 0.25, 0.40}),
            new Set("text", "Text_only", null, new double[] {0.05, 50.0, 3.00, 0.30, 0.35, 0.50}),
            new Set("audio_text", "Audio+Text_concat", null, new double[] {0.12, 120.0, 1.80, 0.25, 0.30, 0.45}),
            new Set("vae", "VAE_basic", "vae", new double[] {0.30, 200.0, 1.20, 0.15, 0.20, 0.38}),
            new Set("conv_vae", "VAE_conv", "conv_vae", new double[] {0.35, 220.0, 1.10, 0.10, 0.15, 0.33}),
            new Set("multimodal_vae", "VAE_multimodal", "multimodal_vae",
                    new double[] {0.33, 210.0, 0.96, 0.18, 0.24, 0.42}),
            new Set("beta_vae_0.5", "BetaVAE_beta_0.5", "beta_vae_0.5",
                    new double[] {0.28, 190.0, 1.30, 0.12, 0.18, 0.36}),
            new Set("beta_vae_1.0", "BetaVAE_beta_1.0", "beta_vae_1.0",
                    new double[] {0.30, 200.0, 1.20, 0.15, 0.20, 0.38}),
            new Set("beta_vae_4.0", "BetaVAE_beta_4.0", "beta_vae_4.0",
                    new double[] {0.40, 250.0, 1.00, 0.22, 0.26, 0.41}),
            new Set("beta_vae_10.0", "BetaVAE_beta_10.0", "beta_vae_10.0",
                    new double[] {0.45, 260.0, 1.40, 0.08, 0.12, 0.31}));

    static final List<ModelSpec> HARD_MODELS = List.of(model("vae", "vae", null), model("conv_vae", "conv_vae", null),
            model("multimodal_vae", "multimodal_vae", null), model("beta_vae_0.5", "vae", 0.5),
            model("beta_vae_1.0", "vae", 1.0), model("beta_vae_4.0", "vae", 4.0), model("beta_vae_10.0", "vae", 10.0));

    /** The β models' mean |off-diagonal correlation|, by β: 0.5, 1, 4, 10. */
    static final double[] OFF_DIAGONAL = {0.30, 0.25, 0.15, 0.10};

    private AnalysisFixtures() {
    }

    static ModelSpec model(String id, String architecture, Double beta) {
        return new ModelSpec(id, architecture, beta, 32, 50, 64, 1e-3);
    }

    /** The hard run: 11 feature sets × 3 algorithms, labelled or not. */
    static ClusteringIndex hardIndex(boolean labelled) {
        List<MetricRow> rows = new ArrayList<>();
        for (Set s : HARD) {
            double[] k = s.kmeans();
            rows.add(row(s.name(), s.id(), "kmeans", "K-Means", k[0], k[1], k[2], k[3], k[4], k[5], labelled));
            rows.add(row(s.name(), s.id(), "agglomerative", "Agglomerative", k[0] - 0.01, k[1] - 5, k[2] + 0.05,
                    k[3] + 0.01, k[4], k[5], labelled));
            boolean clustered = s.id().equals("beta_vae_10.0");
            rows.add(row(s.name(), s.id(), "dbscan", "DBSCAN", clustered ? 0.50 : null, clustered ? 300.0 : null,
                    clustered ? 0.90 : null, 0.01, 0.02, 0.20, labelled));
        }
        List<Disentanglement> dis = new ArrayList<>();
        double[] betas = {0.5, 1.0, 4.0, 10.0};
        for (int i = 0; i < betas.length; i++) {
            String id = ModelSpec.betaVaeId(betas[i]);
            dis.add(new Disentanglement(id, "BetaVAE_beta_" + betas[i], 32, OFF_DIAGONAL[i], OFF_DIAGONAL[i] + 0.03,
                    0.001, 0.5, 2.0, 0.7, 0.4, 20, 10, 0.2));
        }
        return new ClusteringIndex(100, 4, sets(HARD), rows, dis);
    }

    /** Two epochs per model; the last has reconstruction 10 + β and KL 6 / β. */
    static List<TrainingHistory> histories(List<ModelSpec> models) {
        return models.stream().map(m -> {
            double beta = m.beta() == null ? 1.0 : m.beta();
            return new TrainingHistory(m.id(), beta, "cpu", List.of(
                    new TrainingHistory.Epoch(1, 99, 90, 9, 10, 0),
                    new TrainingHistory.Epoch(2, 10 + beta + 6, 10 + beta, 6 / beta, 10, 0)), 1.0);
        }).toList();
    }

    /** The easy run: the Basic VAE and the PCA baseline with K-Means, labelled. */
    static ClusteringIndex easyIndex() {
        List<Set> sets = List.of(HARD.get(1), HARD.get(4));
        return new ClusteringIndex(100, 4, sets(sets), List.of(
                row("VAE_basic", "vae", "kmeans", "K-Means", 0.30, 200.0, 1.20, 0.15, 0.20, 0.38, true),
                row("PCA_baseline", "pca", "kmeans", "K-Means", 0.20, 150.0, 1.50, 0.20, 0.25, 0.40, true)),
                List.of());
    }

    static MetricRow row(String name, String features, String algorithm, String algorithmName, Double silhouette,
            Double ch, Double db, double ari, double nmi, double purity, boolean labelled) {
        return new MetricRow(name + "+" + algorithmName, features, algorithm, 4, 0, silhouette, ch, db,
                labelled ? ari : null, labelled ? nmi : null, labelled ? purity : null, "",
                "runs/r/clustering/" + features + "_" + algorithm + ".npy");
    }

    private static List<FeatureSetEntry> sets(List<Set> sets) {
        return sets.stream().map(s -> new FeatureSetEntry(s.id(), s.name(), s.model(), 32, Map.of())).toList();
    }
}
