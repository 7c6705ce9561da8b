package io.songspace.cluster.service;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.songspace.cluster.algorithm.ClusterAlgorithm;
import io.songspace.cluster.analysis.Disentanglement;
import io.songspace.cluster.embedding.EmbeddingMethod;
import io.songspace.cluster.features.FeatureSet;
import io.songspace.cluster.features.FeatureSource;
import io.songspace.cluster.metrics.ClusteringScores;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.ClusteringIndex;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.artifacts.MetricRow;
import io.songspace.common.events.AlgorithmSpec;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.StageEvents;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.registry.Registry;
import io.songspace.common.stage.RunCancellations;
import io.songspace.common.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Step 7 of a run (docs/pipeline.md): every feature set of the run (raw, pca, each model's latents: the
 * {@link FeatureSource}s) × every clustering algorithm of its spec, each with the six metrics; the 2-D embeddings
 * of its spec of every feature set; the disentanglement of every model's latents. Writes every artifact under
 * {@code runs/{id}/clustering/}, {@code index.json} last, and reports progress on {@code pipeline.events}.
 * Recomputing a run writes the same artifacts with the same values (everything is seeded by the run's seed).
 */
@ApplicationScoped
public class ClusteringWorkflow {

    private static final Logger LOG = Logger.getLogger(ClusteringWorkflow.class);

    private final ObjectStore store;
    private final StageEvents events;
    private final List<FeatureSource> sources;
    private final Registry<ClusterAlgorithm> algorithms;
    private final Registry<EmbeddingMethod> embeddings;
    private final RunCancellations cancellations;

    @Inject
    public ClusteringWorkflow(ObjectStore store, StageEvents events, Instance<FeatureSource> sources,
            Registry<ClusterAlgorithm> algorithms, Registry<EmbeddingMethod> embeddings) {
        this(store, events, sources.stream().toList(), algorithms, embeddings);
    }

    /** With the given parts (tests build the workflow without CDI). */
    public ClusteringWorkflow(ObjectStore store, StageEvents events, List<FeatureSource> sources,
            Registry<ClusterAlgorithm> algorithms, Registry<EmbeddingMethod> embeddings) {
        this.store = store;
        this.events = events;
        this.sources = sources.stream().sorted(Comparator.comparingInt(FeatureSource::order)).toList();
        this.algorithms = algorithms;
        this.embeddings = embeddings;
        this.cancellations = new RunCancellations(store);
    }

    /**
     * Clusters one run and publishes CLUSTERING STARTED, PROGRESS and COMPLETED. A run that has its
     * {@code index.json} (a redelivered or duplicate job) is not recomputed: its COMPLETED is announced again.
     * Call on the stage's worker ({@link ClusteringWorker}; Smile's seeds are per thread), which turns whatever
     * this throws into the failure marker and CLUSTERING FAILED.
     */
    public void run(String runId) {
        long started = System.nanoTime();
        if (store.exists(ArtifactKeys.clusteringIndex(runId))) {
            LOG.infof("run %s already clustered: announcing it again", runId);
            events.publish(PipelineEvent.completed(runId, Stage.CLUSTERING, "already clustered",
                    Map.of("index", ArtifactKeys.clusteringIndex(runId), "alreadyClustered", "true")));
            return;
        }
        RunSpec spec = store.getJson(ArtifactKeys.spec(runId), RunSpec.class).withDefaults();
        events.publish(PipelineEvent.of(runId, Stage.CLUSTERING, PipelineEvent.Status.STARTED,
                "clustering raw, pca, " + String.join(", ", spec.modelIds()) + " with "
                        + spec.clustering().algorithms().stream().map(AlgorithmSpec::name)
                                .collect(Collectors.joining(", "))));
        Map<String, String> details = cluster(runId, spec);
        events.publish(PipelineEvent.completed(runId, Stage.CLUSTERING, "clustering done", details));
        LOG.infof("run %s clustered in %.1f s: %s", runId, (System.nanoTime() - started) / 1e9, details);
    }

    private Map<String, String> cluster(String runId, RunSpec spec) {
        long seed = spec.seed();
        int[] labels = store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.LABELS)).toInts();
        int n = labels.length;
        int k = clusterCount(spec, labels, n);
        List<FeatureSet> sets = new ArrayList<>();
        for (FeatureSource source : sources) {
            for (FeatureSet set : source.load(store, runId, spec)) {
                requireRows(set.id(), set.x().length, n);
                sets.add(set);
            }
        }
        List<AlgorithmSpec> algorithmSpecs = spec.clustering().algorithms();
        List<String> embeddingNames = spec.clustering().embeddings();
        Progress progress = new Progress(runId, sets.size() * (algorithmSpecs.size() + embeddingNames.size()));

        List<MetricRow> rows = new ArrayList<>();
        List<ClusteringIndex.FeatureSetEntry> entries = new ArrayList<>();
        List<ClusteringIndex.Disentanglement> disentanglement = new ArrayList<>();
        for (FeatureSet set : sets) {
            cancellations.stopIfCancelled(runId);
            if (set.derived()) {
                store.putNpy(ArtifactKeys.featureSet(runId, set.id()), float32(set.x()));
            }
            for (AlgorithmSpec algorithmSpec : algorithmSpecs) {
                cancellations.stopIfCancelled(runId);
                rows.add(cluster(runId, set, algorithms.named(algorithmSpec.name()), algorithmSpec, k, labels, seed,
                        progress));
            }
            Map<String, String> embedded = new LinkedHashMap<>();
            for (String name : embeddingNames) {
                cancellations.stopIfCancelled(runId);
                EmbeddingMethod.Embedded e = embeddings.named(name).embed(set.x(), spec, seed);
                String key = ArtifactKeys.embedding(runId, name, set.id());
                store.putNpy(key, float32(e.coordinates()));
                embedded.put(name, key);
                progress.step(e.description() + " of " + set.name());
            }
            entries.add(new ClusteringIndex.FeatureSetEntry(set.id(), set.name(), set.model(), set.x()[0].length,
                    embedded));
            if (set.model() != null) {
                disentanglement.add(disentanglement(set));
            }
        }
        // last: its presence means "clustered" (a restart or a duplicate job skips the run)
        store.putJson(ArtifactKeys.clusteringIndex(runId),
                new ClusteringIndex(n, k, entries, rows, disentanglement));
        store.delete(ArtifactKeys.clusteringFailure(runId));

        Map<String, String> details = new LinkedHashMap<>();
        details.put("k", Integer.toString(k));
        details.put("n", Integer.toString(n));
        details.put("featureSets", sets.stream().map(FeatureSet::id).collect(Collectors.joining(",")));
        details.put("rows", Integer.toString(rows.size()));
        details.put("index", ArtifactKeys.clusteringIndex(runId));
        return details;
    }

    /** One algorithm on one feature set, with its metrics; one progress step. */
    private MetricRow cluster(String runId, FeatureSet set, ClusterAlgorithm algorithm, AlgorithmSpec spec, int k,
            int[] labels, long seed, Progress progress) {
        // the global registry is Quarkus' (on /q/metrics); in tests that build this class without Quarkus, a no-op
        ClusterAlgorithm.Fitted fitted = Timer.builder("songspace.clustering.duration")
                .description("one algorithm fitted to one feature set").tag("algorithm", algorithm.name())
                .register(Metrics.globalRegistry).record(() -> algorithm.fit(set.x(), spec, k, seed));
        int[] assigned = fitted.clusters().labels();
        String key = ArtifactKeys.assignments(runId, set.id(), algorithm.name());
        store.putNpy(key, NpyArray.ofLongs(Arrays.stream(assigned).asLongStream().toArray(), assigned.length));
        ClusteringScores s = ClusteringScores.of(set.x(), assigned, labels);
        String method = set.method(algorithm.displayName());
        progress.step(method + ": " + s.clusters() + " clusters" + (s.noise() > 0 ? ", " + s.noise() + " noise" : ""));
        return new MetricRow(method, set.id(), algorithm.name(), s.clusters(), s.noise(), s.silhouette(),
                s.calinskiHarabasz(), s.daviesBouldin(), s.ari(), s.nmi(), s.purity(), fitted.parameters(), key);
    }

    private static ClusteringIndex.Disentanglement disentanglement(FeatureSet set) {
        Disentanglement d = Disentanglement.of(set.x(), set.logVar());
        return new ClusteringIndex.Disentanglement(set.model(), set.name(), set.x()[0].length,
                d.meanAbsOffDiagonalCorrelation(), d.meanAbsCorrelationMinusIdentity(), d.varianceMin(),
                d.varianceMedian(), d.varianceMax(), d.varianceMean(), d.varianceStd(), d.activeDimensions01(),
                d.activeDimensions10(), d.meanKlPerDimension());
    }

    /** The spec's k, else the number of distinct labels; 2 <= k < n. */
    private static int clusterCount(RunSpec spec, int[] labels, int n) {
        long distinctLabels = Arrays.stream(labels).filter(l -> l != ClusteringScores.UNLABELLED).distinct().count();
        Integer requested = spec.clustering().k();
        int k = requested != null ? requested : (int) distinctLabels;
        if (k < 2) {
            throw new IllegalArgumentException(requested != null ? "clustering.k must be at least 2, got " + k
                    : "clustering.k is not set and the tracks carry " + distinctLabels
                            + " distinct labels: need 2 or more, or set clustering.k");
        }
        if (k >= n) {
            throw new IllegalArgumentException("k=" + k + " clusters need more than " + k + " tracks, got " + n);
        }
        return k;
    }

    private static void requireRows(String what, int rows, int expected) {
        if (rows != expected) {
            throw new IllegalStateException(what + " has " + rows + " rows, the features have " + expected);
        }
    }

    private static NpyArray float32(double[][] m) {
        int cols = m.length == 0 ? 0 : m[0].length;
        float[] data = new float[m.length * cols];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < cols; j++) {
                data[i * cols + j] = (float) m[i][j];
            }
        }
        return NpyArray.ofFloats(data, m.length, cols);
    }

    /** Counts the run's steps and publishes one PROGRESS event per step. */
    private final class Progress {
        private final String runId;
        private final int total;
        private int done;

        Progress(String runId, int total) {
            this.runId = runId;
            this.total = total;
        }

        void step(String message) {
            done++;
            events.publish(PipelineEvent.progress(runId, Stage.CLUSTERING, message, done, total));
        }
    }
}
