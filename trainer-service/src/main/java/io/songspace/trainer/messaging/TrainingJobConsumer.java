package io.songspace.trainer.messaging;

import io.smallrye.common.annotation.Blocking;
import io.songspace.common.events.TrainingJob;
import io.songspace.common.messaging.Channels;
import io.songspace.trainer.training.TrainingService;
import io.songspace.trainer.training.TrainingWorker;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Step 6 of the pipeline: training jobs are acknowledged once queued and trained on the worker thread, never on
 * the poll/ack path. A job lost in the queue by a restart is queued again from the object store at startup
 * ({@link io.songspace.trainer.training.TrainingRecovery}). A job that cannot be processed at all (no run id,
 * unknown model) is nacked into the DLQ.
 */
@ApplicationScoped
public class TrainingJobConsumer {

    private final TrainingService training;
    private final TrainingWorker worker;
    private final TrainingEvents events;

    public TrainingJobConsumer(TrainingService training, TrainingWorker worker, TrainingEvents events) {
        this.training = training;
        this.worker = worker;
        this.events = events;
    }

    /** Blocking: announcing a bad job's failure waits for the broker. */
    @Incoming(Channels.TRAINING_JOBS_IN)
    @Blocking
    public CompletionStage<Void> onTrainingJob(Message<TrainingJob> message) {
        TrainingJob job = message.getPayload();
        String problem = training.problemWith(job);
        if (problem != null) {
            IllegalArgumentException rejected = new IllegalArgumentException(problem);
            if (job != null && job.runId() != null && !job.runId().isBlank()) {
                try {
                    events.failed(job.runId(), problem);
                } catch (RuntimeException e) {
                    rejected.addSuppressed(e);
                }
            }
            return message.nack(rejected);
        }
        worker.submit(job);
        return message.ack();
    }
}
