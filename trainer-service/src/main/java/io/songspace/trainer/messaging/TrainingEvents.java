package io.songspace.trainer.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.songspace.common.events.ClusteringJob;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.Stage;
import io.songspace.common.events.TrainingJob;
import io.songspace.common.messaging.Channels;
import io.songspace.common.messaging.StageEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * What the trainer publishes, every record keyed by run id: TRAINING events, training jobs, clustering jobs. Each
 * method returns once the broker acknowledged the record and throws when it refused it, so a failed publish fails
 * the caller's job or message. Blocking: call from a worker thread, never from the event loop.
 */
@ApplicationScoped
public class TrainingEvents {

    private final StageEvents stageEvents;
    private final MutinyEmitter<TrainingJob> trainingJobs;
    private final MutinyEmitter<ClusteringJob> clusteringJobs;

    public TrainingEvents(StageEvents stageEvents,
            @Channel(Channels.TRAINING_JOBS_OUT) MutinyEmitter<TrainingJob> trainingJobs,
            @Channel(Channels.CLUSTERING_JOBS_OUT) MutinyEmitter<ClusteringJob> clusteringJobs) {
        this.stageEvents = stageEvents;
        this.trainingJobs = trainingJobs;
        this.clusteringJobs = clusteringJobs;
    }

    public void trainingJob(TrainingJob job) {
        trainingJobs.sendMessageAndAwait(KafkaRecord.of(job.runId(), job));
    }

    public void clusteringJob(ClusteringJob job) {
        clusteringJobs.sendMessageAndAwait(KafkaRecord.of(job.runId(), job));
    }

    public void started(String runId, String message) {
        publish(PipelineEvent.of(runId, Stage.TRAINING, PipelineEvent.Status.STARTED, message));
    }

    public void progress(String runId, String message, int done, int total) {
        publish(PipelineEvent.progress(runId, Stage.TRAINING, message, done, total));
    }

    public void completed(String runId, String message, Map<String, String> details) {
        publish(PipelineEvent.completed(runId, Stage.TRAINING, message, details));
    }

    public void failed(String runId, String reason) {
        publish(PipelineEvent.failed(runId, Stage.TRAINING, reason));
    }

    private void publish(PipelineEvent event) {
        stageEvents.publish(event);
    }
}
