package io.songspace.report.report;

import com.fasterxml.jackson.core.type.TypeReference;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.artifacts.MetricRow;
import io.songspace.common.artifacts.SkippedTrack;
import io.songspace.common.artifacts.TrainingHistory;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.store.ObjectStore;
import java.util.Arrays;
import java.util.List;

/**
 * Everything the report is made of, read from the run's artifacts and checked for consistency: every per-track
 * array has one row per entry of {@code track_ids.json}.
 */
record ReportInputs(List<String> trackIds, int[] labels, List<String> labelNames, List<SkippedTrack> skipped,
        TrainingHistory history, List<MetricRow> metrics, int[] vaeClusters, int[] pcaClusters, double[][] tsneVae,
        double[][] tsnePca, double[][] umapVae) {

    /** The feature sets, clustering algorithm and embedding methods the report shows, as ArtifactKeys names them. */
    private static final String VAE = "vae";
    private static final String PCA = "pca";
    private static final String KMEANS = "kmeans";
    private static final String TSNE = "tsne";
    private static final String UMAP = "umap";

    /** Whether the run's tracks carry labels: the true-label figures and ARI, NMI and purity need them. */
    boolean labelled() {
        if (labelNames.isEmpty()) {
            return false;
        }
        for (int l : labels) {
            if (l >= 0) {
                return true;
            }
        }
        return false;
    }

    static ReportInputs load(ObjectStore store, String runId) {
        List<String> trackIds = store.getJson(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS), new TypeReference<>() {
        });
        int n = trackIds.size();
        String skippedKey = ArtifactKeys.feature(runId, FeatureFiles.SKIPPED);
        List<SkippedTrack> skipped = store.exists(skippedKey)
                ? store.getJson(skippedKey, new TypeReference<List<SkippedTrack>>() {
                })
                : List.of();
        return new ReportInputs(trackIds,
                ints(store, ArtifactKeys.feature(runId, FeatureFiles.LABELS), n),
                store.getJson(ArtifactKeys.feature(runId, FeatureFiles.LABEL_NAMES), new TypeReference<>() {
                }),
                skipped,
                store.getJson(ArtifactKeys.trainingHistory(runId, VAE), TrainingHistory.class),
                store.getJson(ArtifactKeys.clusteringMetrics(runId), new TypeReference<>() {
                }),
                ints(store, ArtifactKeys.assignments(runId, VAE, KMEANS), n),
                ints(store, ArtifactKeys.assignments(runId, PCA, KMEANS), n),
                points(store, ArtifactKeys.embedding(runId, TSNE, VAE), n),
                points(store, ArtifactKeys.embedding(runId, TSNE, PCA), n),
                points(store, ArtifactKeys.embedding(runId, UMAP, VAE), n));
    }

    private static int[] ints(ObjectStore store, String key, int n) {
        NpyArray a = store.getNpy(key);
        if (a.shape().length != 1 || a.shape()[0] != n) {
            throw new IllegalStateException(key + ": shape " + Arrays.toString(a.shape()) + ", expected ["
                    + n + "] (one per track in track_ids.json)");
        }
        return a.toInts();
    }

    private static double[][] points(ObjectStore store, String key, int n) {
        NpyArray a = store.getNpy(key);
        if (a.shape().length != 2 || a.shape()[0] != n || a.shape()[1] != 2) {
            throw new IllegalStateException(key + ": shape " + Arrays.toString(a.shape()) + ", expected ["
                    + n + ", 2] (one 2-D point per track in track_ids.json)");
        }
        return a.toMatrix();
    }
}
