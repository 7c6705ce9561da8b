package io.songspace.cluster.service;

import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.events.ClusteringJob;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.StageEvents;
import io.songspace.common.stage.StageWorker;
import io.songspace.common.store.ObjectStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;

/**
 * The clustering stage's worker ({@link StageWorker}): jobs from {@code clustering.jobs} and the runs resumed on
 * startup queue here and run one at a time, each already using every core through Smile's parallel loops.
 */
@ApplicationScoped
public class ClusteringWorker {

    /** Run ids and model ids become object keys: no slashes or other surprises. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final ClusteringWorkflow workflow;
    private final StageWorker worker;

    public ClusteringWorker(ClusteringWorkflow workflow, ObjectStore store, StageEvents events) {
        this.workflow = workflow;
        this.worker = new StageWorker(Stage.CLUSTERING, "clustering-worker", store, events);
    }

    /** Queues a job that {@link #problem} accepts, unless its run is queued or clustering already. */
    public boolean submit(ClusteringJob job) {
        return worker.submit(stageJob(job.runId()));
    }

    /** The stage's job of a run: cluster it; the failure marker is the run's {@code clustering/failed.json}. */
    StageWorker.Job stageJob(String runId) {
        return new StageWorker.Job(runId, runId, ArtifactKeys.clusteringFailure(runId), () -> workflow.run(runId));
    }

    StageWorker stageWorker() {
        return worker;
    }

    /** Why the job cannot be run at all, or null when it can. */
    public static String problem(ClusteringJob job) {
        if (job == null) {
            return "no readable payload";
        }
        if (job.runId() == null || !ID.matcher(job.runId()).matches()) {
            return "bad run id " + job.runId();
        }
        if (job.models() == null || job.models().isEmpty()) {
            return "no models";
        }
        for (String model : job.models()) {
            if (model == null || !ID.matcher(model).matches()) {
                return "bad model id " + model;
            }
        }
        return null;
    }

    @PreDestroy
    void stop() {
        worker.close();
    }
}
