package io.songspace.cluster.service;

import io.songspace.common.events.ClusteringJob;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The single clustering worker thread: jobs from {@code clustering.jobs} and the runs resumed on startup queue
 * here and run one at a time, each already using every core through Smile's parallel loops.
 */
@ApplicationScoped
public class ClusteringWorker {

    /** Run ids and model ids become object keys: no slashes or other surprises. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final ClusteringWorkflow workflow;
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().name("clustering-worker").daemon().factory());

    public ClusteringWorker(ClusteringWorkflow workflow) {
        this.workflow = workflow;
    }

    /** Queues a job that {@link #problem} accepts. */
    public void submit(ClusteringJob job) {
        worker.execute(() -> workflow.run(job));
    }

    /** Queues other work (the startup scan) behind the jobs already queued. */
    void execute(Runnable task) {
        worker.execute(task);
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
        worker.shutdownNow();
    }
}
