package io.songspace.report.report;

import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.ClusteringIndex;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.artifacts.MetricRow;
import io.songspace.common.artifacts.SkippedTrack;
import io.songspace.common.artifacts.TrainingHistory;
import io.songspace.common.events.AlgorithmSpec;
import io.songspace.common.events.ModelSpec;
import io.songspace.common.events.RunSpec;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.store.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The artifacts the feature, trainer and cluster services leave for a run, made up (seeded): genres as Gaussian
 * blobs in 2-D, VAE clusters that mostly follow the genres, PCA clusters that follow them less.
 */
final class SyntheticRun {

    static final List<String> GENRES = List.of("Hip-Hop", "Pop", "Folk", "Experimental", "Rock");
    static final int PER_GENRE = 12;
    static final int TRACKS = GENRES.size() * PER_GENRE;

    static final MetricRow VAE = new MetricRow("VAE_basic+K-Means", "vae", "kmeans", 5, 0, 0.4123, 187.25, 0.9021,
            0.3512, 0.4013, 0.62, "k=5, n_init=10", "assignments_vae_kmeans.npy");
    static final MetricRow PCA = new MetricRow("PCA_baseline+K-Means", "pca", "kmeans", 5, 0, 0.2877, 95.5, 1.3104,
            0.1803, 0.2251, 0.45, "k=5, n_init=10", "assignments_pca_kmeans.npy");

    private SyntheticRun() {
    }

    /**
     * The rows of a run of {@code level}: the two easy rows first (K-Means on the VAE and on PCA), then made-up
     * rows for every other feature set × algorithm of the level (raw, the other models; Agglomerative, DBSCAN with
     * some noise).
     */
    static List<MetricRow> metrics(String runId, RunSpec spec, boolean labelled) {
        List<MetricRow> rows = new ArrayList<>(List.of(keyed(runId, VAE), keyed(runId, PCA)));
        Random random = new Random(7);
        List<String> sets = new ArrayList<>(List.of("raw", "pca"));
        if (spec.textEnabled()) {
            sets.addAll(List.of("text", "audio_text"));
        }
        sets.addAll(spec.modelIds());
        for (String set : sets) {
            for (AlgorithmSpec a : spec.clustering().algorithms()) {
                if (a.name().equals("kmeans") && (set.equals("vae") || set.equals("pca"))) {
                    continue;
                }
                boolean dbscan = a.name().equals("dbscan");
                rows.add(new MetricRow(set + "+" + a.name(), set, a.name(), dbscan ? 4 : 5, dbscan ? 6 : 0,
                        0.1 + 0.3 * random.nextDouble(), 50 + 100 * random.nextDouble(), 1 + random.nextDouble(),
                        0.3 * random.nextDouble(), 0.4 * random.nextDouble(), 0.3 + 0.4 * random.nextDouble(),
                        dbscan ? "eps=1.2345 (knee), minSamples=5" : "k=5",
                        ArtifactKeys.assignments(runId, set, a.name())));
            }
        }
        return labelled ? rows : rows.stream().map(SyntheticRun::unlabelled).toList();
    }

    private static MetricRow keyed(String runId, MetricRow r) {
        return new MetricRow(r.method(), r.features(), r.algorithm(), r.clusters(), r.noise(), r.silhouette(),
                r.calinskiHarabasz(), r.daviesBouldin(), r.ari(), r.nmi(), r.purity(), r.parameters(),
                ArtifactKeys.assignments(runId, r.features(), r.algorithm()));
    }

    private static MetricRow unlabelled(MetricRow r) {
        return new MetricRow(r.method(), r.features(), r.algorithm(), r.clusters(), r.noise(), r.silhouette(),
                r.calinskiHarabasz(), r.daviesBouldin(), null, null, null, r.parameters(), r.assignments());
    }

    /** An easy run's artifacts. */
    static void write(ObjectStore store, String runId, boolean labelled) {
        write(store, runId, labelled, RunSpec.EASY);
    }

    /** The artifacts of a run of {@code level}; its spec.json is rewritten with that level. */
    static void write(ObjectStore store, String runId, boolean labelled, String level) {
        RunSpec spec = new RunSpec(level, store.getJson(ArtifactKeys.spec(runId), RunSpec.class).dataset(), null,
                null, null, 42L).withDefaults();
        store.putJson(ArtifactKeys.spec(runId), spec);
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
        if (spec.textEnabled()) {
            // a third of the tracks with lyrics, the rest with their metadata
            store.putJson(ArtifactKeys.feature(runId, FeatureFiles.TEXT_SOURCES), IntStream.range(0, TRACKS)
                    .mapToObj(i -> i % 3 == 0 ? "lyrics" : "metadata").toList());
        }
        store.putJson(ArtifactKeys.feature(runId, FeatureFiles.SKIPPED), List.of(
                new SkippedTrack("099134", "no audio file"), new SkippedTrack("108925", "decode: <unexpected EOF>")));
        List<TrainingHistory.Epoch> epochs = new ArrayList<>();
        for (int e = 1; e <= 30; e++) {
            double recon = 40 * Math.exp(-e / 8.0) + 18 + random.nextGaussian() * 0.3;
            double kl = 2 + 6 * (1 - Math.exp(-e / 5.0));
            epochs.add(new TrainingHistory.Epoch(e, recon + kl, recon, kl, 120, 0));
        }
        for (ModelSpec model : spec.models()) {
            store.putJson(ArtifactKeys.trainingHistory(runId, model.id()),
                    new TrainingHistory(model.id(), model.beta(), "cpu", epochs, 3.6));
        }
        store.putNpy(ArtifactKeys.assignments(runId, "vae", "kmeans"), NpyArray.ofLongs(vae, TRACKS));
        store.putNpy(ArtifactKeys.assignments(runId, "pca", "kmeans"), NpyArray.ofLongs(pca, TRACKS));
        store.putNpy(ArtifactKeys.embedding(runId, "tsne", "vae"), NpyArray.ofFloats(tsneVae, TRACKS, 2));
        store.putNpy(ArtifactKeys.embedding(runId, "tsne", "pca"), NpyArray.ofFloats(tsnePca, TRACKS, 2));
        store.putNpy(ArtifactKeys.embedding(runId, "umap", "vae"), NpyArray.ofFloats(umapVae, TRACKS, 2));
        List<ClusteringIndex.FeatureSetEntry> sets = List.of(
                new ClusteringIndex.FeatureSetEntry("vae", "VAE_basic", "vae", 32, Map.of(
                        "tsne", ArtifactKeys.embedding(runId, "tsne", "vae"),
                        "umap", ArtifactKeys.embedding(runId, "umap", "vae"))),
                new ClusteringIndex.FeatureSetEntry("pca", "PCA_baseline", null, 32, Map.of(
                        "tsne", ArtifactKeys.embedding(runId, "tsne", "pca"))));
        List<ClusteringIndex.Disentanglement> disentanglement = spec.models().stream()
                .map(m -> new ClusteringIndex.Disentanglement(m.id(), m.methodName(), 32, 0.12, 0.1, 0.001, 0.4,
                        1.1, 0.45, 0.3, 28, 21, 0.37)).toList();
        store.putJson(ArtifactKeys.clusteringIndex(runId), new ClusteringIndex(TRACKS, 5, sets,
                metrics(runId, spec, labelled), disentanglement));
    }

    private static void blob(float[] points, int i, double cx, double cy, double sd, Random random) {
        points[2 * i] = (float) (cx + sd * random.nextGaussian());
        points[2 * i + 1] = (float) (cy + sd * random.nextGaussian());
    }
}
