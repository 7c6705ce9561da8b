package io.songspace.feature.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.songspace.common.events.AudioJob;
import io.songspace.common.store.ObjectStore;
import io.songspace.feature.dataset.DemoCorpus;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

/** /q/metrics counts featurised and skipped tracks and times each step of each track of a chunk. */
@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class FeatureMetricsTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    ObjectStore store;

    @Inject
    DemoCorpus demo;

    private static final List<String> STEPS = List.of("queue", "fetch", "decode", "resample", "mfcc", "store",
            "events");

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
    void tracksOfAChunkAreCountedAndEachStepOfEachTrackTimed() throws Exception {
        String before = scrape();
        double featurised = sample(before, "songspace_tracks_total", "outcome=\"featurised\"");
        double skipped = sample(before, "songspace_tracks_total", "outcome=\"skipped\"");
        Map<String, Double> counts = new HashMap<>();
        Map<String, Double> sums = new HashMap<>();
        for (String step : STEPS) {
            counts.put(step, sample(before, "songspace_track_step_seconds_count", "step=\"" + step + "\""));
            sums.put(step, sample(before, "songspace_track_step_seconds_sum", "step=\"" + step + "\""));
        }

        store.ensureBucket();
        String runId = "run-" + UUID.randomUUID();
        // one chunk: one clip per genre and one corrupt clip, 5 featurised, 1 skipped; queued 1 s ago
        List<AudioJob.Track> tracks = demo.manifest(42, null, 1, 1).stream()
                .map(e -> new AudioJob.Track(e.trackId(), e.source())).toList();
        assertEquals(6, tracks.size());
        AudioJob chunk = new AudioJob(runId, 0, tracks, Instant.now().minusSeconds(1));
        PipelineHarness pipeline = new PipelineHarness(connector);
        pipeline.deliverJob(chunk);
        pipeline.awaitDone(runId, 1);
        // the meters are recorded once the outcome was sent
        PipelineHarness.await("the chunk's tracks counted", () -> sample(scrape(), "songspace_tracks_total",
                "outcome=\"skipped\"") >= skipped + 1 ? Boolean.TRUE : null);

        String after = scrape();
        assertEquals(featurised + 5, sample(after, "songspace_tracks_total", "outcome=\"featurised\""), after);
        assertEquals(skipped + 1, sample(after, "songspace_tracks_total", "outcome=\"skipped\""), after);
        for (String step : STEPS) {
            assertEquals(counts.get(step) + 6, sample(after, "songspace_track_step_seconds_count",
                    "step=\"" + step + "\""), "one " + step + " time per track: " + after);
        }
        double queued = sample(after, "songspace_track_step_seconds_sum", "step=\"queue\"") - sums.get("queue");
        assertTrue(queued >= 6 * 1.0, "each track waited at least the 1 s since queuedAt: " + queued + " s");
        for (String step : List.of("fetch", "decode", "mfcc", "store")) {
            double spent = sample(after, "songspace_track_step_seconds_sum", "step=\"" + step + "\"")
                    - sums.get(step);
            assertTrue(spent > 0, step + " took " + spent + " s");
        }
        assertFalse(after.contains("songspace_track_duration_seconds"), "the per-job timer is gone");
        assertTrue(after.contains("jvm_memory_used_bytes"), "JVM meters on /q/metrics");

        // a redelivered chunk reports its stored outcome: no track is counted or timed again
        pipeline.deliverJob(chunk);
        pipeline.awaitDone(runId, 2);
        PipelineHarness.sleep(300);
        String again = scrape();
        assertEquals(featurised + 5, sample(again, "songspace_tracks_total", "outcome=\"featurised\""));
        assertEquals(skipped + 1, sample(again, "songspace_tracks_total", "outcome=\"skipped\""));
        assertEquals(counts.get("mfcc") + 6, sample(again, "songspace_track_step_seconds_count", "step=\"mfcc\""));
    }
}
