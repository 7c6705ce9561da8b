package io.songspace.cluster.messaging;

import static io.songspace.cluster.service.RunInputs.GENRES;
import static io.songspace.cluster.service.RunInputs.LATENT_DIM;
import static io.songspace.cluster.service.RunInputs.N;
import static io.songspace.cluster.service.RunInputs.labels;
import static io.songspace.cluster.service.RunInputs.newRunId;
import static io.songspace.cluster.service.RunInputs.spec;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.songspace.cluster.service.RunInputs;
import io.songspace.cluster.service.UnfinishedRuns;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.ClusteringIndex;
import io.songspace.common.artifacts.MetricRow;
import io.songspace.common.artifacts.StageFailure;
import io.songspace.common.events.ClusteringJob;
import io.songspace.common.events.ModelSpec;
import io.songspace.common.events.PipelineEvent.Status;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.Channels;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.store.ObjectStore;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The clustering.jobs path end to end: in-memory Kafka channels, a real S3 server, synthetic run inputs. */
@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class ClusteringJobConsumerTest {


    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    ObjectStore store;

    @Inject
    UnfinishedRuns unfinishedRuns;

    private InMemorySink<PipelineEvent> events;

    @BeforeEach
    void setUp() {
        store.ensureBucket();
        events = connector.sink(Channels.PIPELINE_EVENTS_OUT);
        events.clear();
    }

    @Test
    void writesEveryArtifactAndOnlyAnnouncesARedeliveredJob() {
        String runId = newRunId();
        RunInputs.write(store, runId, labels(false));
        store.putJson(ArtifactKeys.spec(runId), spec(null));
        ClusteringJob job = new ClusteringJob(runId, List.of("vae"));

        connector.source(Channels.CLUSTERING_JOBS_IN).send(job);
        List<PipelineEvent> run = awaitEnd(runId);

        assertEquals(Status.STARTED, run.getFirst().status());
        List<PipelineEvent> progress = run.stream().filter(e -> e.status() == Status.PROGRESS).toList();
        assertEquals(9, progress.size(), "K-Means, t-SNE and UMAP for raw, pca and vae");
        for (int i = 0; i < progress.size(); i++) {
            assertEquals(i + 1, progress.get(i).done());
            assertEquals(9, progress.get(i).total());
            assertEquals(Stage.CLUSTERING, progress.get(i).stage());
        }
        PipelineEvent completed = run.getLast();
        assertEquals(Status.COMPLETED, completed.status(), completed.message());
        assertEquals("3", completed.details().get("k"), "k = number of distinct labels");
        assertEquals(Integer.toString(N), completed.details().get("n"));

        List<MetricRow> rows = metrics(runId);
        assertEquals(List.of("Raw_audio+K-Means", "PCA_baseline+K-Means", "VAE_basic+K-Means"),
                rows.stream().map(MetricRow::method).toList());
        assertEquals(List.of("raw", "pca", "vae"), rows.stream().map(MetricRow::features).toList());
        for (MetricRow row : rows) {
            assertEquals("kmeans", row.algorithm());
            assertEquals(GENRES, row.clusters());
            assertTrue(row.ari() > 0.95 && row.nmi() > 0.9 && row.purity() > 0.95, row.toString());
            assertTrue(row.silhouette() > 0.3 && row.calinskiHarabasz() > 10 && row.daviesBouldin() < 1.5,
                    row.toString());
        }
        for (String features : List.of("raw", "vae", "pca")) {
            NpyArray assignments = store.getNpy(ArtifactKeys.assignments(runId, features, "kmeans"));
            assertArrayEquals(new int[] {N}, assignments.shape());
            assertNotNull(assignments.longs(), "int64");
            for (String method : List.of("tsne", "umap")) {
                NpyArray embedding = store.getNpy(ArtifactKeys.embedding(runId, method, features));
                assertArrayEquals(new int[] {N, 2}, embedding.shape(), method + " " + features);
                assertNotNull(embedding.floats(), "float32");
                for (float v : embedding.floats()) {
                    assertTrue(Float.isFinite(v));
                }
            }
        }
        NpyArray pca = store.getNpy(ArtifactKeys.featureSet(runId, "pca"));
        assertArrayEquals(new int[] {N, LATENT_DIM}, pca.shape(), "PCA to the spec's latent size");
        assertNotNull(pca.floats(), "float32");

        assertEquals(outputs(runId), new TreeSet<>(store.list(ArtifactKeys.clustering(runId, ""))),
                "exactly the keys common's builders name");

        Map<String, byte[]> first = artifacts(runId);
        events.clear();
        connector.source(Channels.CLUSTERING_JOBS_IN).send(job);
        List<PipelineEvent> again = awaitEnd(runId);
        assertEquals(List.of(Status.COMPLETED), again.stream().map(PipelineEvent::status).toList(),
                "a redelivered job is only announced again, not recomputed");
        assertEquals("true", again.getLast().details().get("alreadyClustered"));
        assertEquals(ArtifactKeys.clusteringIndex(runId), again.getLast().details().get("index"));
        Map<String, byte[]> second = artifacts(runId);
        for (String key : outputs(runId)) {
            assertArrayEquals(first.get(key), second.get(key), key + " rewritten on redelivery");
        }
    }

    @Test
    void unlabelledTracksGetNoExternalScores() {
        String runId = newRunId();
        RunInputs.write(store, runId, labels(true));
        store.putJson(ArtifactKeys.spec(runId), spec(3));
        connector.source(Channels.CLUSTERING_JOBS_IN).send(new ClusteringJob(runId, List.of("vae")));
        PipelineEvent end = awaitEnd(runId).getLast();
        assertEquals(Status.COMPLETED, end.status(), end.message());
        for (MetricRow row : metrics(runId)) {
            assertEquals(3, row.clusters());
            assertNull(row.ari());
            assertNull(row.nmi());
            assertNull(row.purity());
            assertNotNull(row.silhouette());
        }
    }

    @Test
    void missingLatentsFailTheStageNamingTheKey() {
        String runId = newRunId();
        RunInputs.write(store, runId, labels(false));
        store.putJson(ArtifactKeys.spec(runId), new RunSpec(null, spec(null).dataset(), spec(null).training(),
                List.of(new ModelSpec("vae", null, null, null, null, null, null),
                        new ModelSpec("beta_vae", null, 4.0, null, null, null, null)), null, 7L));
        connector.source(Channels.CLUSTERING_JOBS_IN).send(new ClusteringJob(runId, List.of("vae", "beta_vae")));
        PipelineEvent end = awaitEnd(runId).getLast();
        assertEquals(Status.FAILED, end.status());
        assertEquals(Stage.CLUSTERING, end.stage());
        assertTrue(end.message().contains(ArtifactKeys.latents(runId, "beta_vae")), end.message());
        StageFailure failure = store.getJson(ArtifactKeys.clusteringFailure(runId), StageFailure.class);
        assertEquals(end.message(), failure.reason(), "the failure marker keeps the reason");
        assertFalse(store.exists(ArtifactKeys.clusteringIndex(runId)));
    }

    @Test
    void onStartupUnfinishedRunsAreFoundInTheStoreAndClustered() {
        String pending = newRunId();
        trained(pending, RunSpec.EASY, List.of("vae"));
        String clustered = newRunId();
        trained(clustered, RunSpec.EASY, List.of("vae"));
        store.putJson(ArtifactKeys.clusteringIndex(clustered), List.of());
        String failed = newRunId();
        trained(failed, RunSpec.EASY, List.of("vae"));
        store.putJson(ArtifactKeys.clusteringFailure(failed), new StageFailure("CLUSTERING", failed, "earlier", null));
        String stillTraining = newRunId(); // a medium run: conv_vae's latents are not written yet
        trained(stillTraining, RunSpec.MEDIUM, List.of("vae"));
        String specModelMissing = newRunId(); // the spec's vae has no latents, another model has
        trained(specModelMissing, RunSpec.EASY, List.of("conv_vae"));
        String noSpec = newRunId();
        RunInputs.write(store, noSpec, labels(false));

        List<String> runIds = unfinishedRuns.resume();

        assertTrue(runIds.contains(pending), runIds.toString());
        for (String done : List.of(clustered, failed, stillTraining, specModelMissing, noSpec)) {
            assertFalse(runIds.contains(done), done + " must not be resumed");
        }
        assertEquals(List.of(Status.FAILED), ofRun(failed).stream().map(PipelineEvent::status).toList(),
                "a failed run's FAILED is announced again, from its marker");
        assertEquals("earlier", ofRun(failed).getFirst().message());
        PipelineEvent end = awaitEnd(pending).getLast();
        assertEquals(Status.COMPLETED, end.status(), end.message());
        assertEquals(List.of("raw", "pca", "vae"), metrics(pending).stream().map(MetricRow::features).toList());
        assertFalse(unfinishedRuns.resume().contains(pending), "clustered now");
    }

    @Test
    void unusableJobIsNackedToTheDeadLetterQueue() {
        CompletableFuture<Throwable> nacked = new CompletableFuture<>();
        Message<ClusteringJob> message = Message.of(new ClusteringJob("run-x", List.of())).withNack(e -> {
            nacked.complete(e);
            return CompletableFuture.completedFuture(null);
        });
        connector.source(Channels.CLUSTERING_JOBS_IN).send(message);
        Throwable reason = nacked.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        assertInstanceOf(IllegalArgumentException.class, reason);
        assertTrue(reason.getMessage().contains("no models"), reason.getMessage());
        assertTrue(events.received().isEmpty(), "a rejected job publishes nothing");
    }

    /** The run's events once it has COMPLETED or FAILED. */
    private List<PipelineEvent> awaitEnd(String runId) {
        await().atMost(Duration.ofSeconds(90)).until(() -> ofRun(runId).stream()
                .anyMatch(e -> e.status() == Status.COMPLETED || e.status() == Status.FAILED));
        return ofRun(runId);
    }

    private List<PipelineEvent> ofRun(String runId) {
        return events.received().stream().map(Message::getPayload).filter(e -> runId.equals(e.runId())).toList();
    }

    private List<MetricRow> metrics(String runId) {
        return store.getJson(ArtifactKeys.clusteringIndex(runId), ClusteringIndex.class).rows();
    }

    /** What a vae-only run writes. */
    private static Set<String> outputs(String runId) {
        Set<String> keys = new TreeSet<>(List.of(ArtifactKeys.clusteringIndex(runId),
                ArtifactKeys.featureSet(runId, "pca")));
        for (String features : List.of("raw", "vae", "pca")) {
            keys.add(ArtifactKeys.assignments(runId, features, "kmeans"));
            keys.add(ArtifactKeys.embedding(runId, "tsne", features));
            keys.add(ArtifactKeys.embedding(runId, "umap", features));
        }
        return keys;
    }

    private Map<String, byte[]> artifacts(String runId) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        for (String key : outputs(runId)) {
            bytes.put(key, store.require(key));
        }
        return bytes;
    }

    /** A run of {@code level} as the trainer leaves it: spec, features, latents of some models. */
    private void trained(String runId, String level, List<String> latents) {
        store.putJson(ArtifactKeys.spec(runId), RunInputs.spec(level, null));
        RunInputs.write(store, runId, labels(false), latents);
    }
}
