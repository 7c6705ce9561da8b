package io.songspace.report.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.songspace.common.events.RunRequested;
import io.songspace.common.messaging.Channels;
import io.songspace.report.config.ReportConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes accepted runs on {@code runs.requested}, keyed by run id. */
@ApplicationScoped
public class RunRequestPublisher {

    private final MutinyEmitter<RunRequested> emitter;
    private final ReportConfig config;

    public RunRequestPublisher(@Channel(Channels.RUNS_REQUESTED_OUT) MutinyEmitter<RunRequested> emitter, ReportConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    /** Returns once Kafka acknowledged the request; throws if it did not within the publish timeout. */
    public void publish(RunRequested request) {
        emitter.sendMessage(Message.of(request).addMetadata(
                        OutgoingKafkaRecordMetadata.<String>builder().withKey(request.runId()).build()))
                .await().atMost(config.publishTimeout());
    }
}
