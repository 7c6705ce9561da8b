package io.songspace.feature.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.events.AudioDone;
import io.songspace.common.events.AudioJob;
import io.songspace.common.npy.Npy;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.stage.RunCancellations;
import io.songspace.common.store.ObjectStore;
import io.songspace.common.store.ObjectStoreException;
import io.songspace.feature.audio.MfccExtractor;
import io.songspace.feature.config.FeatureConfig;
import io.songspace.feature.service.TrackCosts.Step;
import io.songspace.feature.service.TrackFeatureService.Featurised;
import io.songspace.feature.service.TrackFeatureService.Skipped;
import io.songspace.feature.service.TrackFeatureService.TrackResult;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One chunk of a run's tracks ({@link AudioJob}): each track featurised or skipped, then the chunk's result stored
 * as two objects, the features of its featurised tracks in one .npz ({@link ArtifactKeys#chunkFeatures}) and, last,
 * its outcome ({@link ArtifactKeys#chunkOutcome}), so the assembler always hears of every track. One record, one
 * features object and one outcome per chunk instead of per track: the per-track messaging and storage round trips
 * cost more than decoding a clip.
 *
 * <p>Idempotent: a chunk whose outcome is stored is not processed again, its outcome is just reported (one read per
 * delivery). A store that cannot take the result is not the tracks' fault: the {@link ObjectStore} waits out an
 * outage, and a store still gone after that fails the job, which is then dead-lettered (the run's stall deadline
 * ends it). A chunk of a cancelled run starts no more tracks and stores nothing.
 */
@ApplicationScoped
public class ChunkFeatureService {

    /** A chunk's outcome and, for the chunks processed now, each track's costs (empty for a stored outcome). */
    public record ChunkResult(AudioDone outcome, List<TrackCosts> costs) {
    }

    /**
     * A chunk whose tracks are featurised and whose result is not stored yet, or whose outcome was stored before
     * ({@code stored}; then there is nothing to compute or store).
     */
    public record FeaturisedChunk(AudioJob job, List<TrackResult> results, List<TrackCosts> costs,
            Optional<AudioDone> stored) {
    }

    private final ObjectStore store;
    private final TrackFeatureService tracks;
    private final ObjectMapper json;
    private final RunCancellations cancellations;
    /**
     * Featurises tracks, {@code worker-concurrency} at once (one per core), for every chunk in flight: a chunk's
     * tracks share the cores, so a run does not end with one core finishing the last chunk alone, and the next
     * chunk's tracks queue behind the current one's.
     */
    private final ExecutorService trackThreads;

    public ChunkFeatureService(ObjectStore store, TrackFeatureService tracks, ObjectMapper json,
            FeatureConfig config) {
        this.store = store;
        this.tracks = tracks;
        this.json = json;
        this.cancellations = new RunCancellations(store);
        this.trackThreads = Executors.newFixedThreadPool(Math.max(1, config.workerConcurrency()),
                Thread.ofPlatform().name("track-featuriser-", 0).daemon().factory());
    }

    @PreDestroy
    void stop() {
        trackThreads.shutdownNow();
    }

    /** The chunk's outcome, computed and stored now or read from the store; empty when its run was cancelled. */
    public Optional<ChunkResult> process(AudioJob job) {
        return featurise(job).map(this::store);
    }

    /**
     * The first of {@link #process}'s two steps, the CPU-bound one: the chunk's stored outcome if there is one, else
     * each of its tracks featurised or skipped on the track threads; empty when the run was cancelled. The feature
     * workers call {@link #store} on another thread, so no core waits for the store and the broker.
     */
    public Optional<FeaturisedChunk> featurise(AudioJob job) {
        String outcomeKey = ArtifactKeys.chunkOutcome(job.runId(), job.chunk());
        Optional<byte[]> stored = store.get(outcomeKey);
        if (stored.isPresent()) {
            try {
                return Optional.of(new FeaturisedChunk(job, List.of(), List.of(),
                        Optional.of(json.readValue(stored.get(), AudioDone.class))));
            } catch (IOException e) {
                throw new ObjectStoreException(outcomeKey, "not a chunk outcome: " + e.getMessage(), e);
            }
        }
        List<TrackCosts> costs = new ArrayList<>(job.tracks().size());
        List<Future<Optional<TrackResult>>> running = new ArrayList<>(job.tracks().size());
        for (AudioJob.Track track : job.tracks()) {
            TrackCosts cost = new TrackCosts();
            costs.add(cost);
            running.add(trackThreads.submit(() -> {
                if (cancellations.cancelled(job.runId())) {
                    return Optional.<TrackResult>empty();
                }
                cost.add(Step.QUEUE, queueWait(job.queuedAt()));
                return Optional.of(tracks.featurise(job.runId(), track.trackId(), track.source(), cost));
            }));
        }
        List<TrackResult> results = new ArrayList<>(job.tracks().size());
        for (Future<Optional<TrackResult>> track : running) {
            Futures.join(track, "featurising chunk " + job.chunk()).ifPresent(results::add);
        }
        if (results.size() < job.tracks().size()) {
            return Optional.empty(); // the run was cancelled meanwhile
        }
        return Optional.of(new FeaturisedChunk(job, results, costs, Optional.empty()));
    }

    /** The second step: stores a featurised chunk's result (nothing for a stored outcome) and returns its outcome. */
    public ChunkResult store(FeaturisedChunk chunk) {
        if (chunk.stored().isPresent()) {
            return new ChunkResult(chunk.stored().get(), List.of());
        }
        long storing = System.nanoTime();
        AudioDone outcome = store(chunk.job(), chunk.results());
        TrackCosts.share(chunk.costs(), Step.STORE, System.nanoTime() - storing);
        return new ChunkResult(outcome, chunk.costs());
    }

    /** Writes the features of the featurised tracks (if any), then the outcome, which marks the chunk complete. */
    private AudioDone store(AudioJob job, List<TrackResult> results) {
        List<Featurised> featurised = results.stream().filter(r -> r instanceof Featurised).map(Featurised.class::cast)
                .toList();
        if (!featurised.isEmpty()) {
            int k = featurised.size();
            int patchSize = MfccExtractor.N_MFCC * MfccExtractor.PATCH_FRAMES;
            int dim = featurised.getFirst().features().mfcc40().length;
            float[] mfcc40 = new float[k * dim];
            float[] patches = new float[k * patchSize];
            for (int i = 0; i < k; i++) {
                System.arraycopy(featurised.get(i).features().mfcc40(), 0, mfcc40, i * dim, dim);
                System.arraycopy(featurised.get(i).features().patch(), 0, patches, i * patchSize, patchSize);
            }
            Map<String, NpyArray> npz = new LinkedHashMap<>();
            npz.put("mfcc40", NpyArray.ofFloats(mfcc40, k, dim));
            npz.put("patch", NpyArray.ofFloats(patches, k, MfccExtractor.N_MFCC, MfccExtractor.PATCH_FRAMES));
            store.put(ArtifactKeys.chunkFeatures(job.runId(), job.chunk()), Npy.writeNpz(npz),
                    "application/octet-stream");
        }
        List<AudioDone.Outcome> outcomes = results.stream().map(r -> switch (r) {
            case Featurised f -> AudioDone.Outcome.done(f.trackId());
            case Skipped s -> AudioDone.Outcome.skipped(s.trackId(), s.reason());
        }).toList();
        AudioDone outcome = new AudioDone(job.runId(), job.chunk(), outcomes);
        store.putJson(ArtifactKeys.chunkOutcome(job.runId(), job.chunk()), outcome);
        return outcome;
    }

    private static long queueWait(Instant queuedAt) {
        return queuedAt == null ? 0 : Math.max(0, Duration.between(queuedAt, Instant.now()).toNanos());
    }
}
