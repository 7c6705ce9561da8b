package io.songspace.feature.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.artifacts.ManifestEntry;
import io.songspace.common.artifacts.SkippedTrack;
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
import io.songspace.feature.config.FeatureConfig;
import io.songspace.feature.dataset.DatasetFiles;
import io.songspace.feature.dataset.DemoCorpus;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker and the assembler against a real S3 server, without messaging. */
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

    @Test
    void workerStoresFeaturesOrTheReasonAndReportsStoredResultsAgain() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        AudioDone done = tracks.featurise(new AudioJob(runId, "rock-0000", "demo:9/rock/0"));
        assertEquals(new AudioDone(runId, "rock-0000", AudioDone.Status.DONE, null), done);
        Map<String, NpyArray> npz = Npy.readNpz(store.require(ArtifactKeys.trackFeatures(runId, "rock-0000")));
        assertArrayEquals(new int[] {40}, npz.get("mfcc40").shape());
        assertArrayEquals(new int[] {20, 128}, npz.get("patch").shape());
        assertEquals(done, tracks.featurise(new AudioJob(runId, "rock-0000", "demo:9/rock/0")));

        Path absent = Path.of("/nonexistent/fma_small/000/000134.mp3");
        AudioDone missing = tracks.featurise(new AudioJob(runId, "000134", absent.toUri().toString()));
        assertEquals(AudioDone.Status.SKIPPED, missing.status());
        assertEquals("audio file not found: " + absent, missing.reason());
        assertTrue(store.exists(ArtifactKeys.trackSkipped(runId, "000134")));
        assertEquals(missing, tracks.featurise(new AudioJob(runId, "000134", absent.toUri().toString())),
                "a stored skip is reported again with its reason");

        AudioDone s3Missing = tracks.featurise(new AudioJob(runId, "x", "s3://songspace/datasets/none.mp3"));
        assertEquals("audio file not found: s3://songspace/datasets/none.mp3", s3Missing.reason());
        AudioDone otherBucket = tracks.featurise(new AudioJob(runId, "y", "s3://elsewhere/a.mp3"));
        assertEquals(AudioDone.Status.SKIPPED, otherBucket.status());
        assertEquals("s3://elsewhere/a.mp3: bucket 'elsewhere' is not reachable; only the configured bucket "
                + "'songspace' is", otherBucket.reason());
        AudioDone corrupt = tracks.featurise(new AudioJob(runId, "corrupt-0000", "demo:9/corrupt/0"));
        assertEquals(AudioDone.Status.SKIPPED, corrupt.status());
        assertTrue(corrupt.reason().contains("not a recognised audio file"), corrupt.reason());
    }

    @Test
    void assemblerRebuildsItsCountFromTheStoreAndReportsProgressPerStep() throws Exception {
        String runId = demoRun(List.of("Rock"), 5);
        List<ManifestEntry> manifest = Manifests.fromJsonLines(json, store.require(ArtifactKeys.manifest(runId)));
        for (int i = 0; i < 3; i++) {
            featurise(runId, manifest.get(i));
        }
        assembler = new FeatureAssemblyService(store, writer, json, config(1));
        // first sight: the three stored results are counted, not just the one reported
        assertEquals(List.of(3), progress(all(assembler.onTrackDone(done(runId, manifest.get(0))))));
        featurise(runId, manifest.get(3));
        assertEquals(List.of(4), progress(all(assembler.onTrackDone(done(runId, manifest.get(3))))));
        assertEquals(List.of(), all(assembler.onTrackDone(done(runId, manifest.get(3)))), "a duplicate changes nothing");

        // a restart: a new instance knows nothing but what the store holds
        assembler.stop();
        assembler = new FeatureAssemblyService(store, writer, json, config(1));
        featurise(runId, manifest.get(4));
        List<PipelineEvent> events = all(assembler.onTrackDone(done(runId, manifest.get(4))));
        assertEquals(List.of(5), progress(events));
        assertEquals(PipelineEvent.Status.COMPLETED, events.getLast().status());
        assertEquals("5", events.getLast().details().get("tracks"));
        assertEquals(List.of(), all(assembler.onTrackDone(done(runId, manifest.get(1)))), "finished runs stay finished");

        // yet another instance seeing a late duplicate reports the stored result once more (a lost completion)
        assembler.stop();
        assembler = new FeatureAssemblyService(store, writer, json, config(1));
        List<PipelineEvent> again = all(assembler.onTrackDone(done(runId, manifest.get(2))));
        assertEquals(1, again.size());
        assertEquals(PipelineEvent.Status.COMPLETED, again.getFirst().status());
        assertEquals(events.getLast().details(), again.getFirst().details());
    }

    @Test
    void progressIsReportedAtMostOncePerStep() throws Exception {
        String runId = demoRun(List.of("Rock", "Folk"), 5);
        List<ManifestEntry> manifest = Manifests.fromJsonLines(json, store.require(ArtifactKeys.manifest(runId)));
        assembler = new FeatureAssemblyService(store, writer, json, config(25));
        List<Integer> reported = new ArrayList<>();
        for (ManifestEntry e : manifest) {
            featurise(runId, e);
            reported.addAll(progress(all(assembler.onTrackDone(done(runId, e)))));
        }
        // steps of 25 %: 0 % (first track), 30 %, 50 %, 80 %, 100 %
        assertEquals(List.of(1, 3, 5, 8, 10), reported);
        assertArrayEquals(new long[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1},
                store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.LABELS)).longs(), "labels in the spec's order");
    }

    @Test
    void anyFailureWhileFeaturisingSkipsTheTrackWithTheReason(@TempDir Path dir) throws Exception {
        String runId = "run-" + UUID.randomUUID();
        // a temporary folder that cannot be created: rendering a demo clip fails with an UncheckedIOException
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        TrackFeatureService noTemp = new TrackFeatureService(store, new DatasetFiles(store, notAFolder.resolve("tmp"), new DatasetRoots(List.of(dir))),
                demo);
        AudioDone clip = noTemp.featurise(new AudioJob(runId, "rock-0000", "demo:9/rock/0"));
        assertEquals(AudioDone.Status.SKIPPED, clip.status());
        assertTrue(clip.reason().startsWith("internal error: java.io.UncheckedIOException: cannot create a temporary"
                + " file"), clip.reason());
        assertEquals(new SkippedTrack("rock-0000", clip.reason()),
                store.getJson(ArtifactKeys.trackSkipped(runId, "rock-0000"), SkippedTrack.class));

        // the object exists but its download fails
        String key = "datasets/" + UUID.randomUUID() + "/riff.wav";
        store.put(key, demo.audio("demo:1/rock/0"), "audio/wav");
        ObjectStore failingDownloads = new ObjectStore(storeConfig, json) {
            @Override
            public void download(String k, Path target) {
                throw new ObjectStoreException(k, "connection reset");
            }
        };
        TrackFeatureService s3Broken = new TrackFeatureService(failingDownloads,
                new DatasetFiles(failingDownloads, dir, new DatasetRoots(List.of(dir))), demo);
        AudioDone download = s3Broken.featurise(new AudioJob(runId, "rock-riff", "s3://songspace/" + key));
        assertEquals(new AudioDone(runId, "rock-riff", AudioDone.Status.SKIPPED,
                "cannot download the audio: object store: " + key + ": connection reset"), download);
        assertTrue(store.exists(ArtifactKeys.trackSkipped(runId, "rock-riff")));
    }

    @Test
    void aStoreThatCannotTakeTheResultFailsTheJobInsteadOfSkippingTheTrack(@TempDir Path dir) {
        String runId = "run-" + UUID.randomUUID();
        AtomicInteger writes = new AtomicInteger();
        ObjectStore full = new ObjectStore(storeConfig, json) {
            @Override
            public void put(String key, byte[] bytes, String contentType) {
                writes.incrementAndGet();
                throw new ObjectStoreException(key, "503 Service Unavailable");
            }
        };
        TrackFeatureService tracks = new TrackFeatureService(full, new DatasetFiles(full, dir, new DatasetRoots(List.of(dir))), demo);
        ObjectStoreException e = assertThrows(ObjectStoreException.class,
                () -> tracks.featurise(new AudioJob(runId, "rock-0000", "demo:9/rock/0")));
        assertTrue(e.getMessage().contains("503 Service Unavailable"), e.getMessage());
        assertEquals(1, writes.get(), "the features write failed; no skip marker was attempted for a store fault");
        assertFalse(store.exists(ArtifactKeys.trackSkipped(runId, "rock-0000")));
    }

    @Test
    void unreadableTrackFeaturesFailTheRunNamingTheKey() throws Exception {
        String runId = demoRun(List.of("Rock"), 3);
        List<ManifestEntry> manifest = Manifests.fromJsonLines(json, store.require(ArtifactKeys.manifest(runId)));
        manifest.forEach(e -> featurise(runId, e));
        String corrupt = ArtifactKeys.trackFeatures(runId, manifest.get(1).trackId());
        byte[] npz = store.require(corrupt);
        store.put(corrupt, Arrays.copyOf(npz, npz.length / 2), "application/octet-stream"); // a truncated upload
        assembler = new FeatureAssemblyService(store, writer, json, config(100));
        List<PipelineEvent> events = all(assembler.onTrackDone(done(runId, manifest.getLast())));
        PipelineEvent failed = events.getLast();
        assertEquals(PipelineEvent.Status.FAILED, failed.status());
        assertEquals(Stage.FEATURES, failed.stage());
        assertTrue(failed.message().startsWith("assembling the features failed: track " + manifest.get(1).trackId()
                + ": " + corrupt + " cannot be read"), failed.message());
        assertFalse(store.exists(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS)));
    }

    @Test
    void assemblyRunsOnTheAssemblerThreadNotTheCallers() throws Exception {
        String runId = demoRun(List.of("Folk"), 2);
        List<ManifestEntry> manifest = Manifests.fromJsonLines(json, store.require(ArtifactKeys.manifest(runId)));
        manifest.forEach(e -> featurise(runId, e));
        ExecutorService single = Executors.newSingleThreadExecutor();
        CountDownLatch busy = new CountDownLatch(1);
        single.submit(() -> {
            busy.await(); // another run's assembly, still going
            return null;
        });
        assembler = new FeatureAssemblyService(store, writer, json, config(100), single);

        FeatureAssemblyService.TrackOutcome last = assembler.onTrackDone(done(runId, manifest.getLast()));
        assertEquals(List.of(2), progress(last.events()), "progress is reported at once");
        CompletableFuture<PipelineEvent> assembly = last.assembly().orElseThrow();
        assertFalse(assembly.isDone(), "the caller does not wait for the assembly");
        assertFalse(store.exists(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS)));
        FeatureAssemblyService.TrackOutcome duplicate = assembler.onTrackDone(done(runId, manifest.getFirst()));
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
        manifest.forEach(e -> featurise(runId, e));
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
        assertEquals(List.of(), all(assembler.onTrackDone(done(runId, manifest.getLast()))),
                "a run the scan queued is not queued again by its AudioDone");
        assertFalse(assembler.resumeUnfinished().get(60, TimeUnit.SECONDS).containsKey(runId),
                "an assembled run is not queued by a later scan");
    }

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

    private void featurise(String runId, ManifestEntry e) {
        tracks.featurise(new AudioJob(runId, e.trackId(), e.source()));
    }

    private static AudioDone done(String runId, ManifestEntry e) {
        return new AudioDone(runId, e.trackId(), AudioDone.Status.DONE, null);
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
            public int fanOutBatch() {
                return 10;
            }
        };
    }
}
