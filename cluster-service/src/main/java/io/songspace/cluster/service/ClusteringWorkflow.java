package io.songspace.cluster.service;

import com.fasterxml.jackson.core.type.TypeReference;
import io.songspace.cluster.analysis.KMeansClustering;
import io.songspace.cluster.analysis.KMeansOptions;
import io.songspace.cluster.analysis.PcaFeatures;
import io.songspace.cluster.analysis.TsneEmbedding;
import io.songspace.cluster.analysis.TsneOptions;
import io.songspace.cluster.analysis.UmapEmbedding;
import io.songspace.cluster.analysis.UmapOptions;
import io.songspace.cluster.config.ClusterConfig;
import io.songspace.cluster.messaging.PipelineEventPublisher;
import io.songspace.cluster.metrics.ClusteringScores;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.artifacts.MetricRow;
import io.songspace.common.events.ClusteringJob;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.store.ObjectStore;
import io.songspace.common.store.ObjectStoreException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Step 7 of a run (docs/pipeline.md): for each model's latents and for the PCA baseline of the standardized
 * features, K-Means with the six metrics, then 2-D t-SNE and UMAP embeddings; writes every artifact under
 * {@code runs/{id}/clustering/}, {@code metrics.json} last, and reports progress on {@code pipeline.events}.
 * Recomputing a run writes the same artifacts with the same values (everything is seeded by the run's seed).
 */
@ApplicationScoped
public class ClusteringWorkflow {

    private static final Logger LOG = Logger.getLogger(ClusteringWorkflow.class);
    /** Steps per feature set: clustering with metrics, t-SNE, UMAP. */
    private static final int STEPS_PER_FEATURE_SET = 3;

    private final ObjectStore store;
    private final PipelineEventPublisher events;
    private final ClusterConfig config;

    public ClusteringWorkflow(ObjectStore store, PipelineEventPublisher events, ClusterConfig config) {
        this.store = store;
        this.events = events;
        this.config = config;
    }

    /**
     * Runs one job to COMPLETED or FAILED; never throws. A run whose {@code metrics.json} already covers the job's
     * models (a redelivered or duplicate job) is not recomputed: its COMPLETED is announced again. Call on the
     * worker thread (Smile's seeds are per thread).
     */
    public void run(ClusteringJob job) {
        String runId = job.runId();
        long started = System.nanoTime();
        try {
            Optional<Map<String, String>> done = alreadyClustered(job);
            if (done.isPresent()) {
                LOG.infof("run %s already clustered: announcing it again", runId);
                events.publish(PipelineEvent.completed(runId, Stage.CLUSTERING, "already clustered", done.get()));
                return;
            }
            events.publish(PipelineEvent.of(runId, Stage.CLUSTERING, PipelineEvent.Status.STARTED,
                    "clustering " + String.join(", ", job.models()) + " and the PCA baseline"));
            Map<String, String> details = cluster(job);
            events.publish(PipelineEvent.completed(runId, Stage.CLUSTERING, "clustering done", details));
            LOG.infof("run %s clustered in %.1f s: %s", runId, (System.nanoTime() - started) / 1e9, details);
        } catch (Throwable e) {
            // the worker boundary: whatever broke (an OutOfMemoryError, a missing native library for Smile, a
            // publish the broker refused), the run must hear about it and a restart must not retry it blindly
            fail(runId, e);
        }
    }

    /** The failure marker: a {@link Failure} as JSON; {@code metrics.json} supersedes it once a retry succeeds. */
    public static String failureKey(String runId) {
        return ArtifactKeys.clustering(runId, "failed.json");
    }

    /** What {@link #failureKey} holds. */
    public record Failure(String reason, Instant at) {
    }

    private void fail(String runId, Throwable e) {
        if (interrupted(e)) {
            // the service is stopping: no marker, so the next start resumes the run
            LOG.warnf("run %s: clustering interrupted by shutdown; it resumes on the next start", runId);
            return;
        }
        // bad or missing inputs say it all in their message; anything else needs its type too
        boolean expected = e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof ObjectStoreException;
        String reason = "clustering failed: " + (expected ? e.getMessage() : e.toString());
        if (expected) {
            LOG.errorf("run %s: %s", runId, reason);
        } else {
            LOG.errorf(e, "run %s: clustering failed", runId);
        }
        try {
            store.putJson(failureKey(runId), new Failure(reason, Instant.now()));
        } catch (Throwable marker) {
            LOG.errorf(marker, "run %s: cannot write %s", runId, failureKey(runId));
        }
        try {
            events.publish(PipelineEvent.failed(runId, Stage.CLUSTERING, reason));
        } catch (Throwable publish) {
            LOG.errorf(publish, "run %s: cannot publish CLUSTERING FAILED (%s)", runId, reason);
        }
    }

    private static boolean interrupted(Throwable e) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The COMPLETED details of a run whose {@code metrics.json} (written last) has a row for each of the job's
     * models, or empty: a job with a model the metrics lack is clustered again.
     */
    private Optional<Map<String, String>> alreadyClustered(ClusteringJob job) {
        String key = ArtifactKeys.clusteringMetrics(job.runId());
        if (!store.exists(key)) {
            return Optional.empty();
        }
        List<MetricRow> rows = store.getJson(key, new TypeReference<List<MetricRow>>() {
        });
        Set<String> clustered = rows.stream().map(MetricRow::features).collect(Collectors.toSet());
        if (!clustered.containsAll(job.models())) {
            return Optional.empty();
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("models", String.join(",", job.models().stream().distinct().toList()));
        details.put("metrics", key);
        details.put("alreadyClustered", "true");
        return Optional.of(details);
    }

    private Map<String, String> cluster(ClusteringJob job) {
        String runId = job.runId();
        RunSpec spec = spec(job);
        long seed = spec.seed();
        List<FeatureSet> models = job.models().stream().distinct().map(FeatureSet::ofModel).toList();
        double[][] standardized = store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.STANDARDIZED)).toMatrix();
        int n = standardized.length;
        requireTsneFits(n);
        int[] labels = store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.LABELS)).toInts();
        requireRows(FeatureFiles.LABELS, labels.length, n);
        Map<FeatureSet, double[][]> latents = new LinkedHashMap<>();
        for (FeatureSet model : models) {
            double[][] x = store.getNpy(ArtifactKeys.latents(runId, model.id())).toMatrix();
            requireRows(ArtifactKeys.latents(runId, model.id()), x.length, n);
            latents.put(model, x);
        }
        int k = clusterCount(spec, labels, n);
        Progress progress = new Progress(runId, STEPS_PER_FEATURE_SET * (models.size() + 1));

        List<MetricRow> rows = new ArrayList<>();
        for (Map.Entry<FeatureSet, double[][]> e : latents.entrySet()) {
            rows.add(analyse(runId, e.getKey(), e.getValue(), k, labels, spec, seed, progress));
        }
        int components = spec.training().latentDim();
        PcaFeatures pca = PcaFeatures.fit(standardized, components);
        store.putNpy(ArtifactKeys.pcaFeatures(runId), float32(pca.features()));
        rows.add(analyse(runId, FeatureSet.PCA, pca.features(), k, labels, spec, seed, progress));
        // last: its presence means "clustered" (a restart or a duplicate job skips the run)
        store.putJson(ArtifactKeys.clusteringMetrics(runId), rows);
        store.delete(failureKey(runId));

        Map<String, String> details = new LinkedHashMap<>();
        details.put("k", Integer.toString(k));
        details.put("n", Integer.toString(n));
        details.put("models", String.join(",", models.stream().map(FeatureSet::id).toList()));
        details.put("pcaComponents", Integer.toString(pca.features()[0].length));
        details.put("metrics", ArtifactKeys.clusteringMetrics(runId));
        return details;
    }

    /** K-Means with its metrics, t-SNE and UMAP of one feature set; three progress steps. */
    private MetricRow analyse(String runId, FeatureSet set, double[][] x, int k, int[] labels, RunSpec spec,
            long seed, Progress progress) {
        ClusterConfig.KMeans km = config.kmeans();
        KMeansClustering clustering = KMeansClustering.fit(x, k,
                new KMeansOptions(km.restarts(), km.maxIterations(), km.tolerance()), seed);
        FeatureSet.Algorithm algorithm = FeatureSet.Algorithm.KMEANS;
        long[] assignments = Arrays.stream(clustering.assignments()).asLongStream().toArray();
        store.putNpy(ArtifactKeys.assignments(runId, set.id(), algorithm.id()),
                NpyArray.ofLongs(assignments, assignments.length));
        ClusteringScores s = ClusteringScores.of(x, clustering.assignments(), labels);
        MetricRow row = new MetricRow(set.method(algorithm), set.id(), algorithm.id(), s.clusters(), s.silhouette(),
                s.calinskiHarabasz(), s.daviesBouldin(), s.ari(), s.nmi(), s.purity());
        progress.step(set.method(algorithm) + ": " + s.clusters() + " clusters");

        ClusterConfig.Tsne t = config.tsne();
        TsneEmbedding tsne = TsneEmbedding.fit(x, new TsneOptions(spec.clustering().perplexity(),
                t.maxIterations(), t.learningRate(), t.earlyExaggeration()), seed);
        store.putNpy(ArtifactKeys.embedding(runId, "tsne", set.id()), float32(tsne.coordinates()));
        progress.step("t-SNE of " + set.displayName() + String.format(" (perplexity %.1f)", tsne.perplexity()));

        ClusterConfig.Umap u = config.umap();
        UmapEmbedding umap = UmapEmbedding.fit(x, new UmapOptions(spec.clustering().umapNeighbors(), u.epochs(),
                u.minDist(), u.spread(), u.negativeSamples(), u.learningRate(), u.repulsionStrength()), seed);
        store.putNpy(ArtifactKeys.embedding(runId, "umap", set.id()), float32(umap.coordinates()));
        progress.step("UMAP of " + set.displayName() + " (" + umap.neighbors() + " neighbors)");
        return row;
    }

    /** The defaulted spec the report-service wrote at POST time; the job's copy where that is missing. */
    private RunSpec spec(ClusteringJob job) {
        String key = ArtifactKeys.spec(job.runId());
        RunSpec spec = store.exists(key) ? store.getJson(key, RunSpec.class) : job.spec();
        if (spec == null || spec.dataset() == null) {
            throw new IllegalStateException("no run spec at " + key + " nor in the job");
        }
        return spec.withDefaults();
    }

    /** Exact t-SNE's n×n matrices must fit: fail before any work rather than with an OutOfMemoryError. */
    private void requireTsneFits(int n) {
        int limit = config.tsne().maxPoints();
        if (n > limit) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "exact t-SNE of n=%d tracks needs "
                    + "%d×%d matrices (%.1f GB each); the limit is songspace.cluster.tsne.max-points=%d",
                    n, n, n, 8.0 * n * n / 1e9, limit));
        }
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
