package io.songspace.cluster.service;

import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.events.DatasetSpec;
import io.songspace.common.events.RunSpec;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.store.ObjectStore;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** A synthetic run's clustering inputs: N tracks, one well-separated blob per genre, seeded. */
public final class RunInputs {

    public static final int N = 90;
    public static final int GENRES = 3;
    public static final int LATENT_DIM = 4;
    public static final int FEATURE_DIM = 6;

    private RunInputs() {
    }

    public static String newRunId() {
        return "run-" + UUID.randomUUID();
    }

    public static RunSpec spec(Integer k) {
        return spec(RunSpec.EASY, k);
    }

    /** A spec of {@code level} with the latent size of these inputs and a short UMAP. */
    public static RunSpec spec(String level, Integer k) {
        return new RunSpec(level, new DatasetSpec.Demo(null, null, null),
                new RunSpec.Training(null, null, null, LATENT_DIM, null), null,
                new RunSpec.Clustering(k, 10.0, null), 7L);
    }

    public static long[] labels(boolean unlabelled) {
        long[] labels = new long[N];
        for (int i = 0; i < N; i++) {
            labels[i] = unlabelled ? -1 : i % GENRES;
        }
        return labels;
    }

    /** Latents of {@code models}, the standardized features, the text sets (read when the spec has text), labels. */
    public static void write(ObjectStore store, String runId, long[] labels, List<String> models) {
        for (String model : models) {
            store.putNpy(ArtifactKeys.latents(runId, model), blobs(LATENT_DIM, 1));
            store.putNpy(ArtifactKeys.latentLogVars(runId, model), blobs(LATENT_DIM, 3));
        }
        store.putNpy(ArtifactKeys.feature(runId, FeatureFiles.STANDARDIZED), blobs(FEATURE_DIM, 2));
        store.putNpy(ArtifactKeys.feature(runId, FeatureFiles.TEXT), blobs(FEATURE_DIM, 4));
        store.putNpy(ArtifactKeys.feature(runId, FeatureFiles.AUDIO_TEXT), blobs(2 * FEATURE_DIM, 5));
        store.putNpy(ArtifactKeys.feature(runId, FeatureFiles.LABELS), NpyArray.ofLongs(labels, N));
    }

    public static void write(ObjectStore store, String runId, long[] labels) {
        write(store, runId, labels, List.of("vae"));
    }

    private static NpyArray blobs(int dimension, long seed) {
        Random random = new Random(seed);
        float[] x = new float[N * dimension];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < dimension; j++) {
                x[i * dimension + j] = (float) (random.nextGaussian() + (j == i % GENRES ? 6 : 0));
            }
        }
        return NpyArray.ofFloats(x, N, dimension);
    }
}
