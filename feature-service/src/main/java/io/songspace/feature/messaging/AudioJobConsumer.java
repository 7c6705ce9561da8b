package io.songspace.feature.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.songspace.common.events.AudioDone;
import io.songspace.common.events.AudioJob;
import io.songspace.common.events.Payloads;
import io.songspace.common.messaging.Channels;
import io.songspace.feature.service.ChunkFeatureService;
import io.songspace.feature.service.ChunkFeatureService.FeaturisedChunk;
import io.songspace.feature.service.TrackCosts;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Step 3: a feature worker. Each job, a chunk of a run's tracks, is taken by the {@code audio-workers} pool (two
 * chunks at once) and its tracks featurised on the track threads ({@code songspace.feature.worker-concurrency}, the
 * worker's cores; see {@link ChunkFeatureService#featurise}). Its result is stored and its {@link AudioDone} sent to
 * audio.done (keyed by run id, so one assembler sees all of a run's chunks) on a thread of its own, so the pool goes
 * on to the next chunk instead of waiting for the store and the broker (that wait left a core idle for a few tens of
 * milliseconds per chunk). Every chunk ends in an AudioDone (a track that fails for any reason is SKIPPED with the
 * reason); the job is acknowledged after the broker accepted it. A chunk of a cancelled run is acknowledged without
 * an outcome. Only when the chunk's result or its AudioDone cannot be stored or sent, after the store's and the
 * publisher's retries, is the job dead-lettered.
 *
 * <p>Meters: {@code songspace_tracks_total{outcome="featurised"|"skipped"}} and, per track and step,
 * {@code songspace_track_step_seconds{step}} (queue, fetch, decode, resample, mfcc, store, events: where a track's
 * time goes).
 */
@ApplicationScoped
public class AudioJobConsumer {

    private final ChunkFeatureService chunks;
    private final AudioDonePublisher done;
    private final MeterRegistry meters;
    /** Stores results and sends outcomes; chunks in flight are bounded by the records a poll hands out. */
    private final ExecutorService results = Executors.newFixedThreadPool(2,
            Thread.ofPlatform().name("chunk-results-", 0).factory());

    public AudioJobConsumer(ChunkFeatureService chunks, AudioDonePublisher done, MeterRegistry meters) {
        this.chunks = chunks;
        this.done = done;
        this.meters = meters;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        results.shutdown();
        results.awaitTermination(30, TimeUnit.SECONDS);
    }

    @Incoming(Channels.AUDIO_JOBS_IN)
    @Blocking(value = "audio-workers", ordered = false)
    public CompletionStage<Void> onAudioJob(Message<AudioJob> message) {
        Optional<FeaturisedChunk> featurised;
        try {
            featurised = chunks.featurise(Payloads.requireDecoded(message.getPayload(), "AudioJob"));
        } catch (RuntimeException e) {
            return message.nack(e);
        }
        if (featurised.isEmpty()) {
            return message.ack(); // the run was cancelled or failed: nobody waits for these tracks any more
        }
        return CompletableFuture.runAsync(() -> storeAndPublish(featurised.get()), results)
                .handle((ok, failure) -> failure == null ? message.ack() : message.nack(cause(failure)))
                .thenCompose(acknowledged -> acknowledged);
    }

    private void storeAndPublish(FeaturisedChunk featurised) {
        ChunkFeatureService.ChunkResult result = chunks.store(featurised);
        AudioDone outcome = result.outcome();
        long publishing = System.nanoTime();
        done.publish(outcome);
        List<TrackCosts> costs = result.costs();
        TrackCosts.share(costs, TrackCosts.Step.EVENTS, System.nanoTime() - publishing);
        for (TrackCosts cost : costs) {
            for (TrackCosts.Step step : TrackCosts.Step.values()) {
                Timer.builder("songspace.track.step").description("one track's time in one step")
                        .tag("step", step.label()).register(meters).record(cost.nanos(step), TimeUnit.NANOSECONDS);
            }
        }
        if (!costs.isEmpty()) {
            for (AudioDone.Outcome track : outcome.tracks()) {
                meters.counter("songspace.tracks", "outcome",
                        track.status() == AudioDone.Status.SKIPPED ? "skipped" : "featurised").increment();
            }
        }
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
