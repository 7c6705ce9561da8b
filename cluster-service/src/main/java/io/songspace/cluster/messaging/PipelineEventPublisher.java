package io.songspace.cluster.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.songspace.common.events.PipelineEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes the CLUSTERING stage's events on {@code pipeline.events}, keyed by run id. */
@ApplicationScoped
public class PipelineEventPublisher {

    private final Emitter<PipelineEvent> emitter;

    public PipelineEventPublisher(@Channel("pipeline-events") Emitter<PipelineEvent> emitter) {
        this.emitter = emitter;
    }

    public void publish(PipelineEvent event) {
        emitter.send(KafkaRecord.of(event.runId(), event));
    }
}
