package io.songspace.trainer.messaging;

import io.smallrye.common.annotation.Blocking;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.Channels;
import io.songspace.trainer.training.TrainingService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Step 5 of the pipeline: a run's FEATURES COMPLETED becomes one training job per audio model, its TEXT COMPLETED
 * one per model that reads text.
 */
@ApplicationScoped
public class FeaturesCompletedConsumer {

    private final TrainingService training;

    public FeaturesCompletedConsumer(TrainingService training) {
        this.training = training;
    }

    /**
     * Reads the run's spec from the object store and waits for the broker to confirm each training job (blocking,
     * seconds at most), so off the event loop. The event is acknowledged only once its jobs are confirmed; a
     * record that is not a pipeline event (null payload), or whose jobs the broker refused, is nacked into the DLQ.
     */
    @Incoming(Channels.PIPELINE_EVENTS_IN)
    @Blocking
    public CompletionStage<Void> onPipelineEvent(Message<PipelineEvent> message) {
        PipelineEvent event = message.getPayload();
        if (event == null || event.runId() == null) {
            return message.nack(new IllegalArgumentException("not a pipeline event with a run id"));
        }
        if ((event.stage() == Stage.FEATURES || event.stage() == Stage.TEXT)
                && event.status() == PipelineEvent.Status.COMPLETED) {
            try {
                training.requestTraining(event.runId(), event.stage());
            } catch (RuntimeException e) {
                return message.nack(e);
            }
        }
        return message.ack();
    }
}
