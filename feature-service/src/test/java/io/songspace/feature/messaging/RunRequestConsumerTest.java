package io.songspace.feature.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.events.AudioJob;
import io.songspace.common.events.DatasetSpec;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.RunRequested;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.StageEvents;
import io.songspace.common.store.ObjectStore;
import io.songspace.feature.config.FeatureConfig;
import io.songspace.feature.service.ManifestService;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The fan-out when the broker refuses audio jobs, and the consumer's Kafka settings. */
@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class RunRequestConsumerTest {

    @Inject
    ManifestService manifests;

    @Inject
    ObjectStore store;

    @Inject
    FeatureConfig config;

    @Test
    void refusedAudioJobsFailTheFeatureStageNamingWhy() {
        store.ensureBucket();
        String runId = "run-" + UUID.randomUUID();
        RunSpec spec = new RunSpec(new DatasetSpec.Demo(2, List.of("Rock", "Pop"), 0), null, null, 7L).withDefaults();
        store.putJson(ArtifactKeys.spec(runId), spec);
        RecordingEmitter<PipelineEvent> events = new RecordingEmitter<>(Integer.MAX_VALUE);
        RecordingEmitter<AudioJob> jobs = new RecordingEmitter<>(1);
        RunRequestConsumer consumer = new RunRequestConsumer(manifests, new StageEvents(events), jobs,
                config);

        consumer.onRunRequested(new RunRequested(runId, Instant.now()));

        assertEquals(1, jobs.sent.size());
        assertEquals(List.of(Stage.MANIFEST + " " + PipelineEvent.Status.COMPLETED,
                        Stage.FEATURES + " " + PipelineEvent.Status.STARTED,
                        Stage.FEATURES + " " + PipelineEvent.Status.FAILED),
                events.sent.stream().map(e -> e.stage() + " " + e.status()).toList());
        String reason = events.sent.getLast().message();
        assertTrue(reason.startsWith("publishing the run's 4 audio jobs failed: "), reason);
        assertTrue(reason.contains("broker refused the record"), reason);
    }

    @Test
    void runRequestsArePolledOneAtATime() {
        // a request may take seconds (catalogue, fan-out of thousands of jobs): one per poll bounds the poll gap
        assertEquals(1, ConfigProvider.getConfig()
                .getValue("mp.messaging.incoming.runs-requested.max.poll.records", Integer.class));
    }
}
