package io.songspace.report.report;

import com.fasterxml.jackson.core.type.TypeReference;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.ClusteringIndex;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.artifacts.MetricRow;
import io.songspace.common.artifacts.SkippedTrack;
import io.songspace.common.artifacts.TrainingHistory;
import io.songspace.common.events.AlgorithmSpec;
import io.songspace.common.events.RunSpec;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.store.ObjectStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Everything the report is made of, read from the run's artifacts and checked for consistency: every per-track
 * array has one row per entry of {@code track_ids.json}. What was clustered comes from the cluster-service's
 * {@code clustering/index.json}, never from fixed file names; the easy-level figures show the run's first model
 * (the Basic VAE of every level) beside the PCA baseline, with K-Means (or the spec's first algorithm when it has
 * no K-Means); the 2-D maps are null where the spec asked for no such embedding.
 */
record ReportInputs(RunSpec spec, List<String> trackIds, int[] labels, List<String> labelNames,
        List<SkippedTrack> skipped, List<TrainingHistory> histories, ClusteringIndex index, String primaryModel,
        String algorithm, int[] primaryClusters, int[] pcaClusters, double[][] umapPrimary,
        Map<String, Long> textSources, Map<String, double[][]> tsneBySet) {

    /** The first model's t-SNE map, or null when the run made none. */
    double[][] tsnePrimary() {
        return tsneBySet.get(primaryModel);
    }

    /** The PCA baseline's t-SNE map, or null when the run made none. */
    double[][] tsnePca() {
        return tsneBySet.get(PCA);
    }

    /** The baseline feature set and the embedding methods the easy figures show, as the index names them. */
    private static final String PCA = "pca";
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

    /** The history of the run's first model (the training-history figure). */
    TrainingHistory primaryHistory() {
        return histories.getFirst();
    }

    static ReportInputs load(ObjectStore store, String runId) {
        RunSpec spec = store.getJson(ArtifactKeys.spec(runId), RunSpec.class).withDefaults();
        List<String> trackIds = store.getJson(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS), new TypeReference<>() {
        });
        int n = trackIds.size();
        String skippedKey = ArtifactKeys.feature(runId, FeatureFiles.SKIPPED);
        List<SkippedTrack> skipped = store.exists(skippedKey)
                ? store.getJson(skippedKey, new TypeReference<List<SkippedTrack>>() {
                })
                : List.of();
        ClusteringIndex index = store.getJson(ArtifactKeys.clusteringIndex(runId), ClusteringIndex.class);
        if (index.tracks() != n) {
            throw new IllegalStateException(ArtifactKeys.clusteringIndex(runId) + " covers " + index.tracks()
                    + " tracks, track_ids.json lists " + n);
        }
        List<TrainingHistory> histories = spec.modelIds().stream()
                .map(m -> store.getJson(ArtifactKeys.trainingHistory(runId, m), TrainingHistory.class)).toList();
        String primary = spec.modelIds().getFirst();
        String algorithm = spec.clustering().algorithms().stream().map(AlgorithmSpec::name)
                .filter(AlgorithmSpec.KMEANS::equals).findFirst()
                .orElse(spec.clustering().algorithms().getFirst().name());
        return new ReportInputs(spec, trackIds,
                ints(store, ArtifactKeys.feature(runId, FeatureFiles.LABELS), n),
                store.getJson(ArtifactKeys.feature(runId, FeatureFiles.LABEL_NAMES), new TypeReference<>() {
                }),
                skipped, histories, index, primary, algorithm,
                ints(store, assignments(index, primary, algorithm), n),
                ints(store, assignments(index, PCA, algorithm), n),
                points(store, embedding(index, primary, UMAP), n),
                textSources(store, runId, spec, n), tsneBySet(store, index, n));
    }

    /** Every feature set's t-SNE map that the index lists, by feature-set id, in the index's order. */
    private static Map<String, double[][]> tsneBySet(ObjectStore store, ClusteringIndex index, int n) {
        Map<String, double[][]> maps = new LinkedHashMap<>();
        for (ClusteringIndex.FeatureSetEntry set : index.featureSets()) {
            String key = set.embeddings().get(TSNE);
            if (key != null) {
                maps.put(set.id(), points(store, key, n));
            }
        }
        return maps;
    }

    /** Clustered tracks per text source (lyrics, metadata, filename, none); empty when the run has no text. */
    private static Map<String, Long> textSources(ObjectStore store, String runId, RunSpec spec, int n) {
        if (!spec.textEnabled()) {
            return Map.of();
        }
        String key = ArtifactKeys.feature(runId, FeatureFiles.TEXT_SOURCES);
        List<String> sources = store.getJson(key, new TypeReference<>() {
        });
        if (sources.size() != n) {
            throw new IllegalStateException(key + " lists " + sources.size() + " tracks, track_ids.json " + n);
        }
        return sources.stream().collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting()));
    }

    /** The index's row of {@code features} × {@code algorithm}: the easy figures need it. */
    MetricRow row(String features) {
        return row(index, features, algorithm);
    }

    private static MetricRow row(ClusteringIndex index, String features, String algorithm) {
        return index.rows().stream().filter(r -> r.features().equals(features) && r.algorithm().equals(algorithm))
                .findFirst().orElseThrow(() -> new IllegalStateException("clustering/index.json has no row for "
                        + features + " × " + algorithm));
    }

    private static String assignments(ClusteringIndex index, String features, String algorithm) {
        return row(index, features, algorithm).assignments();
    }

    /** The key of {@code features}' embedding by {@code method}, or null when the run has none. */
    private static String embedding(ClusteringIndex index, String features, String method) {
        return index.featureSets().stream().filter(f -> f.id().equals(features)).findFirst()
                .map(f -> f.embeddings().get(method)).orElse(null);
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
        if (key == null) {
            return null;
        }
        NpyArray a = store.getNpy(key);
        if (a.shape().length != 2 || a.shape()[0] != n || a.shape()[1] != 2) {
            throw new IllegalStateException(key + ": shape " + Arrays.toString(a.shape()) + ", expected ["
                    + n + ", 2] (one 2-D point per track in track_ids.json)");
        }
        return a.toMatrix();
    }
}
