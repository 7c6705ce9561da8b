package io.songspace.common.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.songspace.common.events.PipelineEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * The one publisher of stage events: every service's {@link PipelineEvent}s go to {@code pipeline.events} keyed by
 * run id through here. {@link #publish} returns once the broker acknowledged the event and throws once it was
 * refused or timed out on every try, so a lost event surfaces in the caller (a failed job, a nacked message)
 * rather than as a run that never hears from a stage. Retries and the timeout are SmallRye Fault Tolerance's,
 * configurable per service ({@code io.songspace.common.messaging.StageEvents/publish/Retry/maxRetries}, …).
 * Blocking: call on a worker thread, never on an event loop.
 */
@ApplicationScoped
public class StageEvents {

    private final MutinyEmitter<PipelineEvent> emitter;

    public StageEvents(@Channel(Channels.PIPELINE_EVENTS_OUT) MutinyEmitter<PipelineEvent> emitter) {
        this.emitter = emitter;
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS)
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    public void publish(PipelineEvent event) {
        emitter.sendMessageAndAwait(KafkaRecord.of(event.runId(), event));
    }
}
