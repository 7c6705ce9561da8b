package io.songspace.report.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.songspace.common.artifacts.ClusteringIndex;
import io.songspace.common.artifacts.MetricRow;
import io.songspace.common.events.ModelSpec;
import io.songspace.report.analysis.RunAnalysis.AlgorithmSummary;
import io.songspace.report.analysis.RunAnalysis.BetaRow;
import io.songspace.report.analysis.RunAnalysis.Benefit;
import io.songspace.report.analysis.RunAnalysis.Entry;
import io.songspace.report.analysis.RunAnalysis.FeatureSetBest;
import io.songspace.report.analysis.RunAnalysis.ModelRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The analyses of synthetic runs whose answers are known (see {@link AnalysisFixtures}). */
class RunAnalysisTest {

    /** The values are the fixtures' literals or sums of a few of them: exact up to rounding. */
    private static final double EPS = 1e-9;

    private static RunAnalysis hard(boolean labelled) {
        return RunAnalysis.of(AnalysisFixtures.hardIndex(labelled),
                AnalysisFixtures.histories(AnalysisFixtures.HARD_MODELS), AnalysisFixtures.HARD_MODELS, labelled);
    }

    @Test
    void topTenBySilhouetteAndByAri() {
        RunAnalysis a = hard(true);
        assertEquals(List.of("BetaVAE_beta_10.0+DBSCAN", "BetaVAE_beta_10.0+K-Means",
                "BetaVAE_beta_10.0+Agglomerative", "BetaVAE_beta_4.0+K-Means", "BetaVAE_beta_4.0+Agglomerative",
                "VAE_conv+K-Means", "VAE_conv+Agglomerative", "VAE_multimodal+K-Means",
                "VAE_multimodal+Agglomerative", "VAE_basic+K-Means"),
                a.top().bySilhouette().stream().map(Entry::method).toList());
        assertEquals(List.of("Text_only+Agglomerative", "Text_only+K-Means", "Audio+Text_concat+Agglomerative",
                "Audio+Text_concat+K-Means", "BetaVAE_beta_4.0+Agglomerative", "BetaVAE_beta_4.0+K-Means",
                "PCA_baseline+Agglomerative", "PCA_baseline+K-Means", "VAE_multimodal+Agglomerative",
                "VAE_multimodal+K-Means"), a.top().byAri().stream().map(Entry::method).toList());
        assertEquals(0.50, a.top().bySilhouette().getFirst().metrics().silhouette(), EPS);
        assertTrue(a.top().caution().contains("own space"));
        assertEquals("kmeans", a.algorithm());
    }

    @Test
    void bestAlgorithmPerFeatureSetAndAlgorithmComparison() {
        RunAnalysis a = hard(true);
        assertEquals(11, a.bestPerFeatureSet().size());
        FeatureSetBest b10 = a.bestPerFeatureSet().stream().filter(f -> f.features().equals("beta_vae_10.0"))
                .findFirst().orElseThrow();
        assertEquals("dbscan", b10.bySilhouette());
        assertEquals(0.50, b10.silhouette(), EPS);
        FeatureSetBest vae = a.bestPerFeatureSet().stream().filter(f -> f.features().equals("vae")).findFirst()
                .orElseThrow();
        assertEquals("VAE_basic", vae.name());
        assertEquals("kmeans", vae.bySilhouette());
        assertEquals("agglomerative", vae.byAri());
        assertEquals(0.16, vae.ari(), EPS);

        assertEquals(List.of("kmeans", "agglomerative", "dbscan"),
                a.algorithms().stream().map(AlgorithmSummary::algorithm).toList());
        AlgorithmSummary kmeans = a.algorithms().getFirst();
        assertEquals(11, kmeans.rows());
        assertEquals(0.45, kmeans.metrics().get("silhouette").best(), EPS);
        // (0.10 + 0.20 + 0.05 + 0.12 + 0.30 + 0.35 + 0.33 + 0.28 + 0.30 + 0.40 + 0.45) / 11
        assertEquals(2.88 / 11, kmeans.metrics().get("silhouette").mean(), EPS);
        assertEquals(0.96, kmeans.metrics().get("daviesBouldin").best(), EPS, "Davies-Bouldin: lowest is best");
        AlgorithmSummary dbscan = a.algorithms().get(2);
        // ten DBSCAN rows have no silhouette: the mean is over the one that has
        assertEquals(1, dbscan.metrics().get("silhouette").rows());
        assertEquals(0.50, dbscan.metrics().get("silhouette").mean(), EPS);
        assertEquals(11, dbscan.metrics().get("ari").rows());
    }

    @Test
    void architecturesAndMultimodalBenefit() {
        RunAnalysis a = hard(true);
        assertEquals(List.of("vae", "conv_vae", "multimodal_vae"),
                a.architectures().stream().map(ModelRow::model).toList());
        assertEquals("VAE_conv+K-Means", a.architectures().get(1).row().method());

        // VAE_multimodal against VAE_basic with K-Means, in %: silhouette (0.33 − 0.30) / 0.30
        assertEquals(10.0, benefit(a, "VAE_multimodal", "kmeans", "silhouette").percent(), 1e-6);
        assertEquals(5.0, benefit(a, "VAE_multimodal", "kmeans", "calinskiHarabasz").percent(), 1e-6);
        // Davies-Bouldin fell from 1.20 to 0.96: 20 % lower, a gain
        assertEquals(20.0, benefit(a, "VAE_multimodal", "kmeans", "daviesBouldin").percent(), 1e-6);
        assertEquals(100.0 * 0.04 / 0.38, benefit(a, "VAE_multimodal", "kmeans", "purity").percent(), 1e-6);
        // Text_only's Davies-Bouldin rose from 1.20 to 3.00: −150 %, a loss
        assertEquals(-150.0, benefit(a, "Text_only", "kmeans", "daviesBouldin").percent(), 1e-6);
        assertEquals(-250.0 / 3, benefit(a, "Text_only", "kmeans", "silhouette").percent(), 1e-6);
        assertEquals(3, a.benefits().stream().map(Benefit::candidate).distinct().count());
        // DBSCAN of both has no silhouette: listed, without a change
        assertNull(benefit(a, "VAE_multimodal", "dbscan", "silhouette").percent());
        assertEquals("VAE_basic", a.benefits().getFirst().baseline());
    }

    @Test
    void betaSweep() {
        RunAnalysis a = hard(true);
        List<BetaRow> betas = a.beta().betas();
        assertEquals(List.of(0.5, 1.0, 4.0, 10.0), betas.stream().map(BetaRow::beta).toList());
        // β = 1 is the sweep's own model, not the Basic VAE that shares its β
        assertEquals("beta_vae_1.0", betas.get(1).model());
        assertEquals(List.of(false, true, false, false), betas.stream().map(BetaRow::reference).toList());
        assertEquals(14.0, betas.get(2).finalReconstruction(), EPS);
        assertEquals(1.5, betas.get(2).finalKl(), EPS);
        assertEquals(0.15, betas.get(2).disentanglement().meanAbsOffDiagonalCorrelation(), EPS);
        assertEquals("BetaVAE_beta_4.0+K-Means", betas.get(2).row().method());
        assertEquals(10.0, a.beta().bestBeta().get("silhouette"));
        assertEquals(10.0, a.beta().bestBeta().get("calinskiHarabasz"));
        assertEquals(4.0, a.beta().bestBeta().get("daviesBouldin"), "lowest Davies-Bouldin: 1.00 at β = 4");
        assertEquals(4.0, a.beta().bestBeta().get("ari"));
        assertEquals(4.0, a.beta().bestBeta().get("purity"));
    }

    @Test
    void summaryRows() {
        RunAnalysis a = hard(true);
        assertEquals(List.of("PCA_baseline+K-Means", "VAE_basic+K-Means", "VAE_conv+K-Means",
                "VAE_multimodal+K-Means", "BetaVAE_beta_10.0+K-Means"),
                a.summary().stream().map(r -> r.row().method()).toList());
    }

    @Test
    void hardFindingsStateTheNumbers() {
        List<String> f = hard(true).findings();
        assertEquals(6, f.size(), String.join("\n", f));
        assertTrue(f.get(0).contains("BetaVAE_beta_10.0+DBSCAN's (0.5000)"), f.get(0));
        assertTrue(f.get(1).contains("Text_only+Agglomerative's (0.3100)"), f.get(1));
        assertTrue(f.get(2).contains("BetaVAE_beta_10.0 (0.4500), is better than the PCA baseline (0.2000): a "
                + "difference of +0.2500"), f.get(2));
        assertTrue(f.get(3).contains("on ARI, BetaVAE_beta_4.0 (0.2200), is better than the PCA baseline (0.2000): "
                + "a difference of +0.0200"), f.get(3));
        // ranks of the correlation 4 3 2 1 against ARI 2 3 4 1: ρ = 1 / 5
        assertTrue(f.get(4).contains("(β = 0.5, 1, 4, 10)"), f.get(4));
        assertTrue(f.get(4).contains("is 0.2000: less correlated (more disentangled) latents went with a lower "
                + "ARI"), f.get(4));
        assertTrue(f.get(5).startsWith("VAE_multimodal against VAE_basic with K-Means: Silhouette +10.00%, "
                + "Calinski-Harabasz +5.00%, Davies-Bouldin +20.00%, ARI +20.00%, NMI +20.00%, Purity +10.53%"),
                f.get(5));
    }

    @Test
    void easyRun() {
        RunAnalysis a = RunAnalysis.of(AnalysisFixtures.easyIndex(),
                AnalysisFixtures.histories(List.of(AnalysisFixtures.model("vae", "vae", null))),
                List.of(AnalysisFixtures.model("vae", "vae", null)), true);
        assertEquals(List.of("VAE_basic+K-Means", "PCA_baseline+K-Means"),
                a.top().bySilhouette().stream().map(Entry::method).toList());
        assertEquals(List.of("PCA_baseline+K-Means", "VAE_basic+K-Means"),
                a.top().byAri().stream().map(Entry::method).toList());
        assertEquals(1, a.architectures().size());
        assertTrue(a.benefits().isEmpty());
        assertNull(a.beta());
        assertEquals(List.of("PCA baseline", "VAE basic"), a.summary().stream().map(r -> r.role()).toList());
        List<String> f = a.findings();
        assertEquals(4, f.size(), String.join("\n", f));
        assertTrue(f.get(2).contains("VAE_basic (0.3000), is better than the PCA baseline (0.2000): a difference "
                + "of +0.1000"), f.get(2));
        assertTrue(f.get(3).contains("VAE_basic (0.1500), is worse than the PCA baseline (0.2000): a difference "
                + "of -0.0500"), f.get(3));
    }

    @Test
    void unlabelledRun() {
        RunAnalysis a = hard(false);
        assertFalse(a.labelled());
        assertNull(a.top().byAri());
        assertEquals(10, a.top().bySilhouette().size());
        assertTrue(a.bestPerFeatureSet().stream().allMatch(f -> f.byAri() == null && f.ari() == null));
        AlgorithmSummary kmeans = a.algorithms().getFirst();
        assertNull(kmeans.metrics().get("ari").best());
        assertNull(kmeans.metrics().get("ari").mean());
        assertEquals(0, kmeans.metrics().get("ari").rows());
        assertNull(a.beta().bestBeta().get("ari"));
        assertEquals(10.0, a.beta().bestBeta().get("silhouette"));
        assertNull(benefit(a, "VAE_multimodal", "kmeans", "ari").percent());
        List<String> f = a.findings();
        assertTrue(f.stream().noneMatch(s -> s.contains("ARI")), String.join("\n", f));
        // without labels the β sweep is related to silhouette: 0.28 0.30 0.40 0.45 against 0.30 … 0.10, ρ = −1
        assertTrue(f.stream().anyMatch(s -> s.contains("Silhouette with K-Means is -1.0000: less correlated (more "
                + "disentangled) latents went with a higher Silhouette")), String.join("\n", f));
        assertTrue(f.getLast().contains("Silhouette +10.00%") && !f.getLast().contains("Purity"), f.getLast());
    }

    @Test
    void runWithoutBetaSweepOrMultimodal() {
        List<ModelSpec> models = List.of(AnalysisFixtures.model("vae", "vae", null),
                AnalysisFixtures.model("conv_vae", "conv_vae", null));
        ClusteringIndex index = AnalysisFixtures.hardIndex(true);
        List<MetricRow> rows = index.rows().stream()
                .filter(r -> List.of("raw", "pca", "vae", "conv_vae").contains(r.features())).toList();
        // no disentanglement and no histories either
        RunAnalysis a = RunAnalysis.of(new ClusteringIndex(100, 4, index.featureSets(), rows, null), List.of(),
                models, true);
        assertNull(a.beta());
        assertTrue(a.benefits().isEmpty());
        assertEquals(List.of("PCA baseline", "VAE basic", "VAE conv"),
                a.summary().stream().map(r -> r.role()).toList());
        assertTrue(a.findings().stream().noneMatch(s -> s.contains("β") || s.contains("multimodal")));
    }

    @Test
    void percentGainSign() {
        assertEquals(-20.0, Metric.DAVIES_BOULDIN.percentGain(1.0, 1.2), 1e-9, "a higher Davies-Bouldin is worse");
        assertEquals(20.0, Metric.SILHOUETTE.percentGain(-0.5, -0.4), 1e-9, "relative to |baseline|");
        assertNull(Metric.ARI.percentGain(0.0, 0.1));
        assertNull(Metric.ARI.percentGain(null, 0.1));
    }

    @Test
    void spearmanWithTies() {
        assertEquals(-1.0, Findings.spearman(new double[] {1, 2, 3}, new double[] {3, 2, 1}), EPS);
        // ranks 1.5 1.5 3 against 1 2 3
        assertEquals(0.8660254037844387, Findings.spearman(new double[] {5, 5, 7}, new double[] {1, 2, 3}), 1e-12);
        assertTrue(Double.isNaN(Findings.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
    }

    @Test
    void serialisesAsPlainJsonWithNulls() throws Exception {
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(hard(false)));
        assertEquals(List.of("labelled", "algorithm", "top", "bestPerFeatureSet", "algorithms", "architectures",
                "benefits", "beta", "summary", "findings"), fieldNames(json));
        assertTrue(json.get("top").get("byAri").isNull());
        JsonNode first = json.get("top").get("bySilhouette").get(0);
        assertEquals(List.of("method", "features", "algorithm", "clusters", "noise", "metrics"), fieldNames(first));
        assertTrue(first.get("metrics").get("ari").isNull());
        assertEquals(0.5, first.get("metrics").get("silhouette").asDouble(), EPS);
        assertTrue(json.get("beta").get("bestBeta").get("ari").isNull());
        assertEquals(14.0, json.get("beta").get("betas").get(2).get("finalReconstruction").asDouble(), EPS);
        assertEquals(0.15, json.get("beta").get("betas").get(2).get("disentanglement")
                .get("meanAbsOffDiagonalCorrelation").asDouble(), EPS);
        assertEquals(List.of("best", "mean", "rows"),
                fieldNames(json.get("algorithms").get(0).get("metrics").get("silhouette")));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Benefit benefit(RunAnalysis a, String candidate, String algorithm, String metric) {
        return a.benefits().stream().filter(b -> b.candidate().equals(candidate) && b.algorithm().equals(algorithm)
                && b.metric().equals(metric)).findFirst().orElseThrow();
    }
}
