package io.songspace.feature.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.songspace.common.events.AudioDone;
import io.songspace.common.events.AudioJob;
import io.songspace.common.events.Payloads;
import io.songspace.common.messaging.Channels;
import io.songspace.common.stage.RunCancellations;
import io.songspace.common.store.ObjectStore;
import io.songspace.feature.service.TrackFeatureService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Step 3: a feature worker. Each job is featurised on the {@code audio-workers} pool (several at once, see
 * {@code songspace.feature.worker-concurrency}); its {@link AudioDone} goes to audio.done keyed by run id, so one
 * assembler sees all of a run's tracks. Every job ends in an AudioDone (a track that fails for any reason is
 * SKIPPED with the reason); the job is acknowledged after the broker accepted it. Jobs of a cancelled run are
 * acknowledged without work. Only when the skip marker or the
 * AudioDone cannot be stored or sent, after their retries, is the job dead-lettered.
 */
@ApplicationScoped
public class AudioJobConsumer {

    private final TrackFeatureService tracks;
    private final AudioDonePublisher done;
    private final RunCancellations cancellations;

    public AudioJobConsumer(TrackFeatureService tracks, AudioDonePublisher done, ObjectStore store) {
        this.tracks = tracks;
        this.done = done;
        this.cancellations = new RunCancellations(store);
    }

    @Incoming(Channels.AUDIO_JOBS_IN)
    @Blocking(value = "audio-workers", ordered = false)
    public void onAudioJob(AudioJob job) {
        AudioJob decoded = Payloads.requireDecoded(job, "AudioJob");
        if (cancellations.cancelled(decoded.runId())) {
            // the run was cancelled or failed: nobody waits for this track any more
            return;
        }
        done.publish(tracks.featurise(decoded));
    }
}
