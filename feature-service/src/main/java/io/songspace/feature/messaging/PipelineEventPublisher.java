package io.songspace.feature.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.songspace.common.events.PipelineEvent;
import io.songspace.feature.service.BoundedRetry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes stage events on pipeline.events, keyed by run id, each acknowledged by the broker before returning (each
 * tried up to {@link BoundedRetry#ATTEMPTS} times).
 */
@ApplicationScoped
public class PipelineEventPublisher {

    private final MutinyEmitter<PipelineEvent> emitter;

    public PipelineEventPublisher(@Channel("pipeline-events") MutinyEmitter<PipelineEvent> emitter) {
        this.emitter = emitter;
    }

    public void publish(List<PipelineEvent> events) {
        for (PipelineEvent event : events) {
            BoundedRetry.run("run " + event.runId() + ": publishing " + event.stage() + " " + event.status(),
                    () -> emitter.sendMessageAndAwait(KafkaRecord.of(event.runId(), event)));
        }
    }
}
