package io.songspace.report.metrics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.Channels;
import io.songspace.report.TestRuns;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

/** /q/metrics answers without credentials, in Prometheus' text format, with the runs by state and stage times. */
@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class MetricsEndpointTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    private static String scrape() {
        return given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the first sample of {@code name} whose labels include every {@code label="value"} given. */
    static double sample(String metrics, String name, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(metrics);
        while (m.find()) {
            boolean all = true;
            for (String label : labels) {
                all &= m.group(1).contains(label);
            }
            if (all) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    @Test
    void runsByStateAndStageDurationsAppearAfterARunMoves() {
        String before = scrape();
        double queued = sample(before, "songspace_runs", "state=\"QUEUED\"");
        double manifests = sample(before, "songspace_stage_duration_seconds_count", "stage=\"MANIFEST\"",
                "outcome=\"COMPLETED\"");
        double manifestSeconds = sample(before, "songspace_stage_duration_seconds_sum", "stage=\"MANIFEST\"",
                "outcome=\"COMPLETED\"");

        String id = TestRuns.createDemo();
        assertEquals(queued + 1, sample(scrape(), "songspace_runs", "state=\"QUEUED\""));

        Instant start = Instant.now();
        var events = connector.<PipelineEvent>source(Channels.PIPELINE_EVENTS_IN);
        events.send(new PipelineEvent(id, Stage.MANIFEST, PipelineEvent.Status.STARTED, "reading", null, null, null,
                start));
        events.send(new PipelineEvent(id, Stage.MANIFEST, PipelineEvent.Status.COMPLETED, "12 tracks", 12, 12, null,
                start.plus(Duration.ofMillis(2500))));
        // a redelivered COMPLETED must not count the stage twice
        events.send(new PipelineEvent(id, Stage.MANIFEST, PipelineEvent.Status.COMPLETED, "12 tracks", 12, 12, null,
                start.plus(Duration.ofMillis(2500))));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String after = scrape();
            assertEquals(manifests + 1, sample(after, "songspace_stage_duration_seconds_count", "stage=\"MANIFEST\"",
                    "outcome=\"COMPLETED\""));
            assertEquals(manifestSeconds + 2.5, sample(after, "songspace_stage_duration_seconds_sum",
                    "stage=\"MANIFEST\"", "outcome=\"COMPLETED\""), 1e-6);
            assertEquals(queued, sample(after, "songspace_runs", "state=\"QUEUED\""));
        });
        String after = scrape();
        // the run is RUNNING now; JVM and HTTP meters come with the extension
        assertEquals(true, sample(after, "songspace_runs", "state=\"RUNNING\"") >= 1, after);
        assertEquals(true, after.contains("jvm_memory_used_bytes"), "JVM meters on /q/metrics");
    }
}
