package io.songspace.feature.messaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.artifacts.ManifestEntry;
import io.songspace.common.artifacts.SkippedTrack;
import io.songspace.common.events.AudioDone;
import io.songspace.common.events.AudioJob;
import io.songspace.common.events.DatasetSpec;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.RunRequested;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.Channels;
import io.songspace.common.npy.Npy;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.store.Manifests;
import io.songspace.common.store.ObjectStore;
import io.songspace.feature.dataset.DemoCorpus;
import io.songspace.feature.service.ChunkFeatureService;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps 2–4 end to end: the in-memory connector stands in for Kafka (each test delivers what the service
 * published, sometimes twice, as Kafka may), the object store is a real S3 server (s3proxy).
 */
@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class FeaturePipelineTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    ObjectStore store;

    @Inject
    ObjectMapper json;

    @Inject
    DemoCorpus demo;

    @Inject
    ChunkFeatureService chunks;

    @Inject
    MeterRegistry meters;

    @Inject
    UnfinishedAssemblies unfinished;

    @TempDir
    Path dir;

    private PipelineHarness pipeline;

    @BeforeEach
    void setUp() {
        store.ensureBucket();
        pipeline = new PipelineHarness(connector);
    }

    @Test
    void demoRunIsFeaturisedOnceDespiteDuplicateDeliveries() throws Exception {
        double featurisedBefore = count("featurised");
        double skippedBefore = count("skipped");
        String runId = request(new DatasetSpec.Demo(13, null, 1));

        PipelineEvent manifestDone = pipeline.awaitEvent(runId, Stage.MANIFEST, PipelineEvent.Status.COMPLETED);
        assertEquals(66, manifestDone.total());
        PipelineEvent started = pipeline.awaitEvent(runId, Stage.FEATURES, PipelineEvent.Status.STARTED);
        assertEquals(66, started.total());
        List<ManifestEntry> manifest = Manifests.fromJsonLines(json, store.require(ArtifactKeys.manifest(runId)));
        assertEquals(66, manifest.size());

        // 66 tracks: chunks of ceil(66 / 12) = 6, the corrupt track (last) sharing the last chunk with five clips
        List<Message<AudioJob>> jobs = pipeline.awaitJobs(runId, 11);
        assertEquals(manifest.stream().map(ManifestEntry::trackId).toList(), jobs.stream()
                .flatMap(m -> m.getPayload().tracks().stream()).map(AudioJob.Track::trackId).toList());
        for (int i = 0; i < jobs.size(); i++) {
            AudioJob job = jobs.get(i).getPayload();
            assertEquals(i, job.chunk());
            assertEquals(6, job.tracks().size());
            assertEquals(runId + "/" + i, PipelineHarness.key(jobs.get(i)), "jobs are keyed by run id and chunk");
            pipeline.deliverJob(job);
        }
        pipeline.awaitDone(runId, 11);
        awaitCount("featurised", featurisedBefore + 65);
        awaitCount("skipped", skippedBefore + 1);
        for (Message<AudioJob> job : jobs) {
            pipeline.deliverJob(job.getPayload()); // a redelivery
        }
        List<Message<AudioDone>> done = pipeline.awaitDone(runId, 22);
        for (Message<AudioDone> d : done) {
            assertEquals(runId, PipelineHarness.key(d), "AudioDone is keyed by run id");
        }
        for (int i = 0; i < 11; i++) {
            int chunk = i;
            List<AudioDone> twice = done.stream().map(Message::getPayload).filter(d -> d.chunk() == chunk).toList();
            assertEquals(2, twice.size(), "chunk " + chunk);
            assertEquals(twice.getFirst(), twice.getLast(), "the stored outcome is reported again");
        }
        PipelineHarness.sleep(500);
        assertEquals(featurisedBefore + 65, count("featurised"), "the redelivered chunks were not featurised again");
        assertEquals(skippedBefore + 1, count("skipped"));
        List<AudioDone.Outcome> skipped = PipelineHarness.tracks(done).stream()
                .filter(t -> t.status() == AudioDone.Status.SKIPPED).toList();
        assertEquals(2, skipped.size(), "the corrupt track, reported for both deliveries");
        assertEquals("corrupt-0000", skipped.getFirst().trackId());
        assertFalse(skipped.getFirst().reason().isBlank());
        AudioDone last = done.stream().map(Message::getPayload).filter(d -> d.chunk() == 10).findFirst()
                .orElseThrow();
        assertEquals(List.of(AudioDone.Status.DONE, AudioDone.Status.DONE, AudioDone.Status.DONE,
                AudioDone.Status.DONE, AudioDone.Status.DONE, AudioDone.Status.SKIPPED),
                last.tracks().stream().map(AudioDone.Outcome::status).toList(), "a chunk mixing both");

        for (Message<AudioDone> d : done) {
            pipeline.deliverDone(d.getPayload()); // every outcome twice
        }
        PipelineEvent completed = pipeline.awaitOutcome(runId, Stage.FEATURES);
        assertEquals(PipelineEvent.Status.COMPLETED, completed.status(), completed.message());
        assertEquals(Map.of("tracks", "65", "skipped", "1", "dim", "40"), completed.details());

        // matrices: rows in manifest order, the corrupt track left out and listed
        List<ManifestEntry> usable = manifest.stream().filter(e -> !e.trackId().startsWith("corrupt")).toList();
        List<String> ids = store.getJson(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS),
                new TypeReference<List<String>>() { });
        assertEquals(usable.stream().map(ManifestEntry::trackId).toList(), ids);
        List<String> labelNames = store.getJson(ArtifactKeys.feature(runId, FeatureFiles.LABEL_NAMES),
                new TypeReference<List<String>>() { });
        assertEquals(List.of("Experimental", "Folk", "Hip-Hop", "Pop", "Rock"), labelNames);
        NpyArray labels = store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.LABELS));
        assertArrayEquals(new int[] {65}, labels.shape());
        for (int i = 0; i < usable.size(); i++) {
            assertEquals(labelNames.indexOf(usable.get(i).label()), labels.longs()[i], "label of " + ids.get(i));
        }
        NpyArray raw = store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.RAW));
        assertArrayEquals(new int[] {65, 40}, raw.shape());
        // row r of the matrix is row r % 6 of chunk r / 6 (every chunk before the corrupt track's is all DONE)
        for (int r : new int[] {0, 1, 2, 63, 64}) {
            float[] chunkRows = Npy.readNpz(store.require(ArtifactKeys.chunkFeatures(runId, r / 6))).get("mfcc40")
                    .floats();
            assertArrayEquals(Arrays.copyOfRange(chunkRows, (r % 6) * 40, (r % 6 + 1) * 40),
                    Arrays.copyOfRange(raw.floats(), r * 40, (r + 1) * 40), "row " + r + " is " + ids.get(r));
        }
        assertArrayEquals(new int[] {5, 40}, Npy.readNpz(store.require(ArtifactKeys.chunkFeatures(runId, 10)))
                .get("mfcc40").shape(), "the last chunk's .npz has its five DONE tracks");
        assertStandardized(store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.STANDARDIZED)));
        assertArrayEquals(new int[] {65, 20, 128},
                store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.PATCHES)).shape());
        List<SkippedTrack> skippedJson = store.getJson(ArtifactKeys.feature(runId, FeatureFiles.SKIPPED),
                new TypeReference<List<SkippedTrack>>() { });
        assertEquals(1, skippedJson.size());
        assertEquals("corrupt-0000", skippedJson.getFirst().trackId());
        assertEquals(skipped.getFirst().reason(), skippedJson.getFirst().reason());
        assertEquals(40, store.getJson(ArtifactKeys.feature(runId, FeatureFiles.COLUMNS), List.class).size());

        // progress: the assembler first saw the run with every result already stored, so it reported 66/66 once
        List<Integer> progress = pipeline.events(runId, Stage.FEATURES, PipelineEvent.Status.PROGRESS).stream()
                .map(PipelineEvent::done).toList();
        assertEquals(List.of(66), progress);

        // a late redelivery of a job and of its outcome: reported again, but the run is not assembled again
        pipeline.deliverJob(jobs.getFirst().getPayload());
        pipeline.awaitDone(runId, 23);
        assertEquals(done.stream().map(Message::getPayload).filter(d -> d.chunk() == 0).findFirst().orElseThrow(),
                pipeline.done(runId).getLast().getPayload());
        pipeline.deliverDone(pipeline.done(runId).getLast().getPayload());
        PipelineHarness.sleep(500);
        assertEquals(1, pipeline.events(runId, Stage.FEATURES, PipelineEvent.Status.COMPLETED).size());
        assertEquals(featurisedBefore + 65, count("featurised"));
    }

    @Test
    void fullSizeDemoRunFansOutThreeThousandTracksInChunks() {
        String runId = request(new DatasetSpec.Demo(600, null, 0));
        assertEquals(3000, pipeline.awaitEvent(runId, Stage.MANIFEST, PipelineEvent.Status.COMPLETED).total());
        // chunks of 32 tracks (ceil(3000 / 12) = 250, capped at 32): 93 full chunks and one of 24
        pipeline.awaitJobs(runId, 94);
        PipelineHarness.sleep(200);
        List<Message<AudioJob>> jobs = pipeline.jobs(runId);
        assertEquals(94, jobs.size(), "each job sent once");
        assertEquals(94, jobs.stream().map(PipelineHarness::key).distinct().count(), "one key per chunk");
        assertEquals(3000, jobs.stream().flatMap(m -> m.getPayload().tracks().stream()).map(AudioJob.Track::trackId)
                .distinct().count());
        assertEquals(3000, jobs.stream().mapToInt(m -> m.getPayload().tracks().size()).sum());
        assertEquals(24, jobs.getLast().getPayload().tracks().size());
    }

    @Test
    void tableRunFromTheBucketWritesMatricesAndRecordsBadRows() {
        String key = "datasets/" + UUID.randomUUID() + "/features.csv";
        store.putText(key, """
                track_id,f1,label,f2
                a,1,rock,10
                b,abc,pop,3
                c,3,pop,30
                d,5,,50
                """, "text/csv");
        String runId = request(new DatasetSpec.Table("s3://songspace/" + key, null, null, null, null));
        assertEquals(4, pipeline.awaitEvent(runId, Stage.MANIFEST, PipelineEvent.Status.COMPLETED).total());
        PipelineEvent completed = pipeline.awaitOutcome(runId, Stage.FEATURES);
        assertEquals(PipelineEvent.Status.COMPLETED, completed.status(), completed.message());
        assertEquals(Map.of("tracks", "3", "skipped", "1", "dim", "2"), completed.details());
        assertTrue(pipeline.jobs(runId).isEmpty(), "no audio jobs for a table");

        NpyArray raw = store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.RAW));
        assertArrayEquals(new int[] {3, 2}, raw.shape());
        assertArrayEquals(new float[] {1, 10, 3, 30, 5, 50}, raw.floats());
        assertStandardized(store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.STANDARDIZED)));
        assertArrayEquals(new long[] {1, 0, -1}, store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.LABELS))
                .longs(), "label names pop, rock; d is unlabelled");
        assertEquals(List.of("a", "c", "d"), store.getJson(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS),
                List.class));
        assertEquals(List.of("f1", "f2"), store.getJson(ArtifactKeys.feature(runId, FeatureFiles.COLUMNS),
                List.class));
        List<SkippedTrack> skipped = store.getJson(ArtifactKeys.feature(runId, FeatureFiles.SKIPPED),
                new TypeReference<List<SkippedTrack>>() { });
        assertEquals(List.of(new SkippedTrack("b", "non-numeric value in column 'f1' (line 3)")), skipped);
        assertFalse(store.exists(ArtifactKeys.feature(runId, FeatureFiles.PATCHES)));
    }

    @Test
    void folderInTheBucketIsListedAndDownloadedByTheWorkers() {
        String prefix = "datasets/" + UUID.randomUUID();
        store.put(prefix + "/rock/riff.wav", demo.audio("demo:1/rock/0"), "audio/wav");
        store.put(prefix + "/pop/hook.wav", demo.audio("demo:1/pop/0"), "audio/wav");
        store.put(prefix + "/pop/broken.wav", "not audio".getBytes(StandardCharsets.UTF_8), "audio/wav");
        String runId = request(new DatasetSpec.Folder("s3://songspace/" + prefix, null, null));
        assertEquals(3, pipeline.awaitEvent(runId, Stage.MANIFEST, PipelineEvent.Status.COMPLETED).total());
        PipelineEvent completed = pipeline.runFeatures(runId, 3, 3);
        assertEquals(PipelineEvent.Status.COMPLETED, completed.status(), completed.message());
        assertEquals(List.of("pop-hook", "rock-riff"), store.getJson(ArtifactKeys.feature(runId,
                FeatureFiles.TRACK_IDS), List.class));
        assertEquals(List.of("pop", "rock"), store.getJson(ArtifactKeys.feature(runId, FeatureFiles.LABEL_NAMES),
                List.class));
    }

    @Test
    void runWhereNoTrackDecodesFailsTheFeatureStage() throws Exception {
        Files.createDirectories(dir.resolve("jazz"));
        Files.writeString(dir.resolve("jazz/readme.txt"), "not audio");
        Files.write(dir.resolve("jazz/zero.wav"), new byte[0]);
        String runId = request(new DatasetSpec.Folder(dir.toString(), null, null));
        PipelineEvent failed = pipeline.runFeatures(runId, 2, 2);
        assertEquals(PipelineEvent.Status.FAILED, failed.status());
        assertEquals("no track could be featurised (2 skipped)", failed.message());
        assertEquals(2, store.getJson(ArtifactKeys.feature(runId, FeatureFiles.SKIPPED), List.class).size());
    }

    @Test
    void unresolvableDatasetsFailTheManifestNamingWhy() {
        String missing = dir.resolve("no-such-folder").toString();
        String runId = request(new DatasetSpec.Folder(missing, null, null));
        PipelineEvent failed = pipeline.awaitOutcome(runId, Stage.MANIFEST);
        assertEquals(PipelineEvent.Status.FAILED, failed.status());
        assertTrue(failed.message().contains(missing), failed.message());

        String otherBucket = request(new DatasetSpec.Table("s3://elsewhere/t.csv", null, null, null, null));
        PipelineEvent bucket = pipeline.awaitOutcome(otherBucket, Stage.MANIFEST);
        assertEquals(PipelineEvent.Status.FAILED, bucket.status());
        assertTrue(bucket.message().contains("'elsewhere'"), bucket.message());

        String badTable = "datasets/" + UUID.randomUUID() + "/bad.csv";
        store.putText(badTable, "name,f1\nx,1\n", "text/csv");
        String noId = request(new DatasetSpec.Table("s3://songspace/" + badTable, null, null, null, null));
        PipelineEvent header = pipeline.awaitOutcome(noId, Stage.MANIFEST);
        assertEquals(PipelineEvent.Status.FAILED, header.status());
        assertTrue(header.message().contains("'track_id'"), header.message());
        assertTrue(pipeline.events(noId, Stage.FEATURES, PipelineEvent.Status.STARTED).isEmpty());
    }

    @Test
    void startupScanAssemblesRunsWhoseLastAudioDoneWasAcknowledgedButNeverAssembled() throws Exception {
        // as an instance that died mid-assembly leaves them: every track stored, the AudioDone events all consumed
        String ready = featurisedDemoRun(0);
        String missingTrack = featurisedDemoRun(1);
        String assembled = featurisedDemoRun(0);
        store.putJson(ArtifactKeys.feature(assembled, FeatureFiles.TRACK_IDS), List.of("marker"));

        Set<String> queued = unfinished.resume().get(60, TimeUnit.SECONDS);
        assertTrue(queued.contains(ready), "queued: " + queued);
        assertFalse(queued.contains(missingTrack), "a run with a track missing waits for its AudioDone");
        assertFalse(queued.contains(assembled), "an assembled run is left alone");

        PipelineEvent completed = pipeline.awaitOutcome(ready, Stage.FEATURES);
        assertEquals(PipelineEvent.Status.COMPLETED, completed.status(), completed.message());
        assertEquals(Map.of("tracks", "4", "skipped", "1", "dim", "40"), completed.details());
        assertEquals(4, store.getJson(ArtifactKeys.feature(ready, FeatureFiles.TRACK_IDS), List.class).size());
        assertArrayEquals(new int[] {4, 40}, store.getNpy(ArtifactKeys.feature(ready, FeatureFiles.RAW)).shape());

        // the scan went through the assembler's own path: a late AudioDone does not assemble the run again
        pipeline.deliverDone(new AudioDone(ready, 1, List.of(AudioDone.Outcome.skipped("corrupt-0000", "late"))));
        PipelineHarness.sleep(500);
        assertEquals(1, pipeline.events(ready).size(), "only FEATURES COMPLETED: " + pipeline.events(ready));
        assertEquals(List.of(), pipeline.events(missingTrack));
        assertFalse(store.exists(ArtifactKeys.feature(missingTrack, FeatureFiles.TRACK_IDS)));
        assertEquals(List.of(), pipeline.events(assembled));
        assertEquals(List.of("marker"), store.getJson(ArtifactKeys.feature(assembled, FeatureFiles.TRACK_IDS),
                List.class));
        assertFalse(store.exists(ArtifactKeys.feature(assembled, FeatureFiles.RAW)));
    }

    /**
     * A demo run (4 clips and a corrupt track) with its spec, manifest and every chunk's result stored but that of
     * the chunk holding the last {@code unfinished} tracks; returns its id.
     */
    private String featurisedDemoRun(int unfinished) throws Exception {
        String runId = "run-" + UUID.randomUUID();
        List<String> genres = List.of("Rock", "Folk");
        store.putJson(ArtifactKeys.spec(runId), new RunSpec(new DatasetSpec.Demo(2, genres, 1), null, null, 5L).withDefaults());
        List<ManifestEntry> manifest = demo.manifest(5, genres, 2, 1);
        store.putText(ArtifactKeys.manifest(runId), Manifests.toJsonLines(json, manifest), "application/x-ndjson");
        // chunks of 3 tracks, [0, 1, 2] and [3, 4]; unfinished tracks leave the last chunk without a result
        for (int from = 0; from < manifest.size() - unfinished; from += 3) {
            List<AudioJob.Track> chunk = manifest.subList(from, Math.min(manifest.size(), from + 3)).stream()
                    .map(e -> new AudioJob.Track(e.trackId(), e.source())).toList();
            if (from + chunk.size() <= manifest.size() - unfinished) {
                chunks.process(new AudioJob(runId, from / 3, chunk, Instant.now())).orElseThrow();
            }
        }
        return runId;
    }

    /** Tracks the workers counted with that outcome so far (featurised or skipped). */
    private double count(String outcome) {
        Counter counter = meters.find("songspace.tracks").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private void awaitCount(String outcome, double expected) {
        PipelineHarness.await(outcome + " tracks counted " + expected,
                () -> count(outcome) >= expected ? Boolean.TRUE : null);
    }

    /** Writes the run's spec (as the report-service does) and requests the run; returns its id. */
    private String request(DatasetSpec dataset) {
        String runId = "run-" + UUID.randomUUID();
        RunSpec spec = new RunSpec(dataset, null, null, 42L).withDefaults();
        store.putJson(ArtifactKeys.spec(runId), spec);
        connector.<RunRequested>source(Channels.RUNS_REQUESTED_IN).send(new RunRequested(runId, Instant.now()));
        return runId;
    }

    /** Every column: mean 0 and population std 1 (or 0 for a constant column), within float tolerance. */
    private static void assertStandardized(NpyArray std) {
        int n = std.shape()[0];
        int d = std.shape()[1];
        for (int c = 0; c < d; c++) {
            double mean = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                mean += std.floats()[i * d + c] / n;
            }
            for (int i = 0; i < n; i++) {
                double v = std.floats()[i * d + c] - mean;
                squares += v * v / n;
            }
            assertEquals(0, mean, 1e-5, "mean of column " + c);
            double sd = Math.sqrt(squares);
            assertTrue(Math.abs(sd - 1) < 1e-4 || sd < 1e-6, "std of column " + c + ": " + sd);
        }
    }
}
