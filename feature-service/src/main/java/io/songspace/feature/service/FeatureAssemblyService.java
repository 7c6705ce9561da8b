package io.songspace.feature.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.artifacts.ManifestEntry;
import io.songspace.common.artifacts.SkippedTrack;
import io.songspace.common.events.AudioDone;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.common.npy.Npy;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.store.Manifests;
import io.songspace.common.store.ObjectStore;
import io.songspace.feature.config.FeatureConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Counts a run's finished tracks and, once every manifest track is done or skipped, writes the run's matrices.
 *
 * <p>The per-run count lives in memory but is rebuilt from the object store: the first time a run is seen (after a
 * restart or a partition moving here), its chunks' stored outcomes are read. Before assembling, they are read again
 * and the matrices are written only if every manifest track really has a stored outcome. A repeated
 * {@link AudioDone} changes nothing (the count is a set of track ids). A run whose
 * matrices already exist ({@link FeatureFiles#TRACK_IDS} is written last) is reported complete again once, so a
 * completion lost in a crash is not lost for good.
 *
 * <p>Counting is quick and happens on the caller's (consumer's) thread; the assembly itself (reading every track's
 * {@code .npz}, writing the matrices) runs on one dedicated thread per instance, so assemblies never interleave and
 * the consumer keeps polling. A run is marked finished before its assembly is queued, so a duplicate cannot queue
 * it twice. Whatever goes wrong while assembling becomes FEATURES FAILED naming the cause. The AudioDone that
 * completes a run is acknowledged before the assembly ends, so on startup {@link #resumeUnfinished()} queues the
 * runs that are complete in the store but not assembled.
 */
@ApplicationScoped
public class FeatureAssemblyService {

    private static final Logger LOG = Logger.getLogger(FeatureAssemblyService.class);
    private static final int REMEMBERED_RUNS = 10_000;
    private static final String RUNS = "runs/";

    private final ObjectStore store;
    private final FeatureMatrixWriter writer;
    private final ObjectMapper json;
    private final int progressStep;
    private final ExecutorService readers;
    private final ExecutorService assembler;
    private final Map<String, RunTracks> runs = new HashMap<>();
    /** Runs already assembled (or failed) by this instance: their late duplicates are ignored. */
    private final Set<String> finished = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_RUNS;
        }
    });

    @Inject
    public FeatureAssemblyService(ObjectStore store, FeatureMatrixWriter writer, ObjectMapper json,
            FeatureConfig config) {
        this(store, writer, json, config,
                Executors.newSingleThreadExecutor(Thread.ofPlatform().name("feature-assembly").factory()));
    }

    /** @param assembler runs the assemblies; it must run one task at a time */
    FeatureAssemblyService(ObjectStore store, FeatureMatrixWriter writer, ObjectMapper json, FeatureConfig config,
            ExecutorService assembler) {
        this.store = store;
        this.writer = writer;
        this.json = json;
        this.progressStep = Math.max(1, config.progressStepPercent());
        this.readers = Executors.newFixedThreadPool(Math.max(1, config.assemblyReadParallelism()),
                Thread.ofPlatform().name("feature-assembly-reader-", 0).factory());
        this.assembler = assembler;
    }

    /** Lets a running assembly finish (briefly), then stops both pools. */
    @PreDestroy
    void stop() {
        assembler.shutdown();
        try {
            if (!assembler.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("an assembly did not finish within 30 s of shutdown; it is abandoned");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assembler.shutdownNow();
        readers.shutdownNow();
    }

    /**
     * What one {@link AudioDone} led to: events to publish now (progress, in order) and, when it was the run's last
     * track, the run's assembly, which completes with FEATURES COMPLETED or FAILED (never exceptionally).
     */
    public record TrackOutcome(List<PipelineEvent> events, Optional<CompletableFuture<PipelineEvent>> assembly) {

        static TrackOutcome of(List<PipelineEvent> events) {
            return new TrackOutcome(events, Optional.empty());
        }
    }

    /** A run's tracks, the chunk outcomes heard of (by chunk) and how many tracks they account for. */
    private static final class RunTracks {
        final List<ManifestEntry> manifest;
        final Set<String> ids = new HashSet<>();
        final Set<String> accounted = new HashSet<>();
        final Map<Integer, AudioDone> chunks = new HashMap<>();
        int progressReported = -1;

        RunTracks(List<ManifestEntry> manifest) {
            this.manifest = manifest;
            manifest.forEach(e -> ids.add(e.trackId()));
        }
    }

    /** Records a chunk's outcome; returns the events to publish and, after the run's last track, its assembly. */
    public synchronized TrackOutcome onChunkDone(AudioDone done) {
        String runId = done.runId();
        if (finished.contains(runId)) {
            return TrackOutcome.of(List.of());
        }
        RunTracks run = runs.get(runId);
        if (run == null) {
            if (store.exists(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS))) {
                finished.add(runId);
                return TrackOutcome.of(List.of(completedAgain(runId)));
            }
            run = new RunTracks(Manifests.fromJsonLines(json, store.require(ArtifactKeys.manifest(runId))));
            for (AudioDone stored : list(runId, run).chunks()) {
                run.chunks.put(stored.chunk(), stored);
                stored.tracks().stream().map(AudioDone.Outcome::trackId).filter(run.ids::contains)
                        .forEach(run.accounted::add);
            }
            runs.put(runId, run);
        }
        run.chunks.put(done.chunk(), done);
        for (AudioDone.Outcome track : done.tracks()) {
            if (run.ids.contains(track.trackId())) {
                run.accounted.add(track.trackId());
            } else {
                LOG.warnf("run %s: track %s is not in the manifest; ignored", runId, track.trackId());
            }
        }
        List<PipelineEvent> events = new ArrayList<>();
        int total = run.ids.size();
        int reached = (int) ((long) run.accounted.size() * 100 / total) / progressStep;
        if (reached > run.progressReported) {
            run.progressReported = reached;
            events.add(PipelineEvent.progress(runId, Stage.FEATURES,
                    "featurised " + run.accounted.size() + " of " + total + " tracks", run.accounted.size(), total));
        }
        if (run.accounted.size() < total) {
            return TrackOutcome.of(events);
        }
        // every outcome was stored before it was sent; one listing confirms it instead of reading them all again
        Set<String> keys = new HashSet<>(store.list(ArtifactKeys.chunksPrefix(runId)));
        run.chunks.values().removeIf(chunk -> !keys.contains(ArtifactKeys.chunkOutcome(runId, chunk.chunk())));
        Listing listing = Listing.of(run.chunks.values(), run);
        if (listing.outcomes().size() < total) {
            // an AudioDone arrived for a result the store does not show: trust the store and wait
            LOG.warnf("run %s: all %d tracks reported done but only %d have stored results; waiting", runId, total,
                    listing.outcomes().size());
            run.accounted.retainAll(listing.outcomes().keySet());
            return TrackOutcome.of(events);
        }
        return new TrackOutcome(events, queue(runId, run, listing));
    }

    /**
     * The startup scan (docs/pipeline.md): the AudioDone that completes a run is acknowledged before the run is
     * assembled, so a run whose assembly was queued or running when the instance stopped would otherwise wait for
     * an AudioDone that may never come. Lists {@code runs/} once and queues, through the same path as a completing
     * AudioDone, every run that has a manifest, no {@link FeatureFiles#TRACK_IDS} and a stored result for every
     * manifest track; runs with tracks still missing are left to their AudioDone events. Runs on the assembler
     * thread, ahead of the assemblies it queues, so startup never waits on the store. Cost per run: one stat when
     * the run is assembled, else one read of the manifest and one listing of {@code tracks/}.
     *
     * @return completes once the scan is done (never exceptionally) with the assemblies it queued, by run id
     */
    public CompletableFuture<Map<String, CompletableFuture<PipelineEvent>>> resumeUnfinished() {
        return CompletableFuture.supplyAsync(this::scanUnfinished, assembler);
    }

    private Map<String, CompletableFuture<PipelineEvent>> scanUnfinished() {
        Map<String, CompletableFuture<PipelineEvent>> queued = new LinkedHashMap<>();
        List<String> runIds;
        try {
            runIds = store.listFolders(RUNS);
        } catch (RuntimeException e) {
            LOG.errorf(e, "startup scan: cannot list %s; unassembled runs wait for their AudioDone events", RUNS);
            return queued;
        }
        for (String runId : runIds) {
            try {
                queueIfComplete(runId).ifPresent(assembly -> queued.put(runId, assembly));
            } catch (RuntimeException e) {
                LOG.warnf(e, "startup scan: run %s cannot be checked; it waits for its AudioDone events", runId);
            }
        }
        LOG.infof("startup scan: %d of %d run(s) had every track done but no matrices; assembling them",
                queued.size(), runIds.size());
        return queued;
    }

    private Optional<CompletableFuture<PipelineEvent>> queueIfComplete(String runId) {
        if (store.exists(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS))) {
            return Optional.empty();
        }
        Optional<byte[]> manifest = store.get(ArtifactKeys.manifest(runId));
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        RunTracks run = new RunTracks(Manifests.fromJsonLines(json, manifest.get()));
        if (run.ids.isEmpty()) {
            return Optional.empty();
        }
        Listing listing = list(runId, run);
        if (listing.outcomes().size() < run.ids.size()) {
            return Optional.empty();
        }
        return queue(runId, run, listing);
    }

    /**
     * Marks a complete run finished and queues its assembly; empty when this instance queued (or finished) it
     * before, so an AudioDone and the startup scan never assemble the same run twice.
     */
    private synchronized Optional<CompletableFuture<PipelineEvent>> queue(String runId, RunTracks run,
            Listing listing) {
        if (!finished.add(runId)) {
            return Optional.empty();
        }
        runs.remove(runId);
        return Optional.of(CompletableFuture.supplyAsync(() -> assembleOrFail(runId, run, listing), assembler));
    }

    private PipelineEvent assembleOrFail(String runId, RunTracks run, Listing listing) {
        try {
            return assemble(runId, run, listing);
        } catch (RuntimeException e) {
            LOG.errorf(e, "run %s: assembling the features failed", runId);
            return PipelineEvent.failed(runId, Stage.FEATURES, "assembling the features failed: " + e.getMessage());
        }
    }

    private PipelineEvent assemble(String runId, RunTracks run, Listing listing) {
        if (store.exists(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS))) {
            // another instance assembled the run meanwhile (its partition moved); do not write it twice
            return completedAgain(runId);
        }
        String specKey = ArtifactKeys.spec(runId);
        if (!store.exists(specKey)) {
            return PipelineEvent.failed(runId, Stage.FEATURES, "the run's spec " + specKey + " is missing");
        }
        RunSpec spec = store.getJson(specKey, RunSpec.class);
        List<Future<List<FeatureMatrixWriter.TrackRow>>> reads = new ArrayList<>();
        for (AudioDone chunk : listing.chunks()) {
            List<String> featurised = chunk.tracks().stream().filter(t -> t.status() == AudioDone.Status.DONE)
                    .map(AudioDone.Outcome::trackId).toList();
            if (!featurised.isEmpty()) {
                reads.add(readers.submit(() -> readChunk(runId, chunk.chunk(), featurised)));
            }
        }
        Map<String, FeatureMatrixWriter.TrackRow> rowOf = new HashMap<>();
        reads.forEach(f -> join(f).forEach(row -> rowOf.put(row.trackId(), row)));
        List<FeatureMatrixWriter.TrackRow> usable = new ArrayList<>(rowOf.size());
        List<SkippedTrack> skipped = new ArrayList<>();
        for (ManifestEntry e : run.manifest) {
            AudioDone.Outcome outcome = listing.outcomes().get(e.trackId());
            if (outcome.status() == AudioDone.Status.DONE) {
                usable.add(rowOf.get(e.trackId()));
            } else {
                skipped.add(new SkippedTrack(e.trackId(), outcome.reason()));
            }
        }
        if (usable.isEmpty()) {
            store.putJson(ArtifactKeys.feature(runId, FeatureFiles.SKIPPED), skipped);
            return PipelineEvent.failed(runId, Stage.FEATURES,
                    "no track could be featurised (" + skipped.size() + " skipped)");
        }
        List<String> labelNames = FeatureMatrixWriter.labelNames(
                spec.dataset() == null ? null : spec.dataset().genres(), run.manifest);
        Map<String, String> details = writer.write(runId, run.manifest, labelNames,
                FeatureMatrixWriter.MFCC_COLUMNS, usable, skipped, true);
        LOG.infof("run %s: features assembled (%s tracks, %s skipped)", runId, details.get("tracks"),
                details.get("skipped"));
        return PipelineEvent.completed(runId, Stage.FEATURES, "features of " + details.get("tracks")
                + " tracks assembled, " + details.get("skipped") + " skipped", details);
    }

    /** The rows of a chunk's .npz, one per featurised track of its outcome, in that order. */
    private List<FeatureMatrixWriter.TrackRow> readChunk(String runId, int chunk, List<String> trackIds) {
        String key = ArtifactKeys.chunkFeatures(runId, chunk);
        Map<String, NpyArray> npz;
        try {
            npz = Npy.readNpz(store.require(key));
        } catch (RuntimeException e) {
            throw new IllegalStateException("chunk " + chunk + " (tracks " + trackIds.getFirst() + " …): " + key
                    + " cannot be read: " + e.getMessage(), e);
        }
        NpyArray mfcc40 = npz.get("mfcc40");
        NpyArray patch = npz.get("patch");
        int k = trackIds.size();
        if (mfcc40 == null || patch == null || mfcc40.floats() == null || patch.floats() == null
                || mfcc40.shape()[0] != k || patch.shape()[0] != k) {
            throw new IllegalStateException("chunk " + chunk + ": " + key + " lacks float32 arrays mfcc40 and patch"
                    + " with a row for each of its " + k + " featurised tracks");
        }
        int dim = mfcc40.floats().length / k;
        int patchSize = patch.floats().length / k;
        List<FeatureMatrixWriter.TrackRow> rows = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            rows.add(new FeatureMatrixWriter.TrackRow(trackIds.get(i),
                    Arrays.copyOfRange(mfcc40.floats(), i * dim, (i + 1) * dim),
                    Arrays.copyOfRange(patch.floats(), i * patchSize, (i + 1) * patchSize)));
        }
        return rows;
    }

    /** FEATURES COMPLETED for a run assembled before (by this or another instance), from its stored files. */
    private PipelineEvent completedAgain(String runId) {
        List<?> ids = store.getJson(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS), List.class);
        List<?> skipped = store.getJson(ArtifactKeys.feature(runId, FeatureFiles.SKIPPED), List.class);
        List<?> columns = store.getJson(ArtifactKeys.feature(runId, FeatureFiles.COLUMNS), List.class);
        Map<String, String> details = Map.of("tracks", Integer.toString(ids.size()),
                "skipped", Integer.toString(skipped.size()), "dim", Integer.toString(columns.size()));
        return PipelineEvent.completed(runId, Stage.FEATURES, "features of " + ids.size()
                + " tracks assembled, " + skipped.size() + " skipped", details);
    }

    /** A run's stored chunk outcomes, and each manifest track's outcome among them. */
    private record Listing(List<AudioDone> chunks, Map<String, AudioDone.Outcome> outcomes) {

        /** Tracks not in the manifest are left out. */
        static Listing of(Collection<AudioDone> chunks, RunTracks run) {
            Map<String, AudioDone.Outcome> outcomes = new HashMap<>();
            for (AudioDone chunk : chunks) {
                chunk.tracks().stream().filter(t -> run.ids.contains(t.trackId()))
                        .forEach(t -> outcomes.put(t.trackId(), t));
            }
            return new Listing(List.copyOf(chunks), outcomes);
        }
    }

    /** Reads every stored chunk outcome of the run (in parallel); tracks not in the manifest are left out. */
    private Listing list(String runId, RunTracks run) {
        List<Future<AudioDone>> reads = new ArrayList<>();
        for (String key : store.list(ArtifactKeys.chunksPrefix(runId))) {
            if (key.endsWith(".json")) {
                reads.add(readers.submit(() -> readOutcome(key)));
            }
        }
        return Listing.of(reads.stream().map(FeatureAssemblyService::join).toList(), run);
    }

    private AudioDone readOutcome(String key) {
        try {
            return store.getJson(key, AudioDone.class);
        } catch (RuntimeException e) {
            throw new IllegalStateException(key + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static <T> T join(Future<T> future) {
        return Futures.join(future, "assembling features");
    }
}
