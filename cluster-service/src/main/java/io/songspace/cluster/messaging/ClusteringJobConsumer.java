package io.songspace.cluster.messaging;

import io.songspace.cluster.service.ClusteringWorker;
import io.songspace.common.events.ClusteringJob;
import io.songspace.common.messaging.Channels;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes {@code clustering.jobs} (group {@code cluster-workers}). A usable job is acknowledged at once and run on
 * the single clustering worker thread, never on the poll loop: a run takes minutes (every feature set × algorithm). The
 * job then lives only in this JVM until its artifacts exist; a restart finds it again from the object store
 * ({@code UnfinishedRuns}). A job that cannot be run at all (unreadable, no run id, no models) is nacked, which
 * sends it to the dead-letter topic.
 */
@ApplicationScoped
public class ClusteringJobConsumer {

    private static final Logger LOG = Logger.getLogger(ClusteringJobConsumer.class);

    private final ClusteringWorker worker;

    public ClusteringJobConsumer(ClusteringWorker worker) {
        this.worker = worker;
    }

    @Incoming(Channels.CLUSTERING_JOBS_IN)
    public CompletionStage<Void> receive(Message<ClusteringJob> message) {
        ClusteringJob job = message.getPayload();
        String problem = ClusteringWorker.problem(job);
        if (problem != null) {
            LOG.warnf("clustering job rejected (%s): %s", problem, job);
            return message.nack(new IllegalArgumentException("unusable clustering job: " + problem));
        }
        worker.submit(job);
        return message.ack();
    }
}
