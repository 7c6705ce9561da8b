package io.songspace.feature.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.songspace.common.events.AudioDone;
import io.songspace.common.events.AudioJob;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.Channels;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The in-memory channels of the feature-service seen as Kafka would carry them: what the service published, and a
 * way to deliver it back to the consuming channels (once or several times, as Kafka may).
 */
final class PipelineHarness {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final InMemoryConnector connector;

    PipelineHarness(InMemoryConnector connector) {
        this.connector = connector;
    }

    InMemorySink<PipelineEvent> events() {
        return connector.sink(Channels.PIPELINE_EVENTS_OUT);
    }

    List<PipelineEvent> events(String runId) {
        return events().received().stream().map(Message::getPayload).filter(e -> e.runId().equals(runId)).toList();
    }

    List<PipelineEvent> events(String runId, Stage stage, PipelineEvent.Status status) {
        return events(runId).stream().filter(e -> e.stage() == stage && e.status() == status).toList();
    }

    /** Waits for the run's first event of that stage and status. */
    PipelineEvent awaitEvent(String runId, Stage stage, PipelineEvent.Status status) {
        return await(runId + " " + stage + " " + status,
                () -> events(runId, stage, status).stream().findFirst().orElse(null));
    }

    /** Waits for the run's first FEATURES or MANIFEST event that ends the run's feature stage (completed or failed). */
    PipelineEvent awaitOutcome(String runId, Stage stage) {
        return await(runId + " " + stage + " outcome", () -> events(runId).stream()
                .filter(e -> e.stage() == stage && (e.status() == PipelineEvent.Status.COMPLETED
                        || e.status() == PipelineEvent.Status.FAILED))
                .findFirst().orElse(null));
    }

    List<Message<AudioJob>> jobs(String runId) {
        InMemorySink<AudioJob> sink = connector.sink(Channels.AUDIO_JOBS_OUT);
        return sink.received().stream().filter(m -> m.getPayload().runId().equals(runId)).map(m -> (Message<AudioJob>) m)
                .toList();
    }

    List<Message<AudioDone>> done(String runId) {
        InMemorySink<AudioDone> sink = connector.sink(Channels.AUDIO_DONE_OUT);
        return sink.received().stream().filter(m -> m.getPayload().runId().equals(runId)).map(m -> (Message<AudioDone>) m)
                .toList();
    }

    List<Message<AudioJob>> awaitJobs(String runId, int count) {
        return await(count + " jobs of " + runId, () -> jobs(runId).size() >= count ? jobs(runId) : null);
    }

    List<Message<AudioDone>> awaitDone(String runId, int count) {
        return await(count + " AudioDone of " + runId, () -> done(runId).size() >= count ? done(runId) : null);
    }

    void deliverJob(AudioJob job) {
        connector.<AudioJob>source(Channels.AUDIO_JOBS_IN).send(job);
    }

    void deliverDone(AudioDone done) {
        connector.<AudioDone>source(Channels.AUDIO_DONE_IN).send(done);
    }

    /**
     * Delivers every job (chunk) of the run to the workers, then every AudioDone to the assembler, each once:
     * {@code outcomes} AudioDone in all, one per job plus the plan's known outcome, if any.
     */
    PipelineEvent runFeatures(String runId, int jobs, int outcomes) {
        awaitJobs(runId, jobs).forEach(m -> deliverJob(m.getPayload()));
        awaitDone(runId, outcomes).forEach(m -> deliverDone(m.getPayload()));
        return awaitOutcome(runId, Stage.FEATURES);
    }

    /** The track outcomes of these chunk outcomes, in order. */
    static List<AudioDone.Outcome> tracks(List<Message<AudioDone>> done) {
        return done.stream().flatMap(m -> m.getPayload().tracks().stream()).toList();
    }

    /** The Kafka key a message was sent with. */
    static Object key(Message<?> message) {
        return message.getMetadata(OutgoingKafkaRecordMetadata.class).map(OutgoingKafkaRecordMetadata::getKey)
                .orElse(null);
    }

    static <T> T await(String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            sleep(50);
        }
        throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
