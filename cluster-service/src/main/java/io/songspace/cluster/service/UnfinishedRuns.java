package io.songspace.cluster.service;

import io.quarkus.runtime.StartupEvent;
import io.songspace.cluster.config.ClusterConfig;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.events.ClusteringJob;
import io.songspace.common.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Rebuilds the clustering queue after a restart: jobs are acknowledged before the work, so a job that was queued
 * or running when the JVM stopped exists only as its run's artifacts. On startup every run under {@code runs/}
 * that has its spec and every model's latents, but neither {@code clustering/metrics.json} (clustered) nor
 * {@code clustering/failed.json} (failed, reason inside), is queued again.
 *
 * <p>A run's models are the configured ones ({@code songspace.cluster.models}, as the trainer's) plus any model
 * with a training history: the configured list keeps a run whose second model is still training from being
 * clustered with the first alone; the histories add models a run was trained with under another configuration.
 * Per run this costs one listing of {@code clustering/} when the run is done, three small listings and one stat
 * otherwise; the track folders are never listed.
 */
@ApplicationScoped
public class UnfinishedRuns {

    private static final Logger LOG = Logger.getLogger(UnfinishedRuns.class);
    private static final String RUNS = "runs/";
    /** Stands for the model id in a key builder's output, to find the key's prefix and suffix. */
    private static final String MODEL = "\0";

    private final ObjectStore store;
    private final ClusteringWorker worker;
    private final ClusterConfig config;

    public UnfinishedRuns(ObjectStore store, ClusteringWorker worker, ClusterConfig config) {
        this.store = store;
        this.worker = worker;
        this.config = config;
    }

    /** Scans on the worker thread, so startup does not wait on the store and the scan queues behind nothing. */
    void onStart(@Observes StartupEvent started) {
        worker.execute(this::resume);
    }

    /** Queues every unfinished run on the worker; returns their jobs. Never throws: the service runs on. */
    public List<ClusteringJob> resume() {
        try {
            List<ClusteringJob> jobs = find();
            for (ClusteringJob job : jobs) {
                LOG.infof("run %s was not clustered before the last stop: clustering %s", job.runId(), job.models());
                worker.submit(job);
            }
            return jobs;
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot scan %s for unfinished clusterings", RUNS);
            return List.of();
        }
    }

    /** The jobs of the runs that are ready to cluster and neither clustered nor failed. */
    public List<ClusteringJob> find() {
        List<ClusteringJob> jobs = new ArrayList<>();
        for (String runId : store.listFolders(RUNS)) {
            unfinished(runId).filter(job -> ClusteringWorker.problem(job) == null).ifPresent(jobs::add);
        }
        return jobs;
    }

    private Optional<ClusteringJob> unfinished(String runId) {
        List<String> outputs = store.list(ArtifactKeys.clustering(runId, ""));
        if (outputs.contains(ArtifactKeys.clusteringMetrics(runId))
                || outputs.contains(ClusteringWorkflow.failureKey(runId))
                || !store.exists(ArtifactKeys.spec(runId))) {
            return Optional.empty();
        }
        Set<String> models = new LinkedHashSet<>(config.models());
        models.addAll(trainedModels(runId));
        Set<String> latents = new HashSet<>(store.list(split(ArtifactKeys.latents(runId, MODEL))[0]));
        if (!models.stream().allMatch(model -> latents.contains(ArtifactKeys.latents(runId, model)))) {
            return Optional.empty();
        }
        return Optional.of(new ClusteringJob(runId, List.copyOf(models), null));
    }

    /** Models with a training history, their ids read back out of {@link ArtifactKeys#trainingHistory}'s keys. */
    private List<String> trainedModels(String runId) {
        String[] around = split(ArtifactKeys.trainingHistory(runId, MODEL));
        String prefix = around[0];
        String suffix = around[1];
        return store.list(prefix).stream()
                .filter(key -> key.endsWith(suffix) && key.length() > prefix.length() + suffix.length())
                .map(key -> key.substring(prefix.length(), key.length() - suffix.length()))
                .filter(model -> !model.contains("/"))
                .toList();
    }

    /** A key built with {@link #MODEL} for the model id: the text before it and the text after it. */
    private static String[] split(String key) {
        int at = key.indexOf(MODEL);
        return new String[] {key.substring(0, at), key.substring(at + MODEL.length())};
    }
}
