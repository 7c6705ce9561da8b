package io.songspace.feature.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.songspace.common.events.AudioDone;
import io.songspace.common.events.AudioJob;
import io.songspace.common.events.Payloads;
import io.songspace.common.messaging.Channels;
import io.songspace.common.stage.RunCancellations;
import io.songspace.common.store.ObjectStore;
import io.songspace.feature.service.TrackFeatureService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Step 3: a feature worker. Each job is featurised on the {@code audio-workers} pool (several at once, see
 * {@code songspace.feature.worker-concurrency}); its {@link AudioDone} goes to audio.done keyed by run id, so one
 * assembler sees all of a run's tracks. Every job ends in an AudioDone (a track that fails for any reason is
 * SKIPPED with the reason); the job is acknowledged after the broker accepted it. Jobs of a cancelled run are
 * acknowledged without work. Only when the skip marker or the
 * AudioDone cannot be stored or sent, after their retries, is the job dead-lettered.
 * <p>
 * Meters: {@code songspace_tracks_total{outcome="featurised"|"skipped"}} and
 * {@code songspace_track_duration_seconds{outcome}} (fetch, decode, MFCC and store of one track) per job handled.
 */
@ApplicationScoped
public class AudioJobConsumer {

    private final TrackFeatureService tracks;
    private final AudioDonePublisher done;
    private final RunCancellations cancellations;
    private final MeterRegistry meters;

    public AudioJobConsumer(TrackFeatureService tracks, AudioDonePublisher done, ObjectStore store,
            MeterRegistry meters) {
        this.tracks = tracks;
        this.done = done;
        this.cancellations = new RunCancellations(store);
        this.meters = meters;
    }

    @Incoming(Channels.AUDIO_JOBS_IN)
    @Blocking(value = "audio-workers", ordered = false)
    public void onAudioJob(AudioJob job) {
        AudioJob decoded = Payloads.requireDecoded(job, "AudioJob");
        if (cancellations.cancelled(decoded.runId())) {
            // the run was cancelled or failed: nobody waits for this track any more
            return;
        }
        long start = System.nanoTime();
        AudioDone outcome = tracks.featurise(decoded);
        String tag = outcome.status() == AudioDone.Status.SKIPPED ? "skipped" : "featurised";
        meters.counter("songspace.tracks", "outcome", tag).increment();
        Timer.builder("songspace.track.duration").description("one audio job: fetch, decode, MFCC, store")
                .tag("outcome", tag).register(meters).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        done.publish(outcome);
    }
}
