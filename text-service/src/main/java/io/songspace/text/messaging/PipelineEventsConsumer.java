package io.songspace.text.messaging;

import io.smallrye.common.annotation.Blocking;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.Channels;
import io.songspace.text.service.TextWorker;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The text stage listens to the pipeline: MANIFEST COMPLETED starts a run's texts, FEATURES COMPLETED lets them
 * meet the audio rows. The work is queued on {@link TextWorker} and the event acknowledged at once.
 */
@ApplicationScoped
public class PipelineEventsConsumer {

    private final TextWorker worker;

    public PipelineEventsConsumer(TextWorker worker) {
        this.worker = worker;
    }

    @Incoming(Channels.PIPELINE_EVENTS_IN)
    @Blocking
    public CompletionStage<Void> onPipelineEvent(Message<PipelineEvent> message) {
        PipelineEvent event = message.getPayload();
        if (event == null || event.runId() == null) {
            return message.nack(new IllegalArgumentException("not a pipeline event with a run id"));
        }
        if (event.status() == PipelineEvent.Status.COMPLETED) {
            if (event.stage() == Stage.MANIFEST) {
                worker.prepare(event.runId());
            } else if (event.stage() == Stage.FEATURES) {
                worker.assemble(event.runId());
            }
        }
        return message.ack();
    }
}
