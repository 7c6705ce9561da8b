package io.songspace.text.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.artifacts.ManifestEntry;
import io.songspace.common.artifacts.StageFailure;
import io.songspace.common.events.DatasetSpec;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.Channels;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.store.Manifests;
import io.songspace.common.store.ObjectStore;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

/** The text stage through the in-memory connector, with a real S3 server behind the object store. */
@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class TextMessagingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int AUDIO_DIM = 4;

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    ObjectStore store;

    @Inject
    ObjectMapper json;

    /** Four tracks: lyrics, metadata, a file name only, and one the audio stage skipped. */
    private static final List<ManifestEntry> MANIFEST = List.of(
            new ManifestEntry("t1", "Rock", "Night Drive", "The Volts", List.of(), "Drive all night under neon light",
                    "en", "file:/music/Rock/night.mp3"),
            new ManifestEntry("t2", "Folk", "River Night", "Anna Lind", List.of("acoustic", "calm"), null, null,
                    "file:/music/Folk/river.mp3"),
            new ManifestEntry("t3", "Pop", null, null, List.of(), null, null, "file:/music/Pop/night_river-2.mp3"),
            new ManifestEntry("t4", "Pop", "Broken", "Nobody", List.of(), null, null, "file:/music/Pop/broken.mp3"));

    private void putRun(String runId, RunSpec spec) {
        store.putJson(ArtifactKeys.spec(runId), spec.withDefaults());
        store.putText(ArtifactKeys.manifest(runId), Manifests.toJsonLines(json, MANIFEST), "application/x-ndjson");
    }

    /** The audio stage's result: t4 was skipped, the rows are t3, t1, t2. */
    private void putAudio(String runId) {
        float[] audio = new float[3 * AUDIO_DIM];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (i % 3) - 1;
        }
        store.putNpy(ArtifactKeys.feature(runId, FeatureFiles.STANDARDIZED), NpyArray.ofFloats(audio, 3, AUDIO_DIM));
        store.putJson(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS), List.of("t3", "t1", "t2"));
    }

    private static RunSpec spec(String level, RunSpec.Text text) {
        return new RunSpec(level, new DatasetSpec.Folder("/music", null, null), null, null, null, 7L, text);
    }

    private void send(PipelineEvent event) {
        connector.<PipelineEvent>source(Channels.PIPELINE_EVENTS_IN).send(event);
    }

    private List<PipelineEvent> eventsFor(String runId) {
        InMemorySink<PipelineEvent> sink = connector.sink(Channels.PIPELINE_EVENTS_OUT);
        return sink.received().stream().map(Message::getPayload).filter(e -> runId.equals(e.runId())).toList();
    }

    private PipelineEvent awaitStatus(String runId, PipelineEvent.Status status) {
        await().atMost(TIMEOUT).until(() -> eventsFor(runId).stream().anyMatch(e -> e.status() == status));
        return eventsFor(runId).stream().filter(e -> e.status() == status).findFirst().orElseThrow();
    }

    @Test
    void manifestThenFeaturesGiveTheTextSetsOfTheAudioRows() {
        String runId = "run-text";
        putRun(runId, spec(RunSpec.MEDIUM, null));
        send(PipelineEvent.completed(runId, Stage.MANIFEST, "manifest of 4 tracks", Map.of()));
        await().atMost(TIMEOUT).until(() -> store.exists(ArtifactKeys.text(runId, "texts.json")));
        assertFalse(store.exists(ArtifactKeys.feature(runId, FeatureFiles.TEXT)), "no audio rows yet");
        assertTrue(eventsFor(runId).stream().noneMatch(e -> e.status() == PipelineEvent.Status.COMPLETED));

        putAudio(runId);
        send(PipelineEvent.completed(runId, Stage.FEATURES, "features of 3 tracks", Map.of()));
        PipelineEvent completed = awaitStatus(runId, PipelineEvent.Status.COMPLETED);
        assertEquals(Stage.TEXT, completed.stage());
        assertEquals(Map.of("method", "minilm", "dim", "384", "tracks", "3", "lyrics", "1", "metadata", "1",
                "filename", "1", "none", "0"), completed.details());
        assertEquals(3, completed.total());

        NpyArray text = store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.TEXT));
        assertArrayEquals(new int[] {3, 384}, text.shape());
        assertArrayEquals(new int[] {3, 384}, store.getNpy(ArtifactKeys.feature(runId,
                FeatureFiles.TEXT_STANDARDIZED)).shape());
        NpyArray both = store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.AUDIO_TEXT));
        assertArrayEquals(new int[] {3, AUDIO_DIM + 384}, both.shape());
        List<String> sources = store.getJson(ArtifactKeys.feature(runId, FeatureFiles.TEXT_SOURCES),
                new TypeReference<>() {
                });
        assertEquals(List.of("filename", "lyrics", "metadata"), sources, "in the audio rows' order");
        double norm = 0;
        for (int j = 0; j < 384; j++) {
            norm += text.floats()[384 + j] * text.floats()[384 + j];
        }
        assertEquals(1.0, norm, 1e-4, "row t1 is a unit-length embedding");
        assertTrue(eventsFor(runId).stream().anyMatch(e -> e.status() == PipelineEvent.Status.PROGRESS
                && e.stage() == Stage.TEXT), "progress was reported");
    }

    @Test
    void featuresBeforeTheManifestEventStillMeet() {
        String runId = "run-text-audio-first";
        putRun(runId, spec(RunSpec.EASY, new RunSpec.Text(true, RunSpec.Text.TFIDF)));
        putAudio(runId);
        send(PipelineEvent.completed(runId, Stage.FEATURES, "features of 3 tracks", Map.of()));
        send(PipelineEvent.completed(runId, Stage.MANIFEST, "manifest of 4 tracks", Map.of()));
        PipelineEvent completed = awaitStatus(runId, PipelineEvent.Status.COMPLETED);
        assertEquals("tfidf", completed.details().get("method"));
        assertEquals(3, store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.TEXT)).shape()[0]);
    }

    @Test
    void tfidfWithoutATermInTwoTextsFailsSayingSo() {
        String runId = "run-tfidf-no-vocabulary";
        store.putJson(ArtifactKeys.spec(runId), spec(RunSpec.MEDIUM, new RunSpec.Text(null, RunSpec.Text.TFIDF))
                .withDefaults());
        store.putText(ArtifactKeys.manifest(runId), Manifests.toJsonLines(json, List.of(
                new ManifestEntry("a", null, "Alpha", null, List.of(), null, null, null),
                new ManifestEntry("b", null, "Bravo", null, List.of(), null, null, null))), "application/x-ndjson");
        store.putNpy(ArtifactKeys.feature(runId, FeatureFiles.STANDARDIZED), NpyArray.ofFloats(new float[2], 2, 1));
        store.putJson(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS), List.of("a", "b"));
        send(PipelineEvent.completed(runId, Stage.MANIFEST, "manifest of 2 tracks", Map.of()));
        PipelineEvent failed = awaitStatus(runId, PipelineEvent.Status.FAILED);
        assertEquals(Stage.TEXT, failed.stage());
        assertTrue(failed.message().contains("no terms remain after pruning"), failed.message());
    }

    @Test
    void aRunWithoutTextIsLeftAlone() {
        String runId = "run-no-text";
        putRun(runId, spec(RunSpec.EASY, null));
        putAudio(runId);
        send(PipelineEvent.completed(runId, Stage.MANIFEST, "manifest of 4 tracks", Map.of()));
        send(PipelineEvent.completed(runId, Stage.FEATURES, "features of 3 tracks", Map.of()));
        // the worker takes jobs in order: once a later run failed, both events of this one were handled
        String later = "run-after-no-text";
        store.putJson(ArtifactKeys.spec(later), spec(RunSpec.MEDIUM, null).withDefaults());
        send(PipelineEvent.completed(later, Stage.MANIFEST, "manifest of 4 tracks", Map.of()));
        awaitStatus(later, PipelineEvent.Status.FAILED);
        assertEquals(List.of(), eventsFor(runId), "no TEXT event for a run without text");
        assertFalse(store.exists(ArtifactKeys.text(runId, "texts.json")));
        assertFalse(store.exists(ArtifactKeys.feature(runId, FeatureFiles.TEXT)));
    }

    @Test
    void aMissingManifestFailsTheStageNamingTheKey() {
        String runId = "run-text-no-manifest";
        store.putJson(ArtifactKeys.spec(runId), spec(RunSpec.MEDIUM, null).withDefaults());
        send(PipelineEvent.completed(runId, Stage.MANIFEST, "manifest of 4 tracks", Map.of()));
        PipelineEvent failed = awaitStatus(runId, PipelineEvent.Status.FAILED);
        assertEquals(Stage.TEXT, failed.stage());
        assertTrue(failed.message().contains(ArtifactKeys.manifest(runId)), failed.message());
        await().atMost(TIMEOUT).until(() -> store.exists(ArtifactKeys.text(runId, "failed.json")));
        assertEquals("TEXT", store.getJson(ArtifactKeys.text(runId, "failed.json"), StageFailure.class).stage());
    }
}
