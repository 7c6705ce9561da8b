package io.songspace.cluster.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.songspace.cluster.service.ClusteringWorkflow;
import io.songspace.cluster.service.UnfinishedRuns;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.MetricRow;
import io.songspace.common.events.ClusteringJob;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.PipelineEvent.Status;
import io.songspace.common.events.Stage;
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

import static io.songspace.cluster.service.RunInputs.GENRES;
import static io.songspace.cluster.service.RunInputs.LATENT_DIM;
import static io.songspace.cluster.service.RunInputs.N;
import static io.songspace.cluster.service.RunInputs.labels;
import static io.songspace.cluster.service.RunInputs.newRunId;
import static io.songspace.cluster.service.RunInputs.spec;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.songspace.cluster.service.RunInputs;
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
        events = connector.sink("pipeline-events");
        events.clear();
    }

    @Test
    void writesEveryArtifactAndOnlyAnnouncesARedeliveredJob() {
        String runId = newRunId();
        RunInputs.write(store, runId, labels(false));
        store.putJson(ArtifactKeys.spec(runId), spec(null));
        ClusteringJob job = new ClusteringJob(runId, List.of("vae"), null);

        connector.source("clustering-jobs").send(job);
        List<PipelineEvent> run = awaitEnd(runId);

        assertEquals(Status.STARTED, run.getFirst().status());
        List<PipelineEvent> progress = run.stream().filter(e -> e.status() == Status.PROGRESS).toList();
        assertEquals(6, progress.size(), "K-Means, t-SNE and UMAP for vae and pca");
        for (int i = 0; i < progress.size(); i++) {
            assertEquals(i + 1, progress.get(i).done());
            assertEquals(6, progress.get(i).total());
            assertEquals(Stage.CLUSTERING, progress.get(i).stage());
        }
        PipelineEvent completed = run.getLast();
        assertEquals(Status.COMPLETED, completed.status(), completed.message());
        assertEquals("3", completed.details().get("k"), "k = number of distinct labels");
        assertEquals(Integer.toString(N), completed.details().get("n"));

        List<MetricRow> rows = metrics(runId);
        assertEquals(List.of("VAE+K-Means", "PCA+K-Means"), rows.stream().map(MetricRow::method).toList());
        assertEquals(List.of("vae", "pca"), rows.stream().map(MetricRow::features).toList());
        for (MetricRow row : rows) {
            assertEquals("kmeans", row.algorithm());
            assertEquals(GENRES, row.clusters());
            assertTrue(row.ari() > 0.95 && row.nmi() > 0.9 && row.purity() > 0.95, row.toString());
            assertTrue(row.silhouette() > 0.3 && row.calinskiHarabasz() > 10 && row.daviesBouldin() < 1.5,
                    row.toString());
        }
        for (String features : List.of("vae", "pca")) {
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
        NpyArray pca = store.getNpy(ArtifactKeys.pcaFeatures(runId));
        assertArrayEquals(new int[] {N, LATENT_DIM}, pca.shape(), "PCA to the spec's latent size");
        assertNotNull(pca.floats(), "float32");

        assertEquals(outputs(runId), new TreeSet<>(store.list(ArtifactKeys.clustering(runId, ""))),
                "exactly the keys common's builders name");

        Map<String, byte[]> first = artifacts(runId);
        events.clear();
        connector.source("clustering-jobs").send(job);
        List<PipelineEvent> again = awaitEnd(runId);
        assertEquals(List.of(Status.COMPLETED), again.stream().map(PipelineEvent::status).toList(),
                "a redelivered job is only announced again, not recomputed");
        assertEquals("true", again.getLast().details().get("alreadyClustered"));
        assertEquals(ArtifactKeys.clusteringMetrics(runId), again.getLast().details().get("metrics"));
        Map<String, byte[]> second = artifacts(runId);
        for (String key : outputs(runId)) {
            assertArrayEquals(first.get(key), second.get(key), key + " rewritten on redelivery");
        }
    }

    @Test
    void aJobWithAModelTheMetricsLackIsClusteredAgain() {
        String runId = newRunId();
        RunInputs.write(store, runId, labels(false), List.of("vae", "beta_vae"));
        store.putJson(ArtifactKeys.spec(runId), spec(null));
        connector.source("clustering-jobs").send(new ClusteringJob(runId, List.of("vae"), null));
        assertEquals(Status.COMPLETED, awaitEnd(runId).getLast().status());

        events.clear();
        connector.source("clustering-jobs").send(new ClusteringJob(runId, List.of("vae", "beta_vae"), null));
        List<PipelineEvent> run = awaitEnd(runId);
        assertEquals(Status.STARTED, run.getFirst().status());
        assertEquals(Status.COMPLETED, run.getLast().status(), run.getLast().message());
        assertEquals(List.of("vae", "beta_vae", "pca"), metrics(runId).stream().map(MetricRow::features).toList());
    }

    @Test
    void unlabelledTracksGetNoExternalScores() {
        String runId = newRunId();
        RunInputs.write(store, runId, labels(true));
        // no spec.json: the spec travels in the job
        connector.source("clustering-jobs").send(new ClusteringJob(runId, List.of("vae"), spec(3)));
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
        store.putJson(ArtifactKeys.spec(runId), spec(null));
        connector.source("clustering-jobs").send(new ClusteringJob(runId, List.of("vae", "beta_vae"), null));
        PipelineEvent end = awaitEnd(runId).getLast();
        assertEquals(Status.FAILED, end.status());
        assertEquals(Stage.CLUSTERING, end.stage());
        assertTrue(end.message().contains(ArtifactKeys.latents(runId, "beta_vae")), end.message());
        ClusteringWorkflow.Failure failure =
                store.getJson(ClusteringWorkflow.failureKey(runId), ClusteringWorkflow.Failure.class);
        assertEquals(end.message(), failure.reason(), "the failure marker keeps the reason");
        assertFalse(store.exists(ArtifactKeys.clusteringMetrics(runId)));
    }

    @Test
    void onStartupUnfinishedRunsAreFoundInTheStoreAndClustered() {
        String pending = newRunId();
        trained(pending, List.of("vae"), List.of("vae"));
        String clustered = newRunId();
        trained(clustered, List.of("vae"), List.of("vae"));
        store.putJson(ArtifactKeys.clusteringMetrics(clustered), List.of());
        String failed = newRunId();
        trained(failed, List.of("vae"), List.of("vae"));
        store.putJson(ClusteringWorkflow.failureKey(failed), new ClusteringWorkflow.Failure("earlier", null));
        String stillTraining = newRunId(); // conv_vae has its history, its latents are not written yet
        trained(stillTraining, List.of("vae", "conv_vae"), List.of("vae"));
        String configuredModelMissing = newRunId(); // songspace.cluster.models=vae, no vae trained yet
        trained(configuredModelMissing, List.of("conv_vae"), List.of("conv_vae"));
        String noSpec = newRunId();
        RunInputs.write(store, noSpec, labels(false));

        List<ClusteringJob> resumed = unfinishedRuns.resume();

        List<String> runIds = resumed.stream().map(ClusteringJob::runId).toList();
        assertTrue(runIds.contains(pending), runIds.toString());
        for (String done : List.of(clustered, failed, stillTraining, configuredModelMissing, noSpec)) {
            assertFalse(runIds.contains(done), done + " must not be resumed");
        }
        ClusteringJob job = resumed.get(runIds.indexOf(pending));
        assertEquals(List.of("vae"), job.models());
        assertNull(job.spec(), "the spec is read from spec.json");
        PipelineEvent end = awaitEnd(pending).getLast();
        assertEquals(Status.COMPLETED, end.status(), end.message());
        assertEquals(List.of("vae", "pca"), metrics(pending).stream().map(MetricRow::features).toList());
        assertFalse(unfinishedRuns.find().stream().anyMatch(j -> j.runId().equals(pending)), "clustered now");
    }

    @Test
    void unusableJobIsNackedToTheDeadLetterQueue() {
        CompletableFuture<Throwable> nacked = new CompletableFuture<>();
        Message<ClusteringJob> message = Message.of(new ClusteringJob("run-x", List.of(), null)).withNack(e -> {
            nacked.complete(e);
            return CompletableFuture.completedFuture(null);
        });
        connector.source("clustering-jobs").send(message);
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
        return store.getJson(ArtifactKeys.clusteringMetrics(runId), new TypeReference<>() {
        });
    }

    /** What a vae-only run writes. */
    private static Set<String> outputs(String runId) {
        Set<String> keys = new TreeSet<>(List.of(ArtifactKeys.clusteringMetrics(runId), ArtifactKeys.pcaFeatures(runId)));
        for (String features : List.of("vae", "pca")) {
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

    /** A run as the trainer leaves it: spec, features, a history per trained model, latents of some. */
    private void trained(String runId, List<String> histories, List<String> latents) {
        store.putJson(ArtifactKeys.spec(runId), spec(null));
        RunInputs.write(store, runId, labels(false), latents);
        for (String model : histories) {
            store.putJson(ArtifactKeys.trainingHistory(runId, model), Map.of("model", model));
        }
    }
}
