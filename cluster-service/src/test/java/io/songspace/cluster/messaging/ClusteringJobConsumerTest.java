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
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.artifacts.MetricRow;
import io.songspace.common.events.ClusteringJob;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.PipelineEvent.Status;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.store.ObjectStore;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.time.Duration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The clustering.jobs path end to end: in-memory Kafka channels, a real S3 server, synthetic run inputs. */
@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class ClusteringJobConsumerTest {

    private static final int N = 90;
    private static final int GENRES = 3;
    private static final int LATENT_DIM = 4;
    private static final int FEATURE_DIM = 6;
    private static final List<String> OUTPUTS = List.of("assignments_vae_kmeans.npy", "assignments_pca_kmeans.npy",
            "pca_features.npy", "embedding_tsne_vae.npy", "embedding_tsne_pca.npy", "embedding_umap_vae.npy",
            "embedding_umap_pca.npy", ClusteringWorkflow.METRICS_FILE);

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    ObjectStore store;

    private InMemorySink<PipelineEvent> events;

    @BeforeEach
    void setUp() {
        store.ensureBucket();
        events = connector.sink("pipeline-events");
        events.clear();
    }

    @Test
    void writesEveryArtifactAndTheSameAgainOnRedelivery() {
        String runId = newRunId();
        writeInputs(runId, labels(false));
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
            NpyArray assignments = store.getNpy(ArtifactKeys.clustering(runId, "assignments_" + features + "_kmeans.npy"));
            assertArrayEquals(new int[] {N}, assignments.shape());
            assertNotNull(assignments.longs(), "int64");
            for (String method : List.of("tsne", "umap")) {
                NpyArray embedding = store.getNpy(ArtifactKeys.clustering(runId, "embedding_" + method + "_" + features + ".npy"));
                assertArrayEquals(new int[] {N, 2}, embedding.shape(), method + " " + features);
                assertNotNull(embedding.floats(), "float32");
                for (float v : embedding.floats()) {
                    assertTrue(Float.isFinite(v));
                }
            }
        }
        NpyArray pca = store.getNpy(ArtifactKeys.clustering(runId, ClusteringWorkflow.PCA_FEATURES_FILE));
        assertArrayEquals(new int[] {N, LATENT_DIM}, pca.shape(), "PCA to the spec's latent size");
        assertNotNull(pca.floats(), "float32");

        Map<String, byte[]> first = artifacts(runId);
        events.clear();
        connector.source("clustering-jobs").send(job);
        assertEquals(Status.COMPLETED, awaitEnd(runId).getLast().status());
        Map<String, byte[]> second = artifacts(runId);
        for (String name : OUTPUTS) {
            if (!name.endsWith(".json")) {
                assertArrayEquals(first.get(name), second.get(name), name + " differs on redelivery");
            }
        }
        assertEquals(rows, metrics(runId));
    }

    @Test
    void unlabelledTracksGetNoExternalScores() {
        String runId = newRunId();
        writeInputs(runId, labels(true));
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
        writeInputs(runId, labels(false));
        store.putJson(ArtifactKeys.spec(runId), spec(null));
        connector.source("clustering-jobs").send(new ClusteringJob(runId, List.of("vae", "beta_vae"), null));
        PipelineEvent end = awaitEnd(runId).getLast();
        assertEquals(Status.FAILED, end.status());
        assertEquals(Stage.CLUSTERING, end.stage());
        assertTrue(end.message().contains(ArtifactKeys.latents(runId, "beta_vae")), end.message());
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
        return store.getJson(ArtifactKeys.clustering(runId, ClusteringWorkflow.METRICS_FILE), new TypeReference<>() {
        });
    }

    private Map<String, byte[]> artifacts(String runId) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        for (String name : OUTPUTS) {
            bytes.put(name, store.require(ArtifactKeys.clustering(runId, name)));
        }
        return bytes;
    }

    private static String newRunId() {
        return "run-" + UUID.randomUUID();
    }

    private static RunSpec spec(Integer k) {
        return new RunSpec(new RunSpec.Dataset("demo", null, null, null, null, null, null, null, null),
                new RunSpec.Training(null, null, null, LATENT_DIM, null),
                new RunSpec.Clustering(k, null, null), 7L);
    }

    private static long[] labels(boolean unlabelled) {
        long[] labels = new long[N];
        for (int i = 0; i < N; i++) {
            labels[i] = unlabelled ? -1 : i % GENRES;
        }
        return labels;
    }

    /** Latents and standardized features with one well-separated blob per genre. */
    private void writeInputs(String runId, long[] labels) {
        store.putNpy(ArtifactKeys.latents(runId, "vae"), blobs(LATENT_DIM, 1));
        store.putNpy(ArtifactKeys.feature(runId, FeatureFiles.STANDARDIZED), blobs(FEATURE_DIM, 2));
        store.putNpy(ArtifactKeys.feature(runId, FeatureFiles.LABELS), NpyArray.ofLongs(labels, N));
    }

    private static NpyArray blobs(int dimension, long seed) {
        Random random = new Random(seed);
        float[] x = new float[N * dimension];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < dimension; j++) {
                x[i * dimension + j] = (float) (random.nextGaussian() + (j == i % GENRES ? 6 : 0));
            }
        }
        return NpyArray.ofFloats(x, N, dimension);
    }
}
