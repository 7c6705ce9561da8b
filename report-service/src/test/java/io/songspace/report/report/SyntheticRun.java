package io.songspace.report.report;

import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.artifacts.MetricRow;
import io.songspace.common.artifacts.SkippedTrack;
import io.songspace.common.artifacts.TrainingHistory;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.store.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The artifacts the feature, trainer and cluster services leave for a run, made up (seeded): genres as Gaussian
 * blobs in 2-D, VAE clusters that mostly follow the genres, PCA clusters that follow them less.
 */
final class SyntheticRun {

    static final List<String> GENRES = List.of("Hip-Hop", "Pop", "Folk", "Experimental", "Rock");
    static final int PER_GENRE = 12;
    static final int TRACKS = GENRES.size() * PER_GENRE;

    static final MetricRow VAE = new MetricRow("VAE+K-Means", "vae", "kmeans", 5, 0.4123, 187.25, 0.9021, 0.3512,
            0.4013, 0.62);
    static final MetricRow PCA = new MetricRow("PCA+K-Means", "pca", "kmeans", 5, 0.2877, 95.5, 1.3104, 0.1803,
            0.2251, 0.45);

    private SyntheticRun() {
    }

    static List<MetricRow> metrics(boolean labelled) {
        return labelled ? List.of(VAE, PCA) : List.of(unlabelled(VAE), unlabelled(PCA));
    }

    private static MetricRow unlabelled(MetricRow r) {
        return new MetricRow(r.method(), r.features(), r.algorithm(), r.clusters(), r.silhouette(), r.calinskiHarabasz(),
                r.daviesBouldin(), null, null, null);
    }

    static void write(ObjectStore store, String runId, boolean labelled) {
        Random random = new Random(42);
        List<String> trackIds = new ArrayList<>();
        long[] labels = new long[TRACKS];
        long[] vae = new long[TRACKS];
        long[] pca = new long[TRACKS];
        float[] tsneVae = new float[TRACKS * 2];
        float[] tsnePca = new float[TRACKS * 2];
        float[] umapVae = new float[TRACKS * 2];
        for (int i = 0; i < TRACKS; i++) {
            int genre = i / PER_GENRE;
            trackIds.add(String.format("%06d", 1000 + i));
            labels[i] = labelled ? genre : -1;
            vae[i] = random.nextDouble() < 0.8 ? (genre + 2) % 5 : random.nextInt(5);
            pca[i] = random.nextDouble() < 0.5 ? genre : random.nextInt(5);
            double angle = 2 * Math.PI * genre / GENRES.size();
            blob(tsneVae, i, 30 * Math.cos(angle), 30 * Math.sin(angle), 5, random);
            blob(tsnePca, i, 15 * Math.cos(angle), 15 * Math.sin(angle), 9, random);
            blob(umapVae, i, 6 + 4 * Math.cos(angle), 3 + 4 * Math.sin(angle), 0.8, random);
        }
        store.putJson(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS), trackIds);
        store.putNpy(ArtifactKeys.feature(runId, FeatureFiles.LABELS), NpyArray.ofLongs(labels, TRACKS));
        store.putJson(ArtifactKeys.feature(runId, FeatureFiles.LABEL_NAMES), labelled ? GENRES : List.of());
        store.putJson(ArtifactKeys.feature(runId, FeatureFiles.SKIPPED), List.of(
                new SkippedTrack("099134", "no audio file"), new SkippedTrack("108925", "decode: <unexpected EOF>")));
        List<TrainingHistory.Epoch> epochs = new ArrayList<>();
        for (int e = 1; e <= 30; e++) {
            double recon = 40 * Math.exp(-e / 8.0) + 18 + random.nextGaussian() * 0.3;
            double kl = 2 + 6 * (1 - Math.exp(-e / 5.0));
            epochs.add(new TrainingHistory.Epoch(e, recon + kl, recon, kl, 120));
        }
        store.putJson(ArtifactKeys.model(runId, "vae_history.json"), new TrainingHistory("vae", 1.0, "cpu", epochs, 3.6));
        store.putJson(ArtifactKeys.clustering(runId, "metrics.json"), metrics(labelled));
        store.putNpy(ArtifactKeys.clustering(runId, "assignments_vae_kmeans.npy"), NpyArray.ofLongs(vae, TRACKS));
        store.putNpy(ArtifactKeys.clustering(runId, "assignments_pca_kmeans.npy"), NpyArray.ofLongs(pca, TRACKS));
        store.putNpy(ArtifactKeys.clustering(runId, "embedding_tsne_vae.npy"), NpyArray.ofFloats(tsneVae, TRACKS, 2));
        store.putNpy(ArtifactKeys.clustering(runId, "embedding_tsne_pca.npy"), NpyArray.ofFloats(tsnePca, TRACKS, 2));
        store.putNpy(ArtifactKeys.clustering(runId, "embedding_umap_vae.npy"), NpyArray.ofFloats(umapVae, TRACKS, 2));
    }

    private static void blob(float[] points, int i, double cx, double cy, double sd, Random random) {
        points[2 * i] = (float) (cx + sd * random.nextGaussian());
        points[2 * i + 1] = (float) (cy + sd * random.nextGaussian());
    }
}
