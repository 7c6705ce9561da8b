package io.songspace.report.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.songspace.common.events.PipelineEvent;
import io.songspace.report.config.ReportConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes the report stage's own events on {@code pipeline.events}, keyed by run id. */
@ApplicationScoped
public class PipelineEventPublisher {

    private final MutinyEmitter<PipelineEvent> emitter;
    private final ReportConfig config;

    public PipelineEventPublisher(@Channel("pipeline-events-out") MutinyEmitter<PipelineEvent> emitter,
            ReportConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    /** Returns once Kafka acknowledged the event. */
    public void publish(PipelineEvent event) {
        emitter.sendMessage(Message.of(event).addMetadata(
                        OutgoingKafkaRecordMetadata.<String>builder().withKey(event.runId()).build()))
                .await().atMost(config.publishTimeout());
    }
}
