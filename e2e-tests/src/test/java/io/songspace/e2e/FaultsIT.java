package io.songspace.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.songspace.common.events.Topics;
import io.songspace.stack.ApiClient;
import io.songspace.stack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults in the middle of runs, against the real local stack (Kafka, S3 server, every service as its own JVM): each
 * run must still complete with every track accounted for exactly once, or end with a clear reason. One stack for
 * all, the faults one after another; each test leaves the stack whole again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TRACKS_PER_GENRE = 40;
    private static final int CORRUPT = 2;
    /** 202 tracks through the features stage; a quick model after it. */
    private static final String FEATURES_SPEC = """
            {"dataset": {"type": "demo", "tracksPerGenre": %d, "corruptTracks": %d},
             "models": [{"id": "vae", "architecture": "vae", "epochs": 5}], "text": {"enabled": false},
             "seed": %d}""";
    /** Few tracks, a convolutional VAE that trains for some seconds: room for a fault mid-training. */
    private static final String TRAINING_SPEC = """
            {"dataset": {"type": "demo", "tracksPerGenre": 20},
             "models": [{"id": "conv", "architecture": "conv_vae", "epochs": 40}], "text": {"enabled": false},
             "seed": %d}""";
    /** Longer than any pause a fault below causes (an S3 outage of 30 s, a Kafka restart). */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(90);

    private static RunningStack running;
    private static LocalStack stack;
    private static ApiClient api;
    private static int seed = 100;

    @BeforeAll
    static void startStack() throws IOException {
        running = RunningStack.start(2, Map.of("songspace.report.stall-timeout", STALL_TIMEOUT.toSeconds() + "s"));
        stack = running.stack();
        api = running.api();
    }

    @AfterAll
    static void stopStack() throws IOException {
        if (running != null) {
            running.close();
        }
    }

    private static String startFeaturesRun() {
        return api.submit(FEATURES_SPEC.formatted(TRACKS_PER_GENRE, CORRUPT, seed++));
    }

    @Test
    @Order(1)
    void aKilledFeatureWorkerLosesNoTrack() {
        String run = startFeaturesRun();
        awaitFeaturesDone(run, 40);
        stack.stopMember("feature-service-1", true);
        JsonNode view = running.await(run);
        assertCompletedWithEveryTrackOnce(run, view);
        stack.startAgain("feature-service-1");
    }

    @Test
    @Order(2)
    void kafkaStoppedAndStartedAgainMidFeatures() {
        String run = startFeaturesRun();
        awaitFeaturesDone(run, 40);
        outage("kafka", false, Duration.ofSeconds(20));
        assertCompletedWithEveryTrackOnce(run, running.await(run));
    }

    @Test
    @Order(3)
    void theObjectStoreGoneForThirtySecondsMidFeatures() {
        String run = startFeaturesRun();
        awaitFeaturesDone(run, 40);
        outage("s3proxy", false, Duration.ofSeconds(30));
        assertCompletedWithEveryTrackOnce(run, running.await(run));
    }

    @Test
    @Order(4)
    void theObjectStoreGoneForThirtySecondsMidTraining() {
        assertTrainingSurvives(() -> outage("s3proxy", false, Duration.ofSeconds(30)));
    }

    @Test
    @Order(5)
    void aKilledTrainerResumesWhenItIsBack() {
        assertTrainingSurvives(() -> outage("trainer-service", true, Duration.ofSeconds(3)));
    }

    @Test
    @Order(6)
    void aRestartedReportServiceComesBackWithTheRunsState() {
        String run = startFeaturesRun();
        awaitFeaturesDone(run, 40);
        int before = stage(api.run(run), "FEATURES").path("done").asInt();
        stack.stopMember("report-service", false);
        stack.startAgain("report-service");
        JsonNode after = api.run(run);
        assertTrue(Set.of("RUNNING", "COMPLETED").contains(after.path("state").asText()), after::toString);
        assertTrue(stage(after, "FEATURES").path("done").asInt() >= before, after::toString);
        // the event stream works again and ends with the run
        List<String> states = new ArrayList<>();
        api.follow(run, v -> states.add(v.path("state").asText()));
        assertEquals("COMPLETED", states.getLast(), states::toString);
        assertCompletedWithEveryTrackOnce(run, api.run(run));
    }

    @Test
    @Order(7)
    void aPoisonMessageOnEveryConsumedTopicIsDeadLetteredAndConsumersGoOn() throws Exception {
        String marker = "poison-" + UUID.randomUUID();
        List<String> topics = List.of(Topics.RUNS_REQUESTED, Topics.AUDIO_JOBS, Topics.AUDIO_DONE,
                Topics.PIPELINE_EVENTS, Topics.TRAINING_JOBS, Topics.CLUSTERING_JOBS);
        Properties producer = new Properties();
        producer.put("bootstrap.servers", stack.state().kafka());
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(producer, new StringSerializer(),
                new ByteArraySerializer())) {
            for (String topic : topics) {
                p.send(new ProducerRecord<>(topic, marker, "{not json at all".getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        for (String topic : topics) {
            assertTrue(deadLettered(Topics.dlq(topic), marker, Duration.ofSeconds(60)),
                    "the poison message on " + topic + " did not reach " + Topics.dlq(topic));
        }
        // and every consumer still works
        String run = startFeaturesRun();
        assertCompletedWithEveryTrackOnce(run, running.await(run));
    }

    @Test
    @Order(8)
    void aCancelledRunStopsEveryService() {
        String run = startFeaturesRun();
        awaitFeaturesDone(run, 20);
        JsonNode cancelled = api.cancel(run);
        assertEquals("CANCELLED", cancelled.path("state").asText(), cancelled::toString);
        assertEquals("cancelled by local", cancelled.path("error").asText());
        sleep(Duration.ofSeconds(3)); // the services look at the marker at least once a second
        int chunks = chunkOutcomes(run).size();
        sleep(Duration.ofSeconds(5));
        assertEquals(chunks, chunkOutcomes(run).size(), "feature workers went on with a cancelled run");
        assertTrue(trackOutcomes(run).size() < TRACKS_PER_GENRE * 5 + CORRUPT,
                "every track was featurised before the cancel");
        assertFalse(api.artifacts(run).stream().anyMatch(k -> k.startsWith("latents/")), "training started");
        assertEquals("CANCELLED", api.run(run).path("state").asText());
    }

    @Test
    @Order(9)
    void aRunWhoseWorkersAreAllGoneFailsAtItsDeadlineWithTheReason() {
        String run = startFeaturesRun();
        awaitFeaturesDone(run, 20);
        stack.stopMember("feature-service-1", true);
        stack.stopMember("feature-service-2", true);
        JsonNode view = running.await(run);
        assertEquals("FAILED", view.path("state").asText(), view::toString);
        String error = view.path("error").asText();
        assertTrue(error.startsWith("FEATURES: no progress for " + STALL_TIMEOUT.toSeconds() + " s ("), error);
        assertTrue(error.contains("tracks accounted for"), error);
        stack.startAgain("feature-service-1");
        stack.startAgain("feature-service-2");
    }

    /** Stops a member (SIGKILL when {@code kill}), leaves it down for {@code down} and starts it again. */
    private static void outage(String member, boolean kill, Duration down) {
        stack.stopMember(member, kill);
        sleep(down);
        stack.startAgain(member);
    }

    /** A training run with {@code fault} a few epochs in still completes with its model's latents. */
    private static void assertTrainingSurvives(Runnable fault) {
        String run = api.submit(TRAINING_SPEC.formatted(seed++));
        awaitStage(run, "TRAINING", s -> s.path("done").asInt() >= 3, Duration.ofMinutes(5));
        fault.run();
        assertCompleted(running.await(run));
        assertTrue(api.artifacts(run).contains("latents/conv.npy"));
    }

    /** Every manifest track has exactly one stored outcome, in one chunk, and the run counted each once. */
    private static void assertCompletedWithEveryTrackOnce(String run, JsonNode view) {
        assertCompleted(view);
        int total = TRACKS_PER_GENRE * 5 + CORRUPT;
        JsonNode features = stage(view, "FEATURES");
        assertEquals(total, features.path("total").asInt(), features::toString);
        assertEquals(total, features.path("done").asInt(), features::toString);
        Map<String, String> outcomes = trackOutcomes(run);
        assertEquals(total, outcomes.size(), "stored outcomes of the run's tracks");
        assertEquals(CORRUPT, outcomes.values().stream().filter("SKIPPED"::equals).count(),
                "only the corrupt clips are skipped");
        assertEquals(CORRUPT, view.path("skipped").size(), view.path("skipped")::toString);
        assertEquals(total - CORRUPT, json(run, "features/track_ids.json").size(), "rows of the feature matrices");
    }

    private static void assertCompleted(JsonNode view) {
        assertEquals("COMPLETED", view.path("state").asText(), () -> "run: " + view + running.logTails());
    }

    /** The stored chunk outcomes' keys. */
    private static List<String> chunkOutcomes(String run) {
        return api.artifacts(run).stream().filter(k -> k.startsWith("chunks/") && k.endsWith(".json")).toList();
    }

    /** Each track's status in the stored chunk outcomes; a track in two chunks fails the test. */
    private static Map<String, String> trackOutcomes(String run) {
        Map<String, String> outcomes = new HashMap<>();
        for (String key : chunkOutcomes(run)) {
            for (JsonNode track : json(run, key).path("tracks")) {
                String id = track.path("trackId").asText();
                assertNull(outcomes.put(id, track.path("status").asText()), "track " + id + " is in two chunks");
            }
        }
        return outcomes;
    }

    private static JsonNode json(String run, String key) {
        try {
            return JSON.readTree(api.artifact(run, key));
        } catch (IOException e) {
            throw new UncheckedIOException(run + ": " + key, e);
        }
    }

    private static JsonNode stage(JsonNode view, String name) {
        for (JsonNode s : view.path("stages")) {
            if (s.path("stage").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no stage " + name + " in " + view);
    }

    private static void awaitFeaturesDone(String run, int tracks) {
        awaitStage(run, "FEATURES", s -> s.path("done").asInt() >= tracks, Duration.ofMinutes(3));
    }

    private static void awaitStage(String run, String name, Predicate<JsonNode> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode view = api.run(run);
        while (System.nanoTime() < deadline) {
            view = api.run(run);
            if (condition.test(stage(view, name))) {
                return;
            }
            if (!Set.of("QUEUED", "RUNNING").contains(view.path("state").asText())) {
                break;
            }
            sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("run " + run + ": " + name + " did not get there: " + view + running.logTails());
    }

    private static boolean deadLettered(String dlq, String key, Duration timeout) {
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.state().kafka());
        props.put("group.id", "faults-it-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(dlq));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
