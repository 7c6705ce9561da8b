package io.songspace.cluster.messaging;

import io.songspace.cluster.service.ClusteringWorkflow;
import io.songspace.common.events.ClusteringJob;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes {@code clustering.jobs} (group {@code cluster-workers}). A usable job is acknowledged at once and run on
 * the single clustering worker thread, never on the poll loop: a run takes minutes (exact t-SNE is O(n²)). A job
 * that cannot be run at all (unreadable, no run id, no models) is nacked, which sends it to the dead-letter topic.
 */
@ApplicationScoped
public class ClusteringJobConsumer {

    private static final Logger LOG = Logger.getLogger(ClusteringJobConsumer.class);
    /** Run ids and model ids become object keys: no slashes or other surprises. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final ClusteringWorkflow workflow;
    /** One job at a time: each already uses every core through Smile's parallel loops. */
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().name("clustering-worker").daemon().factory());

    public ClusteringJobConsumer(ClusteringWorkflow workflow) {
        this.workflow = workflow;
    }

    @Incoming("clustering-jobs")
    public CompletionStage<Void> receive(Message<ClusteringJob> message) {
        ClusteringJob job = message.getPayload();
        String problem = problem(job);
        if (problem != null) {
            LOG.warnf("clustering job rejected (%s): %s", problem, job);
            return message.nack(new IllegalArgumentException("unusable clustering job: " + problem));
        }
        worker.execute(() -> workflow.run(job));
        return message.ack();
    }

    private static String problem(ClusteringJob job) {
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
