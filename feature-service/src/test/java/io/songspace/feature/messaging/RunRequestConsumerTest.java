package io.songspace.feature.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.events.AudioDone;
import io.songspace.common.events.AudioJob;
import io.songspace.common.events.DatasetSpec;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.RunRequested;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.StageEvents;
import io.songspace.common.store.ObjectStore;
import io.songspace.feature.config.FeatureConfig;
import io.songspace.feature.dataset.DemoCorpus;
import io.songspace.feature.service.ManifestService;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fan-out: the chunks' jobs, then the outcome of the tracks known to be unusable; when the broker refuses audio
 * jobs; and the consumer's Kafka settings.
 */
@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class RunRequestConsumerTest {

    @Inject
    ManifestService manifests;

    @Inject
    ObjectStore store;

    @Inject
    FeatureConfig config;

    @Inject
    DemoCorpus demo;

    @Test
    void refusedAudioJobsFailTheFeatureStageNamingWhy(@TempDir Path dir) throws Exception {
        store.ensureBucket();
        String runId = "run-" + UUID.randomUUID();
        // a folder of 4 clips and a dangling link: 4 chunks of one track, and the known outcome of the link
        RunSpec spec = new RunSpec(folder(dir, 4), null, null, 7L).withDefaults();
        store.putJson(ArtifactKeys.spec(runId), spec);
        RecordingEmitter<PipelineEvent> events = new RecordingEmitter<>(Integer.MAX_VALUE);
        RecordingEmitter<AudioJob> jobs = new RecordingEmitter<>(1);
        RecordingEmitter<AudioDone> outcomes = new RecordingEmitter<>(Integer.MAX_VALUE);
        RunRequestConsumer consumer = new RunRequestConsumer(manifests, new StageEvents(events), jobs,
                new AudioDonePublisher(outcomes), config);

        consumer.onRunRequested(new RunRequested(runId, Instant.now()));

        assertEquals(1, jobs.sent.size());
        assertEquals(List.of(Stage.MANIFEST + " " + PipelineEvent.Status.COMPLETED,
                        Stage.FEATURES + " " + PipelineEvent.Status.STARTED,
                        Stage.FEATURES + " " + PipelineEvent.Status.FAILED),
                events.sent.stream().map(e -> e.stage() + " " + e.status()).toList());
        String reason = events.sent.getLast().message();
        assertTrue(reason.startsWith("publishing the run's 4 audio jobs failed: "), reason);
        assertTrue(reason.contains("broker refused the record"), reason);
        assertEquals(List.of(), outcomes.sent, "a run whose jobs could not go out announces no outcome");
    }

    @Test
    void theUnusableTracksOutcomeIsPublishedAfterTheJobs(@TempDir Path dir) throws Exception {
        store.ensureBucket();
        String runId = "run-" + UUID.randomUUID();
        store.putJson(ArtifactKeys.spec(runId), new RunSpec(folder(dir, 3), null, null, 7L).withDefaults());
        RecordingEmitter<PipelineEvent> events = new RecordingEmitter<>(Integer.MAX_VALUE);
        RecordingEmitter<AudioJob> jobs = new RecordingEmitter<>(Integer.MAX_VALUE);
        RecordingEmitter<AudioDone> outcomes = new RecordingEmitter<>(Integer.MAX_VALUE);
        List<Integer> jobsSentBefore = new CopyOnWriteArrayList<>();
        AudioDonePublisher publisher = new AudioDonePublisher(outcomes) {
            @Override
            public void publish(AudioDone outcome) {
                jobsSentBefore.add(jobs.sent.size());
                super.publish(outcome);
            }
        };
        RunRequestConsumer consumer = new RunRequestConsumer(manifests, new StageEvents(events), jobs, publisher,
                config);

        consumer.onRunRequested(new RunRequested(runId, Instant.now()));

        assertEquals(List.of(3), jobsSentBefore, "the known outcome goes out after every job");
        assertEquals(List.of(0, 1, 2), jobs.sent.stream().map(AudioJob::chunk).toList());
        assertEquals(List.of(List.of("rock-a"), List.of("rock-b"), List.of("rock-c")), jobs.sent.stream()
                .map(j -> j.tracks().stream().map(AudioJob.Track::trackId).toList()).toList());
        AudioDone known = new AudioDone(runId, 3, List.of(AudioDone.Outcome.skipped("rock-dangling",
                "dangling symbolic link: " + dir.resolve("rock/dangling.wav"))));
        assertEquals(List.of(known), outcomes.sent);
        assertEquals(known, store.getJson(ArtifactKeys.chunkOutcome(runId, 3), AudioDone.class));
        assertEquals(List.of(Stage.MANIFEST + " " + PipelineEvent.Status.COMPLETED,
                        Stage.FEATURES + " " + PipelineEvent.Status.STARTED),
                events.sent.stream().map(e -> e.stage() + " " + e.status()).toList());
    }

    /** A folder dataset of {@code clips} demo clips (rock/a.wav, rock/b.wav, …) and a dangling link. */
    private DatasetSpec folder(Path dir, int clips) throws Exception {
        Path rock = Files.createDirectories(dir.resolve("rock"));
        for (int i = 0; i < clips; i++) {
            Files.write(rock.resolve((char) ('a' + i) + ".wav"), demo.audio("demo:1/rock/" + i));
        }
        Files.createSymbolicLink(rock.resolve("dangling.wav"), Path.of("gone.wav"));
        return new DatasetSpec.Folder(dir.toString(), null, null);
    }

    @Test
    void runRequestsArePolledOneAtATime() {
        // a request may take seconds (catalogue, fan-out of thousands of jobs): one per poll bounds the poll gap
        assertEquals(1, ConfigProvider.getConfig()
                .getValue("mp.messaging.incoming.runs-requested.max.poll.records", Integer.class));
    }
}
