package io.songspace.cluster.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.songspace.common.events.PipelineEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes the CLUSTERING stage's events on {@code pipeline.events}, keyed by run id. */
@ApplicationScoped
public class PipelineEventPublisher {

    private final MutinyEmitter<PipelineEvent> emitter;

    public PipelineEventPublisher(@Channel("pipeline-events") MutinyEmitter<PipelineEvent> emitter) {
        this.emitter = emitter;
    }

    /**
     * Sends the event and waits until the broker has it, so a lost event surfaces as an exception here rather
     * than a run that never hears from this stage. Blocks: call on the worker thread, never on an event loop.
     */
    public void publish(PipelineEvent event) {
        emitter.sendMessageAndAwait(KafkaRecord.of(event.runId(), event));
    }
}
