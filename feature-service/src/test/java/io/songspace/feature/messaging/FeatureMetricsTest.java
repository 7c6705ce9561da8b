package io.songspace.feature.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.events.AudioJob;
import io.songspace.common.events.DatasetSpec;
import io.songspace.common.events.RunRequested;
import io.songspace.common.events.RunSpec;
import io.songspace.common.messaging.Channels;
import io.songspace.common.store.ObjectStore;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

/** /q/metrics counts featurised and skipped tracks and times each audio job. */
@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class FeatureMetricsTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    ObjectStore store;

    private static String scrape() {
        return given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the sample {@code name{...label...}}, or 0 when it is not there yet. */
    private static double sample(String metrics, String name, String label) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics);
        while (m.find()) {
            if (m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    @Test
    void featurisedAndSkippedTracksAreCountedAndTimed() {
        String before = scrape();
        double featurised = sample(before, "songspace_tracks_total", "outcome=\"featurised\"");
        double skipped = sample(before, "songspace_tracks_total", "outcome=\"skipped\"");
        double timed = sample(before, "songspace_track_duration_seconds_count", "outcome=\"featurised\"");

        store.ensureBucket();
        String runId = "run-" + UUID.randomUUID();
        // one clip per genre and one corrupt clip: 5 featurised, 1 skipped
        store.putJson(ArtifactKeys.spec(runId), new RunSpec(new DatasetSpec.Demo(1, null, 1), null, null, 42L)
                .withDefaults());
        connector.<RunRequested>source(Channels.RUNS_REQUESTED_IN).send(new RunRequested(runId, Instant.now()));
        PipelineHarness pipeline = new PipelineHarness(connector);
        for (Message<AudioJob> job : pipeline.awaitJobs(runId, 6)) {
            pipeline.deliverJob(job.getPayload());
        }
        pipeline.awaitDone(runId, 6);

        String after = scrape();
        assertEquals(featurised + 5, sample(after, "songspace_tracks_total", "outcome=\"featurised\""), after);
        assertEquals(skipped + 1, sample(after, "songspace_tracks_total", "outcome=\"skipped\""), after);
        assertEquals(timed + 5, sample(after, "songspace_track_duration_seconds_count", "outcome=\"featurised\""));
        assertTrue(sample(after, "songspace_track_duration_seconds_sum", "outcome=\"featurised\"") > 0);
        assertTrue(after.contains("jvm_memory_used_bytes"), "JVM meters on /q/metrics");
    }
}
