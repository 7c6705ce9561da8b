package io.songspace.report.registry;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.SkippedTrack;
import io.songspace.common.events.AudioDone;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.Channels;
import io.songspace.common.store.ObjectStore;
import io.songspace.report.TestRuns;
import io.songspace.report.config.ReportConfig;
import io.songspace.report.registry.RunView.State;
import io.songspace.report.registry.RunView.Status;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The state machine, driven through the same channels Kafka feeds in production. */
@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class RunRegistryTest {

    private static final double EPS = 1e-9;

    @Inject
    RunRegistry registry;

    @Inject
    ObjectStore store;

    @Inject
    ReportConfig config;

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    private InMemorySource<PipelineEvent> events;
    private InMemorySource<AudioDone> audio;

    @BeforeEach
    void sources() {
        events = connector.source(Channels.PIPELINE_EVENTS_IN);
        audio = connector.source(Channels.AUDIO_DONE_IN);
    }

    private RunView awaitRun(String id, Predicate<RunView> condition) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> registry.find(id).orElseThrow(), condition::test);
    }

    private static AudioDone chunk(String id, int chunk, AudioDone.Outcome... tracks) {
        return new AudioDone(id, chunk, List.of(tracks));
    }

    private static PipelineEvent event(String id, Stage stage, PipelineEvent.Status status, Integer done, Integer total) {
        return new PipelineEvent(id, stage, status, stage + " " + status, done, total, null, Instant.now());
    }

    @Test
    void eventsDriveStagesProgressAndSkippedTracks() {
        String id = TestRuns.createDemo();
        events.send(event(id, Stage.MANIFEST, PipelineEvent.Status.COMPLETED, null, 4));
        RunView v = awaitRun(id, r -> r.stage(Stage.MANIFEST).status() == Status.COMPLETED);
        assertEquals(State.RUNNING, v.state());
        assertEquals(0.05, v.progress(), EPS);
        assertEquals(4, v.stage(Stage.MANIFEST).done());
        assertEquals(4, v.stage(Stage.FEATURES).total(), "the manifest's count is what FEATURES counts");
        assertNotNull(v.stage(Stage.MANIFEST).seconds());

        AudioDone chunk = chunk(id, 0, AudioDone.Outcome.done("t1"),
                AudioDone.Outcome.skipped("t2", "decode: not an audio file"));
        audio.send(chunk);
        audio.send(chunk); // redelivered
        v = awaitRun(id, r -> r.stage(Stage.FEATURES).done() == 2);
        assertEquals(Status.RUNNING, v.stage(Stage.FEATURES).status());
        assertEquals(0.05 + 0.3 * 2 / 4, v.progress(), EPS);
        assertEquals(List.of(new SkippedTrack("t2", "decode: not an audio file")), v.skipped());

        events.send(event(id, Stage.FEATURES, PipelineEvent.Status.PROGRESS, 3, 4));
        v = awaitRun(id, r -> r.stage(Stage.FEATURES).done() == 3);
        assertEquals(0.05 + 0.3 * 3 / 4, v.progress(), EPS);

        events.send(event(id, Stage.FEATURES, PipelineEvent.Status.COMPLETED, null, null));
        events.send(event(id, Stage.TRAINING, PipelineEvent.Status.STARTED, null, null));
        events.send(event(id, Stage.TRAINING, PipelineEvent.Status.PROGRESS, 5, 10));
        v = awaitRun(id, r -> r.stage(Stage.TRAINING).done() == 5);
        assertEquals(Status.COMPLETED, v.stage(Stage.FEATURES).status());
        assertEquals(4, v.stage(Stage.FEATURES).done());
        assertEquals(0.05 + 0.3 + 0.35 * 0.5, v.progress(), EPS, "TEXT (no text in this run) completes with TRAINING");
        assertEquals(10, v.stage(Stage.TRAINING).total());

        events.send(PipelineEvent.failed(id, Stage.TRAINING, "out of memory"));
        v = awaitRun(id, r -> r.state() == State.FAILED);
        assertEquals("TRAINING: out of memory", v.error());
        assertEquals(Status.FAILED, v.stage(Stage.TRAINING).status());
        assertEquals(Status.PENDING, v.stage(Stage.CLUSTERING).status());
        assertNull(v.reportUrl());

        // a transition is written at once
        RunRecord stored = store.getJson(ArtifactKeys.runJson(id), RunRecord.class);
        assertEquals(State.FAILED, stored.run().state());
        assertEquals("TRAINING: out of memory", stored.run().error());
        assertEquals(List.of("MANIFEST COMPLETED", "FEATURES PROGRESS", "FEATURES COMPLETED", "TRAINING STARTED",
                "TRAINING PROGRESS", "TRAINING FAILED"),
                stored.history().stream().map(e -> e.stage() + " " + e.status()).toList());

        // a failed run stays failed: the late event is logged (written by the flusher), the state does not move
        events.send(event(id, Stage.CLUSTERING, PipelineEvent.Status.COMPLETED, null, null));
        await().atMost(config.progressWriteInterval().plusSeconds(5)).until(() -> store
                .getJson(ArtifactKeys.runJson(id), RunRecord.class).history().getLast().stage() == Stage.CLUSTERING);
        assertEquals(v, registry.find(id).orElseThrow());
    }

    @Test
    void completedStageImpliesItsPredecessorsAndTimesThem() {
        String id = TestRuns.createDemo();
        Instant created = registry.find(id).orElseThrow().createdAt();
        // a table dataset: no FEATURES STARTED, features written at once, 7.5 s after the run was created
        Instant featuresDone = created.plusMillis(7_500);
        events.send(new PipelineEvent(id, Stage.FEATURES, PipelineEvent.Status.COMPLETED, null, null, null, null,
                featuresDone));
        RunView v = awaitRun(id, r -> r.stage(Stage.FEATURES).status() == Status.COMPLETED);
        assertEquals(Status.COMPLETED, v.stage(Stage.MANIFEST).status());
        assertEquals(0.35, v.progress(), EPS);
        // the implied MANIFEST spans creation to the event; FEATURES, announced only by its completion, starts
        // where MANIFEST finished, so it took no time
        assertEquals(created, v.stage(Stage.MANIFEST).startedAt());
        assertEquals(featuresDone, v.stage(Stage.MANIFEST).finishedAt());
        assertEquals(7.5, v.stage(Stage.MANIFEST).seconds(), EPS);
        assertEquals(featuresDone, v.stage(Stage.FEATURES).startedAt());
        assertEquals(0.0, v.stage(Stage.FEATURES).seconds(), EPS);

        events.send(event(id, Stage.REPORT, PipelineEvent.Status.COMPLETED, null, null));
        v = awaitRun(id, r -> r.state() == State.COMPLETED);
        assertEquals(1.0, v.progress(), EPS);
        assertEquals("/api/runs/" + id + "/artifacts/report/index.html", v.reportUrl());
        assertTrue(v.stages().stream().allMatch(s -> s.status() == Status.COMPLETED));
    }

    @Test
    void stateSurvivesARestart() {
        String id = TestRuns.createDemo();
        events.send(event(id, Stage.MANIFEST, PipelineEvent.Status.COMPLETED, null, 3));
        AudioDone first = chunk(id, 0, AudioDone.Outcome.done("a"), AudioDone.Outcome.skipped("b", "too short"));
        audio.send(first);
        RunView before = awaitRun(id, r -> r.stage(Stage.FEATURES).done() == 2 && r.skipped().size() == 1);

        // per-track progress is written lazily (at most once per interval); the flusher catches up
        await().atMost(config.progressWriteInterval().plusSeconds(5)).until(() ->
                store.getJson(ArtifactKeys.runJson(id), RunRecord.class).run().equals(before));

        RunRegistry restarted = new RunRegistry(store, config);
        restarted.loadAll();
        assertEquals(before, restarted.find(id).orElseThrow());
        assertTrue(restarted.list().stream().anyMatch(r -> r.id().equals(id)));

        // redelivered after the restart: still counted once
        restarted.apply(first);
        assertEquals(before, restarted.find(id).orElseThrow());
        restarted.apply(chunk(id, 1, AudioDone.Outcome.done("c")));
        assertEquals(3, restarted.find(id).orElseThrow().stage(Stage.FEATURES).done());
        assertEquals(List.of(new SkippedTrack("b", "too short")), restarted.find(id).orElseThrow().skipped());
    }

    @Test
    void aRunThatHearsNothingForTheStallTimeoutFailsWhereItStood() throws Exception {
        ReportConfig oneSecond = new ReportConfig() {
            @Override
            public Duration progressWriteInterval() {
                return config.progressWriteInterval();
            }

            @Override
            public Duration stallTimeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration publishTimeout() {
                return config.publishTimeout();
            }

            @Override
            public Figures figures() {
                return config.figures();
            }
        };
        String id = TestRuns.createDemo();
        RunRegistry watched = new RunRegistry(store, oneSecond);
        watched.apply(event(id, Stage.MANIFEST, PipelineEvent.Status.COMPLETED, null, 3));
        watched.apply(chunk(id, 0, AudioDone.Outcome.done("a")));
        Thread.sleep(600);
        // progress is the heartbeat: a track 0.6 s in keeps the run alive past the first second
        watched.apply(chunk(id, 1, AudioDone.Outcome.done("b")));
        Thread.sleep(600);
        watched.failStalledRuns();
        assertEquals(RunView.State.RUNNING, watched.find(id).orElseThrow().state());
        assertFalse(store.exists(ArtifactKeys.cancelled(id)));

        Thread.sleep(600);
        watched.failStalledRuns();
        RunView failed = watched.find(id).orElseThrow();
        assertEquals(RunView.State.FAILED, failed.state());
        assertEquals("FEATURES: no progress for 1 s (2 of 3 tracks accounted for); the stage's service may be down "
                + "or its jobs dead-lettered", failed.error());
        assertEquals(Status.FAILED, failed.stage(Stage.FEATURES).status());
        assertTrue(store.exists(ArtifactKeys.cancelled(id)), "the services are told to stop");
        // a late track changes nothing
        watched.apply(chunk(id, 2, AudioDone.Outcome.done("c")));
        assertEquals(RunView.State.FAILED, watched.find(id).orElseThrow().state());
    }
}
