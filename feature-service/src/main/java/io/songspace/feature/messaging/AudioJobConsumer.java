package io.songspace.feature.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.songspace.common.events.AudioDone;
import io.songspace.common.events.AudioJob;
import io.songspace.feature.service.TrackFeatureService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Step 3: a feature worker. Each job is featurised on the {@code audio-workers} pool (several at once, see
 * {@code songspace.feature.worker-concurrency}); its {@link AudioDone} goes to audio.done keyed by run id, so one
 * assembler sees all of a run's tracks. The job is acknowledged after the broker accepted the AudioDone.
 */
@ApplicationScoped
public class AudioJobConsumer {

    private final TrackFeatureService tracks;
    private final MutinyEmitter<AudioDone> done;

    public AudioJobConsumer(TrackFeatureService tracks, @Channel("audio-done-out") MutinyEmitter<AudioDone> done) {
        this.tracks = tracks;
        this.done = done;
    }

    @Incoming("audio-jobs")
    @Blocking(value = "audio-workers", ordered = false)
    public void onAudioJob(AudioJob job) {
        AudioDone outcome = tracks.featurise(Payloads.requireDecoded(job, "AudioJob"));
        done.sendMessageAndAwait(KafkaRecord.of(outcome.runId(), outcome));
    }
}
