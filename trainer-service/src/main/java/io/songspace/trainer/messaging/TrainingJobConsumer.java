package io.songspace.trainer.messaging;

import io.songspace.common.events.TrainingJob;
import io.songspace.trainer.training.TrainingService;
import io.songspace.trainer.training.TrainingWorker;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Step 6 of the pipeline: training jobs are acknowledged at once and trained on the worker thread, never on the
 * poll/ack path. A job that cannot be processed at all (no run id, unknown model) is nacked into the DLQ.
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

    @Incoming("training-jobs")
    public CompletionStage<Void> onTrainingJob(Message<TrainingJob> message) {
        TrainingJob job = message.getPayload();
        String problem = training.problemWith(job);
        if (problem != null) {
            if (job != null && job.runId() != null && !job.runId().isBlank()) {
                events.failed(job.runId(), problem);
            }
            return message.nack(new IllegalArgumentException(problem));
        }
        worker.submit(job);
        return message.ack();
    }
}
