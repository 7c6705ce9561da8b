package io.songspace.common.artifacts;

import java.util.Locale;

/**
 * Object keys in the songspace bucket. Producers write and consumers read these keys, never strings of their
 * own; every array is NumPy {@code .npy}/{@code .npz} so researchers can open each artifact in Python.
 */
public final class ArtifactKeys {

    private ArtifactKeys() {
    }

    /** The folder of every run's folder. */
    public static final String RUNS = "runs/";

    public static String runPrefix(String runId) {
        return RUNS + runId + "/";
    }

    /** Written when a run is cancelled: every service stops its work for the run once it sees it. */
    public static String cancelled(String runId) {
        return runPrefix(runId) + "cancelled.json";
    }

    /** The run's spec with defaults filled in, written once by the report-service when the run is accepted. */
    public static String spec(String runId) {
        return runPrefix(runId) + "spec.json";
    }

    /** The run's spec and status history, owned by the report-service. */
    public static String runJson(String runId) {
        return runPrefix(runId) + "run.json";
    }

    /** One {@link ManifestEntry} per line. */
    public static String manifest(String runId) {
        return runPrefix(runId) + "manifest.jsonl";
    }

    /** The per-chunk results of the features stage. */
    public static String chunksPrefix(String runId) {
        return runPrefix(runId) + "chunks/";
    }

    /**
     * The features of a chunk's featurised tracks, rows in the order of its outcome: {@code mfcc40} (k×40) and
     * {@code patch} (k×20×128) in one .npz; absent when none of its tracks could be featurised.
     */
    public static String chunkFeatures(String runId, int chunk) {
        return chunksPrefix(runId) + String.format(Locale.ROOT, "%05d.npz", chunk);
    }

    /** A chunk's outcome (an {@code AudioDone} as JSON), written after its features: the chunk is complete. */
    public static String chunkOutcome(String runId, int chunk) {
        return chunksPrefix(runId) + String.format(Locale.ROOT, "%05d.json", chunk);
    }

    /** A feature matrix or its companions under {@code features/}, see {@link FeatureFiles}. */
    public static String feature(String runId, String fileName) {
        return runPrefix(runId) + "features/" + fileName;
    }

    /** The text stage's own files under {@code text/}: every manifest track's text record and vector. */
    public static String text(String runId, String fileName) {
        return runPrefix(runId) + "text/" + fileName;
    }

    /** Where lyrics answers are cached for every run: {@code cache/lyrics/{key}.json}. */
    public static String lyricsCache(String key) {
        return "cache/lyrics/" + key + ".json";
    }

    /** A model's parameters or history under {@code models/}. */
    public static String model(String runId, String fileName) {
        return runPrefix(runId) + "models/" + fileName;
    }

    /** A model's parameters (DJL's format). */
    public static String modelParameters(String runId, String model) {
        return model(runId, model + ".params");
    }

    /** A model's per-epoch losses, a {@link TrainingHistory} as JSON. */
    public static String trainingHistory(String runId, String model) {
        return model(runId, model + "_history.json");
    }

    /** A model's card: architecture, hyper-parameters, parameter count, seed, device and seconds, as JSON. */
    public static String modelCard(String runId, String model) {
        return model(runId, model + "_card.json");
    }

    /** The failure marker of a model whose training failed, with the reason; a later success removes it. */
    public static String modelFailure(String runId, String model) {
        return model(runId, model + ".failed.json");
    }

    public static String latentsPrefix(String runId) {
        return runPrefix(runId) + "latents/";
    }

    /** A model's latent means, one row per track in {@code track_ids.json} order. */
    public static String latents(String runId, String model) {
        return latentsPrefix(runId) + model + ".npy";
    }

    /** A model's latent log-variances (log σ²), rows as {@link #latents}. */
    public static String latentLogVars(String runId, String model) {
        return latentsPrefix(runId) + model + "_logvar.npy";
    }

    /** Clustering outputs: metric rows, assignments, 2-D embeddings. */
    public static String clustering(String runId, String fileName) {
        return runPrefix(runId) + "clustering/" + fileName;
    }

    /** The {@link ClusteringIndex}; written last, so its presence means "clustered". */
    public static String clusteringIndex(String runId) {
        return clustering(runId, "index.json");
    }

    /** The failure marker of a run whose clustering failed, with the reason; the index supersedes it. */
    public static String clusteringFailure(String runId) {
        return clustering(runId, "failed.json");
    }

    /** Cluster labels (int64 N, -1 = noise) of {@code algorithm} on the feature set {@code features}. */
    public static String assignments(String runId, String features, String algorithm) {
        return clustering(runId, "assignments_" + features + "_" + algorithm + ".npy");
    }

    /** A 2-D embedding (float32 N×2) by {@code method} (tsne, umap) of the feature set {@code features}. */
    public static String embedding(String runId, String method, String features) {
        return clustering(runId, "embedding_" + method + "_" + features + ".npy");
    }

    /** A derived feature matrix (float32 N×d) that is not a model's latents, e.g. the PCA baseline's. */
    public static String featureSet(String runId, String features) {
        return clustering(runId, "features_" + features + ".npy");
    }

    public static String reportPrefix(String runId) {
        return runPrefix(runId) + "report/";
    }

    public static String report(String runId, String fileName) {
        return reportPrefix(runId) + fileName;
    }
}
