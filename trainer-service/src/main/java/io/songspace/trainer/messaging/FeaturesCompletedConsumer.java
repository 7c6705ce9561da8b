package io.songspace.trainer.messaging;

import io.smallrye.common.annotation.Blocking;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.Stage;
import io.songspace.trainer.training.TrainingService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Step 5 of the pipeline: a run's FEATURES COMPLETED becomes one training job per model. */
@ApplicationScoped
public class FeaturesCompletedConsumer {

    private final TrainingService training;

    public FeaturesCompletedConsumer(TrainingService training) {
        this.training = training;
    }

    /**
     * Reads the run's spec from the object store (blocking I/O, seconds at most), so off the event loop. A record
     * that is not a pipeline event (null payload) is nacked into the DLQ.
     */
    @Incoming("pipeline-events")
    @Blocking
    public CompletionStage<Void> onPipelineEvent(Message<PipelineEvent> message) {
        PipelineEvent event = message.getPayload();
        if (event == null || event.runId() == null) {
            return message.nack(new IllegalArgumentException("not a pipeline event with a run id"));
        }
        if (event.stage() == Stage.FEATURES && event.status() == PipelineEvent.Status.COMPLETED) {
            training.requestTraining(event.runId());
        }
        return message.ack();
    }
}
