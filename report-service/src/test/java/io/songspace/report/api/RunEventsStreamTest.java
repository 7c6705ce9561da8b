package io.songspace.report.api;

import static io.songspace.report.TestRuns.api;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.Channels;
import io.songspace.report.TestRuns;
import io.songspace.report.registry.RunView;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class RunEventsStreamTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    ObjectMapper json;

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    /** Reads the stream on a background thread: each event's view goes to {@code views}; the future ends with it. */
    private CompletableFuture<Void> follow(String id, BlockingQueue<RunView> views) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/runs/" + id + "/events"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + TestRuns.WRITER_KEY).build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        return CompletableFuture.runAsync(() -> response.body()
                .filter(line -> line.startsWith("data:"))
                .forEach(line -> {
                    try {
                        views.add(json.readValue(line.substring("data:".length()), RunView.class));
                    } catch (Exception e) {
                        throw new IllegalStateException("not a run view: " + line, e);
                    }
                }));
    }

    @Test
    void streamStartsWithTheCurrentStateAndEndsWhenTheRunCompletes() throws Exception {
        String id = TestRuns.createDemo();
        BlockingQueue<RunView> views = new LinkedBlockingQueue<>();
        CompletableFuture<Void> stream = follow(id, views);

        RunView first = views.poll(10, TimeUnit.SECONDS);
        assertEquals(id, first.id());
        assertEquals(RunView.State.QUEUED, first.state());

        connector.<PipelineEvent>source(Channels.PIPELINE_EVENTS_IN).send(
                new PipelineEvent(id, Stage.MANIFEST, PipelineEvent.Status.COMPLETED, "12 tracks", null, 12, null, null));
        RunView second = views.poll(10, TimeUnit.SECONDS);
        assertEquals(RunView.State.RUNNING, second.state());
        assertEquals(RunView.Status.COMPLETED, second.stage(Stage.MANIFEST).status());
        assertEquals(0.05, second.progress(), 1e-9);

        connector.<PipelineEvent>source(Channels.PIPELINE_EVENTS_IN).send(
                PipelineEvent.completed(id, Stage.REPORT, "report written", Map.of("index", "x")));
        RunView last = views.poll(10, TimeUnit.SECONDS);
        assertEquals(RunView.State.COMPLETED, last.state());
        assertEquals("/api/runs/" + id + "/artifacts/report/index.html", last.reportUrl());

        stream.get(10, TimeUnit.SECONDS); // the server ended the stream
        assertNull(views.poll(), "no event after the last");
    }

    @Test
    void streamOfAnEndedRunIsItsStateAlone() throws Exception {
        String id = TestRuns.createDemo();
        connector.<PipelineEvent>source(Channels.PIPELINE_EVENTS_IN).send(PipelineEvent.failed(id, Stage.MANIFEST, "no such folder"));
        BlockingQueue<RunView> views = new LinkedBlockingQueue<>();
        // the event is applied on a worker thread; follow once it has been
        await().atMost(Duration.ofSeconds(10)).until(() -> "FAILED".equals(api().get("/api/runs/" + id).path("state")));
        follow(id, views).get(10, TimeUnit.SECONDS);
        assertEquals(1, views.size());
        assertEquals("MANIFEST: no such folder", views.poll().error());
    }
}
