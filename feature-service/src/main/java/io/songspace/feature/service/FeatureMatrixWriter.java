package io.songspace.feature.service;

import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.artifacts.ManifestEntry;
import io.songspace.common.artifacts.SkippedTrack;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.npy.Standardize;
import io.songspace.common.store.ObjectStore;
import io.songspace.feature.audio.MfccExtractor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a run's feature matrices under {@code features/} (see {@link FeatureFiles}), rows in manifest order.
 * {@link FeatureFiles#TRACK_IDS} is written last: its presence means the run's features are complete.
 */
@ApplicationScoped
public class FeatureMatrixWriter {

    /** MFCC-40 column names: the 20 means, then the 20 population standard deviations. */
    public static final List<String> MFCC_COLUMNS = mfccColumns();

    /** One usable track: its raw feature row and, for audio datasets, its 20×128 MFCC patch. */
    public record TrackRow(String trackId, float[] features, float[] patch) {
    }

    private final ObjectStore store;

    public FeatureMatrixWriter(ObjectStore store) {
        this.store = store;
    }

    /**
     * The label names, index = label value: the spec's genres when it names them, else the distinct labels of the
     * manifest in alphabetical order.
     */
    public static List<String> labelNames(List<String> specGenres, List<ManifestEntry> manifest) {
        if (specGenres != null) {
            return List.copyOf(specGenres);
        }
        TreeSet<String> names = new TreeSet<>();
        manifest.stream().map(ManifestEntry::label).filter(l -> l != null).forEach(names::add);
        return List.copyOf(names);
    }

    /**
     * Writes every matrix and companion file; returns the FEATURES COMPLETED details ({@code tracks},
     * {@code skipped}, {@code dim}).
     *
     * @param rows    usable tracks, in manifest order (at least one)
     * @param patches whether the rows carry MFCC patches (audio datasets)
     */
    public Map<String, String> write(String runId, List<ManifestEntry> manifest, List<String> labelNames,
            List<String> columns, List<TrackRow> rows, List<SkippedTrack> skipped, boolean patches) {
        int n = rows.size();
        int dim = columns.size();
        float[] raw = new float[n * dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows.get(i).features(), 0, raw, i * dim, dim);
        }
        Map<String, String> labelOf = new HashMap<>();
        manifest.forEach(e -> {
            if (e.label() != null) {
                labelOf.put(e.trackId(), e.label());
            }
        });
        long[] labels = new long[n];
        List<String> trackIds = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = rows.get(i).trackId();
            trackIds.add(id);
            String label = labelOf.get(id);
            labels[i] = label == null ? -1 : labelNames.indexOf(label);
        }

        // the files are independent: written at once, the run's stage ends a few round trips sooner
        List<Runnable> writes = new ArrayList<>();
        writes.add(() -> store.putJson(ArtifactKeys.feature(runId, FeatureFiles.SKIPPED), skipped));
        writes.add(() -> store.putJson(ArtifactKeys.feature(runId, FeatureFiles.COLUMNS), columns));
        writes.add(() -> store.putJson(ArtifactKeys.feature(runId, FeatureFiles.LABEL_NAMES), labelNames));
        writes.add(() -> store.putNpy(ArtifactKeys.feature(runId, FeatureFiles.RAW), NpyArray.ofFloats(raw, n, dim)));
        writes.add(() -> store.putNpy(ArtifactKeys.feature(runId, FeatureFiles.STANDARDIZED),
                NpyArray.ofFloats(Standardize.columns(raw, n, dim), n, dim)));
        if (patches) {
            writes.add(() -> {
                int patchSize = MfccExtractor.N_MFCC * MfccExtractor.PATCH_FRAMES;
                float[] all = new float[n * patchSize];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(rows.get(i).patch(), 0, all, i * patchSize, patchSize);
                }
                store.putNpy(ArtifactKeys.feature(runId, FeatureFiles.PATCHES), NpyArray.ofFloats(all, n,
                        MfccExtractor.N_MFCC, MfccExtractor.PATCH_FRAMES));
            });
        }
        writes.add(() -> store.putNpy(ArtifactKeys.feature(runId, FeatureFiles.LABELS), NpyArray.ofLongs(labels, n)));
        runAll(writes);
        // last, once the others are stored: its presence marks the features complete
        store.putJson(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS), trackIds);
        return Map.of("tracks", Integer.toString(n), "skipped", Integer.toString(skipped.size()),
                "dim", Integer.toString(dim));
    }

    /** Runs the writes at once (a virtual thread each) and rethrows the first failure once all have ended. */
    private static void runAll(List<Runnable> writes) {
        List<Future<?>> running = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            writes.forEach(w -> running.add(threads.submit(w)));
        }
        running.forEach(write -> Futures.join(write, "writing the features"));
    }

    private static List<String> mfccColumns() {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < MfccExtractor.N_MFCC; c++) {
            names.add("mean_c" + c);
        }
        for (int c = 0; c < MfccExtractor.N_MFCC; c++) {
            names.add("std_c" + c);
        }
        return List.copyOf(names);
    }
}
