package io.songspace.feature.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.songspace.common.events.AudioDone;
import io.songspace.common.messaging.Channels;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes a chunk's outcome on audio.done keyed by run id; returns once the broker acknowledged it. */
@ApplicationScoped
public class AudioDonePublisher {

    private final MutinyEmitter<AudioDone> done;

    public AudioDonePublisher(@Channel(Channels.AUDIO_DONE_OUT) MutinyEmitter<AudioDone> done) {
        this.done = done;
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS)
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    public void publish(AudioDone outcome) {
        done.sendMessageAndAwait(KafkaRecord.of(outcome.runId(), outcome));
    }
}
