package io.songspace.feature.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.artifacts.ManifestEntry;
import io.songspace.common.dataset.DatasetRoots;
import io.songspace.common.events.AudioDone;
import io.songspace.common.events.AudioJob;
import io.songspace.common.events.DatasetSpec;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.common.npy.Npy;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.store.Manifests;
import io.songspace.common.store.ObjectStore;
import io.songspace.common.store.ObjectStoreException;
import io.songspace.common.store.StoreConfig;
import io.songspace.feature.audio.MfccExtractor;
import io.songspace.feature.config.FeatureConfig;
import io.songspace.feature.dataset.DatasetFiles;
import io.songspace.feature.dataset.DemoCorpus;
import io.songspace.feature.service.TrackCosts.Step;
import io.songspace.feature.service.TrackFeatureService.Featurised;
import io.songspace.feature.service.TrackFeatureService.Skipped;
import io.songspace.feature.service.TrackFeatureService.TrackResult;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest plan, the worker (a track, a chunk) and the assembler against a real S3 server, without messaging. */
@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class FeatureServicesTest {

    @Inject
    ObjectStore store;

    @Inject
    ObjectMapper json;

    @Inject
    StoreConfig storeConfig;

    @Inject
    DemoCorpus demo;

    @Inject
    TrackFeatureService tracks;

    @Inject
    ChunkFeatureService chunks;

    @Inject
    ManifestService manifests;

    @Inject
    FeatureConfig featureConfig;

    @Inject
    FeatureMatrixWriter writer;

    private FeatureAssemblyService assembler;

    @BeforeEach
    void setUp() {
        store.ensureBucket();
    }

    @AfterEach
    void tearDown() {
        if (assembler != null) {
            assembler.stop();
        }
    }

    // ------------------------------------------------------------------------------------------ one track

    @Test
    void trackIsFeaturisedOrSkippedWithTheReasonAndNothingIsStored() {
        String runId = "run-" + UUID.randomUUID();
        TrackCosts costs = new TrackCosts();
        TrackResult clip = tracks.featurise(runId, "rock-0000", "demo:9/rock/0", costs);
        Featurised featurised = assertInstanceOf(Featurised.class, clip);
        assertEquals("rock-0000", featurised.trackId());
        assertEquals(40, featurised.features().mfcc40().length);
        assertEquals(MfccExtractor.N_MFCC * MfccExtractor.PATCH_FRAMES, featurised.features().patch().length);
        for (Step step : List.of(Step.FETCH, Step.DECODE, Step.MFCC)) {
            assertTrue(costs.nanos(step) > 0, step + " took " + costs.nanos(step) + " ns");
        }
        assertTrue(costs.nanos(Step.RESAMPLE) >= 0);
        assertEquals(0, costs.nanos(Step.QUEUE) + costs.nanos(Step.STORE) + costs.nanos(Step.EVENTS),
                "queue, store and events are the chunk's to add");

        Path absent = Path.of("/nonexistent/fma_small/000/000134.mp3");
        assertEquals(new Skipped("000134", "audio file not found: " + absent),
                tracks.featurise(runId, "000134", absent.toUri().toString(), new TrackCosts()));
        assertEquals(new Skipped("x", "audio file not found: s3://songspace/datasets/none.mp3"),
                tracks.featurise(runId, "x", "s3://songspace/datasets/none.mp3", new TrackCosts()));
        assertEquals(new Skipped("y", "s3://elsewhere/a.mp3: bucket 'elsewhere' is not reachable; only the "
                + "configured bucket 'songspace' is"),
                tracks.featurise(runId, "y", "s3://elsewhere/a.mp3", new TrackCosts()));
        Skipped corrupt = assertInstanceOf(Skipped.class,
                tracks.featurise(runId, "corrupt-0000", "demo:9/corrupt/0", new TrackCosts()));
        assertTrue(corrupt.reason().contains("not a recognised audio file"), corrupt.reason());

        assertEquals(List.of(), store.list(ArtifactKeys.runPrefix(runId)), "a track stores nothing of its own");
    }

    @Test
    void anyFailureWhileFeaturisingSkipsTheTrackWithTheReason(@TempDir Path dir) {
        String runId = "run-" + UUID.randomUUID();
        // a temporary folder that cannot be created: rendering a demo clip fails with an UncheckedIOException
        Path notAFolder = writeString(dir.resolve("file"), "x");
        TrackFeatureService noTemp = new TrackFeatureService(new DatasetFiles(store, notAFolder.resolve("tmp"),
                new DatasetRoots(List.of(dir))), demo);
        Skipped clip = assertInstanceOf(Skipped.class,
                noTemp.featurise(runId, "rock-0000", "demo:9/rock/0", new TrackCosts()));
        assertTrue(clip.reason().startsWith("internal error: java.io.UncheckedIOException: cannot create a temporary"
                + " file"), clip.reason());

        // ... and its chunk stores the reason in its outcome, and no features
        ChunkFeatureService noTempChunks = new ChunkFeatureService(store, noTemp, json, config(100));
        AudioJob job = new AudioJob(runId, 0, List.of(new AudioJob.Track("rock-0000", "demo:9/rock/0")), null);
        AudioDone outcome = noTempChunks.process(job).orElseThrow().outcome();
        assertEquals(new AudioDone(runId, 0, List.of(AudioDone.Outcome.skipped("rock-0000", clip.reason()))),
                outcome);
        assertEquals(outcome, store.getJson(ArtifactKeys.chunkOutcome(runId, 0), AudioDone.class));
        assertFalse(store.exists(ArtifactKeys.chunkFeatures(runId, 0)), "no featurised track: no .npz");

        // the object exists but its download fails
        String key = "datasets/" + UUID.randomUUID() + "/riff.wav";
        store.put(key, demo.audio("demo:1/rock/0"), "audio/wav");
        ObjectStore failingDownloads = new ObjectStore(storeConfig, json) {
            @Override
            public void download(String k, Path target) {
                throw new ObjectStoreException(k, "connection reset");
            }
        };
        TrackFeatureService s3Broken = new TrackFeatureService(
                new DatasetFiles(failingDownloads, dir, new DatasetRoots(List.of(dir))), demo);
        assertEquals(new Skipped("rock-riff", "cannot download the audio: object store: " + key + ": connection reset"),
                s3Broken.featurise(runId, "rock-riff", "s3://songspace/" + key, new TrackCosts()));
    }

    // ------------------------------------------------------------------------------------------ one chunk

    @Test
    void chunkMixingFeaturisedAndSkippedTracksStoresTheDoneRowsInOrderThenTheOutcome() {
        String runId = "run-" + UUID.randomUUID();
        Path absent = Path.of("/nonexistent/fma_small/000/000134.mp3");
        List<AudioJob.Track> chunk = List.of(
                new AudioJob.Track("rock-0000", "demo:9/rock/0"),
                new AudioJob.Track("corrupt-0000", "demo:9/corrupt/0"),
                new AudioJob.Track("folk-0001", "demo:9/folk/1"),
                new AudioJob.Track("000134", absent.toUri().toString()),
                new AudioJob.Track("pop-0002", "demo:9/pop/2"));
        CountingStore counting = new CountingStore();
        CountingTracks featurising = new CountingTracks();
        ChunkFeatureService service = new ChunkFeatureService(counting, featurising, json, config(100));
        AudioJob job = new AudioJob(runId, 7, chunk, Instant.now().minusSeconds(2));

        ChunkFeatureService.ChunkResult result = service.process(job).orElseThrow();

        String corruptReason = ((Skipped) tracks.featurise(runId, "corrupt-0000", "demo:9/corrupt/0",
                new TrackCosts())).reason();
        AudioDone expected = new AudioDone(runId, 7, List.of(
                AudioDone.Outcome.done("rock-0000"),
                AudioDone.Outcome.skipped("corrupt-0000", corruptReason),
                AudioDone.Outcome.done("folk-0001"),
                AudioDone.Outcome.skipped("000134", "audio file not found: " + absent),
                AudioDone.Outcome.done("pop-0002")));
        assertEquals(expected, result.outcome(), "every track of the chunk, in its order");
        assertEquals(expected, store.getJson(ArtifactKeys.chunkOutcome(runId, 7), AudioDone.class));
        assertEquals(List.of(ArtifactKeys.chunkFeatures(runId, 7), ArtifactKeys.chunkOutcome(runId, 7)),
                counting.puts, "the features first, then the outcome that marks the chunk complete");

        // the .npz: one row per DONE track, in the outcome's order, each the track's own features
        Map<String, NpyArray> npz = Npy.readNpz(store.require(ArtifactKeys.chunkFeatures(runId, 7)));
        assertArrayEquals(new int[] {3, 40}, npz.get("mfcc40").shape());
        assertArrayEquals(new int[] {3, 20, 128}, npz.get("patch").shape());
        List<String> done = List.of("rock-0000", "folk-0001", "pop-0002");
        int patchSize = MfccExtractor.N_MFCC * MfccExtractor.PATCH_FRAMES;
        for (int i = 0; i < done.size(); i++) {
            String id = done.get(i);
            String source = chunk.stream().filter(t -> t.trackId().equals(id)).findFirst().orElseThrow().source();
            Featurised alone = (Featurised) tracks.featurise(runId, id, source, new TrackCosts());
            // the same computation on the same clip: equal to float rounding
            assertArrayEquals(alone.features().mfcc40(), Arrays.copyOfRange(npz.get("mfcc40").floats(), i * 40,
                    (i + 1) * 40), 1e-6f, "mfcc40 row " + i + " is " + id);
            assertArrayEquals(alone.features().patch(), Arrays.copyOfRange(npz.get("patch").floats(),
                    i * patchSize, (i + 1) * patchSize), 1e-6f, "patch row " + i + " is " + id);
        }

        // costs: one per track, the queue wait counted from queuedAt, the store shared out
        assertEquals(5, result.costs().size());
        for (TrackCosts c : result.costs()) {
            assertTrue(c.nanos(Step.QUEUE) >= 2_000_000_000L, "queued 2 s before: " + c.nanos(Step.QUEUE));
            assertTrue(c.nanos(Step.STORE) > 0, "store: " + c.nanos(Step.STORE));
        }
        assertTrue(result.costs().getFirst().nanos(Step.MFCC) > 0);
        assertEquals(5, featurising.calls.get());

        // a redelivery: the stored outcome is reported again, nothing is featurised or written again
        ChunkFeatureService.ChunkResult again = service.process(job).orElseThrow();
        assertEquals(expected, again.outcome());
        assertEquals(List.of(), again.costs(), "no costs for a chunk done before");
        assertEquals(5, featurising.calls.get(), "no track featurised twice");
        assertEquals(2, counting.puts.size(), "nothing rewritten: " + counting.puts);
    }

    @Test
    void chunkOfACancelledRunStoresNothing() {
        String runId = "run-" + UUID.randomUUID();
        store.putJson(ArtifactKeys.cancelled(runId), Map.of("state", "CANCELLED", "reason", "test"));
        CountingTracks featurising = new CountingTracks();
        ChunkFeatureService service = new ChunkFeatureService(store, featurising, json, config(100));
        AudioJob job = new AudioJob(runId, 0, List.of(new AudioJob.Track("rock-0000", "demo:9/rock/0"),
                new AudioJob.Track("pop-0000", "demo:9/pop/0")), Instant.now());

        assertEquals(Optional.empty(), service.process(job));
        assertEquals(0, featurising.calls.get(), "no track featurised");
        assertEquals(List.of(), store.list(ArtifactKeys.chunksPrefix(runId)));
    }

    @Test
    void aStoreThatCannotTakeTheChunkResultFailsTheJobWithoutAnOutcome() {
        String runId = "run-" + UUID.randomUUID();
        AudioJob job = new AudioJob(runId, 3, List.of(new AudioJob.Track("rock-0000", "demo:9/rock/0"),
                new AudioJob.Track("corrupt-0000", "demo:9/corrupt/0")), Instant.now());

        // the store refuses everything: the features write fails, and no outcome is attempted
        CountingStore full = new CountingStore(key -> true);
        ObjectStoreException e = assertThrows(ObjectStoreException.class,
                () -> new ChunkFeatureService(full, tracks, json, config(100)).process(job));
        assertTrue(e.getMessage().contains("503 Service Unavailable"), e.getMessage());
        assertEquals(List.of(ArtifactKeys.chunkFeatures(runId, 3)), full.puts, "the outcome was not attempted");

        // the features are stored but the outcome is refused: the chunk is not complete
        CountingStore noOutcome = new CountingStore(key -> key.endsWith(".json"));
        assertThrows(ObjectStoreException.class,
                () -> new ChunkFeatureService(noOutcome, tracks, json, config(100)).process(job));
        assertTrue(store.exists(ArtifactKeys.chunkFeatures(runId, 3)));
        assertFalse(store.exists(ArtifactKeys.chunkOutcome(runId, 3)), "no partial outcome");

        // the redelivered job, with the store back, does the chunk again and completes it
        CountingTracks featurising = new CountingTracks();
        AudioDone outcome = new ChunkFeatureService(store, featurising, json, config(100)).process(job).orElseThrow()
                .outcome();
        assertEquals(2, featurising.calls.get(), "without an outcome the chunk is done again");
        assertEquals(List.of("rock-0000", "corrupt-0000"),
                outcome.tracks().stream().map(AudioDone.Outcome::trackId).toList());
        assertEquals(outcome, store.getJson(ArtifactKeys.chunkOutcome(runId, 3), AudioDone.class));
        assertArrayEquals(new int[] {1, 40},
                Npy.readNpz(store.require(ArtifactKeys.chunkFeatures(runId, 3))).get("mfcc40").shape());

        // a chunk of skipped tracks only: its outcome is its one write, and its failure fails the job too
        AudioJob skippedOnly = new AudioJob(runId, 4, List.of(new AudioJob.Track("corrupt-0001",
                "demo:9/corrupt/1")), Instant.now());
        CountingStore refusing = new CountingStore(key -> true);
        assertThrows(ObjectStoreException.class,
                () -> new ChunkFeatureService(refusing, tracks, json, config(100)).process(skippedOnly));
        assertEquals(List.of(ArtifactKeys.chunkOutcome(runId, 4)), refusing.puts);
        assertFalse(store.exists(ArtifactKeys.chunkOutcome(runId, 4)));
    }

    // ------------------------------------------------------------------------------------------ the plan

    @Test
    void chunkSizeAimsAtTwelveChunksOfAtMostThirtyTwoTracks() {
        assertEquals(12, featureConfig.chunkTargetCount(), "the default");
        assertEquals(32, featureConfig.chunkMaxTracks(), "the default");
        int target = featureConfig.chunkTargetCount();
        int max = featureConfig.chunkMaxTracks();
        assertEquals(1, ManifestService.chunkSize(0, target, max));
        assertEquals(1, ManifestService.chunkSize(1, target, max));
        assertEquals(1, ManifestService.chunkSize(12, target, max));
        assertEquals(2, ManifestService.chunkSize(13, target, max));
        assertEquals(17, ManifestService.chunkSize(200, target, max), "12 chunks: 11 of 17 and one of 13");
        assertEquals(32, ManifestService.chunkSize(384, target, max));
        assertEquals(32, ManifestService.chunkSize(3000, target, max), "ceil(3000 / 12) = 250, capped");
        assertEquals(32, ManifestService.chunkSize(10_000, target, max));
    }

    @Test
    void planPutsEveryManifestTrackInExactlyOneChunk() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        // 5 genres × 41 + 2 corrupt = 207 tracks: chunks of ceil(207 / 12) = 18, the last one of 9
        store.putJson(ArtifactKeys.spec(runId), new RunSpec(new DatasetSpec.Demo(41, null, 2), null, null, 11L)
                .withDefaults());
        ManifestService.RunPlan plan = manifests.plan(runId);

        List<ManifestEntry> manifest = Manifests.fromJsonLines(json, store.require(ArtifactKeys.manifest(runId)));
        assertEquals(207, manifest.size());
        assertEquals(List.of(), plan.known(), "a demo has no track known to be unusable");
        assertEquals(12, plan.jobs().size());
        List<AudioJob.Track> all = new ArrayList<>();
        for (int i = 0; i < plan.jobs().size(); i++) {
            AudioJob job = plan.jobs().get(i);
            assertEquals(runId, job.runId());
            assertEquals(i, job.chunk(), "chunks are numbered from 0 in order");
            assertEquals(i < 11 ? 18 : 9, job.tracks().size(), "chunk " + i);
            assertTrue(job.queuedAt() != null);
            all.addAll(job.tracks());
        }
        assertEquals(manifest.stream().map(e -> new AudioJob.Track(e.trackId(), e.source())).toList(), all,
                "every manifest track once, in manifest order");
        PipelineEvent started = plan.events().getLast();
        assertEquals(Stage.FEATURES, started.stage());
        assertEquals(PipelineEvent.Status.STARTED, started.status());
        assertEquals(207, started.total());
        assertEquals(List.of(), store.list(ArtifactKeys.chunksPrefix(runId)), "nothing stored for the jobs");
    }

    @Test
    void tracksKnownToBeUnusableFormTheLastChunkWhoseOutcomeThePlanStores(@TempDir Path dir) throws Exception {
        Path rock = dir.resolve("rock");
        Files.createDirectories(rock);
        Files.write(rock.resolve("a.wav"), demo.audio("demo:1/rock/0"));
        Files.write(rock.resolve("b.wav"), demo.audio("demo:1/rock/1"));
        Files.createSymbolicLink(rock.resolve("dangling.wav"), Path.of("gone.wav"));
        Files.createDirectories(rock.resolve("dir.wav"));
        Files.write(rock.resolve("c.wav"), demo.audio("demo:1/rock/2"));
        String runId = "run-" + UUID.randomUUID();
        store.putJson(ArtifactKeys.spec(runId), new RunSpec(new DatasetSpec.Folder(dir.toString(), null, null), null,
                null, 7L).withDefaults());

        ManifestService.RunPlan plan = manifests.plan(runId);

        List<ManifestEntry> manifest = Manifests.fromJsonLines(json, store.require(ArtifactKeys.manifest(runId)));
        assertEquals(List.of("rock-a", "rock-b", "rock-c", "rock-dangling", "rock-dir"),
                manifest.stream().map(ManifestEntry::trackId).toList());
        assertEquals(List.of(List.of("rock-a"), List.of("rock-b"), List.of("rock-c")), plan.jobs().stream()
                .map(j -> j.tracks().stream().map(AudioJob.Track::trackId).toList()).toList(),
                "the usable tracks only, in chunks of 1 (3 tracks)");
        AudioDone unusable = new AudioDone(runId, 3, List.of(
                AudioDone.Outcome.skipped("rock-dangling", "dangling symbolic link: " + rock.resolve("dangling.wav")),
                AudioDone.Outcome.skipped("rock-dir", "a folder, not an audio file: " + rock.resolve("dir.wav"))));
        assertEquals(List.of(unusable), plan.known());
        assertEquals(unusable, store.getJson(ArtifactKeys.chunkOutcome(runId, plan.jobs().size()), AudioDone.class),
                "stored as chunk jobs.size()");
        Set<String> planned = new HashSet<>();
        plan.jobs().forEach(j -> j.tracks().forEach(t -> assertTrue(planned.add(t.trackId()), t.trackId())));
        unusable.tracks().forEach(t -> assertTrue(planned.add(t.trackId()), t.trackId()));
        assertEquals(manifest.stream().map(ManifestEntry::trackId).collect(java.util.stream.Collectors.toSet()),
                planned, "every manifest track in exactly one chunk");

        // the run completes with the jobs' outcomes and the known one
        assembler = new FeatureAssemblyService(store, writer, json, config(100));
        List<PipelineEvent> events = new ArrayList<>(all(assembler.onChunkDone(unusable)));
        for (AudioJob job : plan.jobs()) {
            events.addAll(all(assembler.onChunkDone(chunks.process(job).orElseThrow().outcome())));
        }
        PipelineEvent completed = events.getLast();
        assertEquals(PipelineEvent.Status.COMPLETED, completed.status(), completed.message());
        assertEquals(Map.of("tracks", "3", "skipped", "2", "dim", "40"), completed.details());
        assertEquals(List.of("rock-a", "rock-b", "rock-c"),
                store.getJson(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS), List.class));
    }

    // ------------------------------------------------------------------------------------------ the assembler

    @Test
    void assemblerRebuildsItsCountFromTheStoredChunkOutcomesAndReportsProgressPerStep() throws Exception {
        String runId = demoRun(List.of("Rock"), 5);
        List<ManifestEntry> manifest = Manifests.fromJsonLines(json, store.require(ArtifactKeys.manifest(runId)));
        // chunks: [0, 1], [2], [3], [4]
        AudioJob first = job(runId, 0, manifest.subList(0, 2));
        AudioJob second = job(runId, 1, manifest.subList(2, 3));
        AudioJob third = job(runId, 2, manifest.subList(3, 4));
        AudioJob last = job(runId, 3, manifest.subList(4, 5));
        AudioDone firstDone = process(first);
        process(second);
        assembler = new FeatureAssemblyService(store, writer, json, config(1));
        // first sight: the three stored tracks are counted, not just the two reported
        assertEquals(List.of(3), progress(all(assembler.onChunkDone(firstDone))));
        AudioDone thirdDone = process(third);
        assertEquals(List.of(4), progress(all(assembler.onChunkDone(thirdDone))));
        assertEquals(List.of(), all(assembler.onChunkDone(thirdDone)), "a duplicate changes nothing");
        assertEquals(List.of(), all(assembler.onChunkDone(firstDone)), "nor does an older one");

        // a restart: a new instance knows nothing but what the store holds
        assembler.stop();
        assembler = new FeatureAssemblyService(store, writer, json, config(1));
        List<PipelineEvent> events = all(assembler.onChunkDone(process(last)));
        assertEquals(List.of(5), progress(events));
        assertEquals(PipelineEvent.Status.COMPLETED, events.getLast().status());
        assertEquals("5", events.getLast().details().get("tracks"));
        assertEquals(manifest.stream().map(ManifestEntry::trackId).toList(),
                store.getJson(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS), List.class));
        assertEquals(List.of(), all(assembler.onChunkDone(firstDone)), "finished runs stay finished");

        // yet another instance seeing a late duplicate reports the stored result once more (a lost completion)
        assembler.stop();
        assembler = new FeatureAssemblyService(store, writer, json, config(1));
        List<PipelineEvent> again = all(assembler.onChunkDone(thirdDone));
        assertEquals(1, again.size());
        assertEquals(PipelineEvent.Status.COMPLETED, again.getFirst().status());
        assertEquals(events.getLast().details(), again.getFirst().details());
    }

    @Test
    void anOutcomeTheStoreDoesNotShowIsNotTrusted() throws Exception {
        String runId = demoRun(List.of("Pop"), 2);
        List<ManifestEntry> manifest = Manifests.fromJsonLines(json, store.require(ArtifactKeys.manifest(runId)));
        AudioDone stored = process(job(runId, 0, manifest.subList(0, 1)));
        AudioDone notStored = new AudioDone(runId, 1, List.of(AudioDone.Outcome.done(manifest.get(1).trackId())));
        assembler = new FeatureAssemblyService(store, writer, json, config(100));
        assertEquals(List.of(1), progress(all(assembler.onChunkDone(stored))));
        FeatureAssemblyService.TrackOutcome waiting = assembler.onChunkDone(notStored);
        assertEquals(List.of(2), progress(waiting.events()));
        assertTrue(waiting.assembly().isEmpty(), "every track reported, but one result is not in the store");
        assertFalse(store.exists(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS)));

        // once the chunk is really stored, its AudioDone completes the run
        List<PipelineEvent> events = all(assembler.onChunkDone(process(job(runId, 1, manifest.subList(1, 2)))));
        assertEquals(1, events.size(), "no new progress step, then the assembly: " + events);
        assertEquals(PipelineEvent.Status.COMPLETED, events.getLast().status(), events.getLast().message());
        assertEquals("2", events.getLast().details().get("tracks"));
    }

    @Test
    void progressIsReportedAtMostOncePerStep() throws Exception {
        String runId = demoRun(List.of("Rock", "Folk"), 5);
        List<ManifestEntry> manifest = Manifests.fromJsonLines(json, store.require(ArtifactKeys.manifest(runId)));
        assembler = new FeatureAssemblyService(store, writer, json, config(25));
        List<Integer> reported = new ArrayList<>();
        for (int i = 0; i < manifest.size(); i++) {
            reported.addAll(progress(all(assembler.onChunkDone(process(job(runId, i, manifest.subList(i, i + 1)))))));
        }
        // chunks of one track, steps of 25 %: 0 % (first track), 30 %, 50 %, 80 %, 100 %
        assertEquals(List.of(1, 3, 5, 8, 10), reported);
        assertArrayEquals(new long[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1},
                store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.LABELS)).longs(), "labels in the spec's order");

        // chunks of three tracks count three at a time: 30 %, 60 %, 90 %, 100 %
        String chunked = demoRun(List.of("Rock", "Folk"), 5);
        manifest = Manifests.fromJsonLines(json, store.require(ArtifactKeys.manifest(chunked)));
        assembler.stop();
        assembler = new FeatureAssemblyService(store, writer, json, config(25));
        reported.clear();
        for (int c = 0, from = 0; from < manifest.size(); c++, from += 3) {
            AudioJob job = job(chunked, c, manifest.subList(from, Math.min(manifest.size(), from + 3)));
            reported.addAll(progress(all(assembler.onChunkDone(process(job)))));
        }
        assertEquals(List.of(3, 6, 9, 10), reported);
    }

    @Test
    void unreadableChunkFeaturesFailTheRunNamingTheKey() throws Exception {
        String runId = demoRun(List.of("Rock"), 3);
        List<ManifestEntry> manifest = Manifests.fromJsonLines(json, store.require(ArtifactKeys.manifest(runId)));
        process(job(runId, 0, manifest.subList(0, 2)));
        AudioDone last = process(job(runId, 1, manifest.subList(2, 3)));
        String corrupt = ArtifactKeys.chunkFeatures(runId, 0);
        byte[] npz = store.require(corrupt);
        store.put(corrupt, Arrays.copyOf(npz, npz.length / 2), "application/octet-stream"); // a truncated upload
        assembler = new FeatureAssemblyService(store, writer, json, config(100));
        List<PipelineEvent> events = all(assembler.onChunkDone(last));
        PipelineEvent failed = events.getLast();
        assertEquals(PipelineEvent.Status.FAILED, failed.status());
        assertEquals(Stage.FEATURES, failed.stage());
        assertTrue(failed.message().startsWith("assembling the features failed: chunk 0 (tracks "
                + manifest.getFirst().trackId() + " …): " + corrupt + " cannot be read"), failed.message());
        assertFalse(store.exists(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS)));
    }

    @Test
    void chunkFeaturesWithoutARowPerDoneTrackFailTheRun() throws Exception {
        String runId = demoRun(List.of("Folk"), 3);
        List<ManifestEntry> manifest = Manifests.fromJsonLines(json, store.require(ArtifactKeys.manifest(runId)));
        process(job(runId, 0, manifest.subList(0, 2)));
        AudioDone last = process(job(runId, 1, manifest.subList(2, 3)));
        // chunk 0's outcome has two DONE tracks, but its .npz now has chunk 1's single row
        store.put(ArtifactKeys.chunkFeatures(runId, 0), store.require(ArtifactKeys.chunkFeatures(runId, 1)),
                "application/octet-stream");
        assembler = new FeatureAssemblyService(store, writer, json, config(100));
        PipelineEvent failed = all(assembler.onChunkDone(last)).getLast();
        assertEquals(PipelineEvent.Status.FAILED, failed.status());
        assertEquals("assembling the features failed: chunk 0: " + ArtifactKeys.chunkFeatures(runId, 0)
                + " lacks float32 arrays mfcc40 and patch with a row for each of its 2 featurised tracks",
                failed.message());
        assertFalse(store.exists(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS)));
    }

    @Test
    void assemblyRunsOnTheAssemblerThreadNotTheCallers() throws Exception {
        String runId = demoRun(List.of("Folk"), 2);
        List<ManifestEntry> manifest = Manifests.fromJsonLines(json, store.require(ArtifactKeys.manifest(runId)));
        AudioDone done = process(job(runId, 0, manifest));
        ExecutorService single = Executors.newSingleThreadExecutor();
        CountDownLatch busy = new CountDownLatch(1);
        single.submit(() -> {
            busy.await(); // another run's assembly, still going
            return null;
        });
        assembler = new FeatureAssemblyService(store, writer, json, config(100), single);

        FeatureAssemblyService.TrackOutcome last = assembler.onChunkDone(done);
        assertEquals(List.of(2), progress(last.events()), "progress is reported at once");
        CompletableFuture<PipelineEvent> assembly = last.assembly().orElseThrow();
        assertFalse(assembly.isDone(), "the caller does not wait for the assembly");
        assertFalse(store.exists(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS)));
        FeatureAssemblyService.TrackOutcome duplicate = assembler.onChunkDone(done);
        assertEquals(List.of(), duplicate.events());
        assertTrue(duplicate.assembly().isEmpty(), "a queued run is not queued twice");

        busy.countDown();
        PipelineEvent completed = assembly.get(60, TimeUnit.SECONDS);
        assertEquals(PipelineEvent.Status.COMPLETED, completed.status(), completed.message());
        assertEquals("2", completed.details().get("tracks"));
        assertTrue(store.exists(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS)));
    }

    @Test
    void startupScanRunsOnTheAssemblerThreadAndSharesItsGuardWithAudioDone() throws Exception {
        String runId = demoRun(List.of("Pop"), 2);
        List<ManifestEntry> manifest = Manifests.fromJsonLines(json, store.require(ArtifactKeys.manifest(runId)));
        process(job(runId, 0, manifest.subList(0, 1)));
        AudioDone last = process(job(runId, 1, manifest.subList(1, 2)));
        ExecutorService single = Executors.newSingleThreadExecutor();
        CountDownLatch busy = new CountDownLatch(1);
        single.submit(() -> {
            busy.await(); // the assembler is busy, as it may be at startup
            return null;
        });
        assembler = new FeatureAssemblyService(store, writer, json, config(100), single);

        CompletableFuture<Map<String, CompletableFuture<PipelineEvent>>> scan = assembler.resumeUnfinished();
        assertFalse(scan.isDone(), "the caller (startup) does not wait for the scan");
        busy.countDown();
        CompletableFuture<PipelineEvent> assembly = scan.get(60, TimeUnit.SECONDS).get(runId);
        PipelineEvent completed = assembly.get(60, TimeUnit.SECONDS);
        assertEquals(PipelineEvent.Status.COMPLETED, completed.status(), completed.message());
        assertEquals("2", completed.details().get("tracks"));
        assertEquals(List.of(), all(assembler.onChunkDone(last)),
                "a run the scan queued is not queued again by its AudioDone");
        assertFalse(assembler.resumeUnfinished().get(60, TimeUnit.SECONDS).containsKey(runId),
                "an assembled run is not queued by a later scan");
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** A demo run's spec and manifest, as the report-service and the manifest step store them. */
    private String demoRun(List<String> genres, int perGenre) throws Exception {
        String runId = "run-" + UUID.randomUUID();
        RunSpec spec = new RunSpec(new DatasetSpec.Demo(perGenre, genres, 0),
                null, null, 3L).withDefaults();
        store.putJson(ArtifactKeys.spec(runId), spec);
        store.putText(ArtifactKeys.manifest(runId), Manifests.toJsonLines(json,
                demo.manifest(3, genres, perGenre, 0)), "application/x-ndjson");
        return runId;
    }

    private static AudioJob job(String runId, int chunk, List<ManifestEntry> entries) {
        return new AudioJob(runId, chunk, entries.stream().map(e -> new AudioJob.Track(e.trackId(), e.source()))
                .toList(), Instant.now());
    }

    /** The chunk processed by the application's worker; its outcome. */
    private AudioDone process(AudioJob job) {
        return chunks.process(job).orElseThrow().outcome();
    }

    /** The outcome's events followed by its assembly's result, once the assembly is done. */
    private static List<PipelineEvent> all(FeatureAssemblyService.TrackOutcome outcome) throws Exception {
        List<PipelineEvent> events = new ArrayList<>(outcome.events());
        if (outcome.assembly().isPresent()) {
            events.add(outcome.assembly().get().get(60, TimeUnit.SECONDS));
        }
        return events;
    }

    private static List<Integer> progress(List<PipelineEvent> events) {
        return events.stream().filter(e -> e.status() == PipelineEvent.Status.PROGRESS).map(PipelineEvent::done)
                .toList();
    }

    private static Path writeString(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The real store, recording the keys written and refusing those {@code refuse} names with a 503. */
    private final class CountingStore extends ObjectStore {
        final List<String> puts = new CopyOnWriteArrayList<>();
        private final java.util.function.Predicate<String> refuse;

        CountingStore() {
            this(key -> false);
        }

        CountingStore(java.util.function.Predicate<String> refuse) {
            super(storeConfig, json);
            this.refuse = refuse;
        }

        @Override
        public void put(String key, byte[] bytes, String contentType) {
            puts.add(key);
            if (refuse.test(key)) {
                throw new ObjectStoreException(key, "503 Service Unavailable");
            }
            super.put(key, bytes, contentType);
        }
    }

    /** The application's track worker, counting the tracks it featurises. */
    private final class CountingTracks extends TrackFeatureService {
        final AtomicInteger calls = new AtomicInteger();

        CountingTracks() {
            super(new DatasetFiles(store, featureConfig, new DatasetRoots(List.of(Path.of("/tmp")))), demo);
        }

        @Override
        public TrackResult featurise(String runId, String trackId, String source, TrackCosts costs) {
            calls.incrementAndGet();
            return tracks.featurise(runId, trackId, source, costs);
        }
    }

    static FeatureConfig config(int progressStepPercent) {
        return new FeatureConfig() {
            @Override
            public Optional<Path> tempDir() {
                return Optional.empty();
            }

            @Override
            public int progressStepPercent() {
                return progressStepPercent;
            }

            @Override
            public int workerConcurrency() {
                return 1;
            }

            @Override
            public int assemblyReadParallelism() {
                return 2;
            }

            @Override
            public int chunkTargetCount() {
                return 64;
            }

            @Override
            public int chunkMaxTracks() {
                return 32;
            }

            @Override
            public int fanOutBatch() {
                return 10;
            }
        };
    }
}
