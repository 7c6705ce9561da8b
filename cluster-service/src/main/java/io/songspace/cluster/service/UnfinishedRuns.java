package io.songspace.cluster.service;

import io.quarkus.runtime.StartupEvent;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.events.ClusteringJob;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.StageEvents;
import io.songspace.common.stage.RunScan;
import io.songspace.common.stage.StageWorker;
import io.songspace.common.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rebuilds the clustering queue after a restart ({@link RunScan}): jobs are acknowledged before the work, so a job
 * that was queued or running when the JVM stopped exists only as its run's artifacts. Every run that has its spec
 * and the latents of every model of that spec, but not {@code clustering/index.json} (clustered), is queued
 * again; a run with {@code clustering/failed.json} has its CLUSTERING FAILED announced again instead (the event
 * may have been lost). Per run this costs one listing of {@code clustering/} when the run is done, one more
 * listing and the spec otherwise; the track folders are never listed.
 */
@ApplicationScoped
public class UnfinishedRuns {

    private final ObjectStore store;
    private final ClusteringWorker worker;
    private final StageEvents events;

    public UnfinishedRuns(ObjectStore store, ClusteringWorker worker, StageEvents events) {
        this.store = store;
        this.worker = worker;
        this.events = events;
    }

    /** Scans on the worker thread, so startup does not wait on the store and the scan queues behind nothing. */
    void onStart(@Observes StartupEvent started) {
        worker.stageWorker().execute(this::resume);
    }

    /** Queues every unfinished run on the worker; returns their run ids. */
    public List<String> resume() {
        return RunScan.resume(store, worker.stageWorker(), this::unfinished).stream().map(StageWorker.Job::runId)
                .toList();
    }

    private List<StageWorker.Job> unfinished(String runId) {
        List<String> outputs = store.list(ArtifactKeys.clustering(runId, ""));
        if (outputs.contains(ArtifactKeys.clusteringIndex(runId)) || !store.exists(ArtifactKeys.spec(runId))) {
            return List.of();
        }
        if (outputs.contains(ArtifactKeys.clusteringFailure(runId))) {
            RunScan.announceFailure(store, events, runId, Stage.CLUSTERING, ArtifactKeys.clusteringFailure(runId));
            return List.of();
        }
        List<String> models = store.getJson(ArtifactKeys.spec(runId), RunSpec.class).withDefaults().modelIds();
        Set<String> latents = new HashSet<>(store.list(ArtifactKeys.latentsPrefix(runId)));
        if (!models.stream().allMatch(model -> latents.contains(ArtifactKeys.latents(runId, model)))
                || ClusteringWorker.problem(new ClusteringJob(runId, models)) != null) {
            return List.of();
        }
        return List.of(worker.stageJob(runId));
    }
}
