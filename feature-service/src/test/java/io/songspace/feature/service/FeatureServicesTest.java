package io.songspace.feature.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.artifacts.ManifestEntry;
import io.songspace.common.events.AudioDone;
import io.songspace.common.events.AudioJob;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.RunSpec;
import io.songspace.common.npy.Npy;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.store.Manifests;
import io.songspace.common.store.ObjectStore;
import io.songspace.feature.config.FeatureConfig;
import io.songspace.feature.dataset.DemoCorpus;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker and the assembler against a real S3 server, without messaging. */
@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class FeatureServicesTest {

    @Inject
    ObjectStore store;

    @Inject
    ObjectMapper json;

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
        assertEquals(List.of(3), progress(assembler.onTrackDone(done(runId, manifest.get(0)))));
        featurise(runId, manifest.get(3));
        assertEquals(List.of(4), progress(assembler.onTrackDone(done(runId, manifest.get(3)))));
        assertEquals(List.of(), assembler.onTrackDone(done(runId, manifest.get(3))), "a duplicate changes nothing");

        // a restart: a new instance knows nothing but what the store holds
        assembler.stop();
        assembler = new FeatureAssemblyService(store, writer, json, config(1));
        featurise(runId, manifest.get(4));
        List<PipelineEvent> events = assembler.onTrackDone(done(runId, manifest.get(4)));
        assertEquals(List.of(5), progress(events));
        assertEquals(PipelineEvent.Status.COMPLETED, events.getLast().status());
        assertEquals("5", events.getLast().details().get("tracks"));
        assertEquals(List.of(), assembler.onTrackDone(done(runId, manifest.get(1))), "finished runs stay finished");

        // yet another instance seeing a late duplicate reports the stored result once more (a lost completion)
        assembler.stop();
        assembler = new FeatureAssemblyService(store, writer, json, config(1));
        List<PipelineEvent> again = assembler.onTrackDone(done(runId, manifest.get(2)));
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
            reported.addAll(progress(assembler.onTrackDone(done(runId, e))));
        }
        // steps of 25 %: 0 % (first track), 30 %, 50 %, 80 %, 100 %
        assertEquals(List.of(1, 3, 5, 8, 10), reported);
        assertArrayEquals(new long[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1},
                store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.LABELS)).longs(), "labels in the spec's order");
    }

    /** A demo run's spec and manifest, as the report-service and the manifest step store them. */
    private String demoRun(List<String> genres, int perGenre) throws Exception {
        String runId = "run-" + UUID.randomUUID();
        RunSpec spec = new RunSpec(new RunSpec.Dataset("demo", null, perGenre, genres, null, 0, null, null, null),
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

    private static List<Integer> progress(List<PipelineEvent> events) {
        return events.stream().filter(e -> e.status() == PipelineEvent.Status.PROGRESS).map(PipelineEvent::done)
                .toList();
    }

    private static FeatureConfig config(int progressStepPercent) {
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
