package io.songspace.cluster.service;

import static io.songspace.cluster.service.RunInputs.GENRES;
import static io.songspace.cluster.service.RunInputs.LATENT_DIM;
import static io.songspace.cluster.service.RunInputs.N;
import static io.songspace.cluster.service.RunInputs.labels;
import static io.songspace.cluster.service.RunInputs.newRunId;
import static io.songspace.cluster.service.RunInputs.spec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.songspace.cluster.algorithm.ClusterAlgorithm;
import io.songspace.cluster.embedding.EmbeddingMethod;
import io.songspace.cluster.features.FeatureSource;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.ClusteringIndex;
import io.songspace.common.artifacts.MetricRow;
import io.songspace.common.artifacts.StageFailure;
import io.songspace.common.events.PipelineEvent.Status;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.Channels;
import io.songspace.common.messaging.StageEvents;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.registry.Registry;
import io.songspace.common.stage.StageWorker;
import io.songspace.common.store.ObjectStore;
import io.songspace.common.store.StoreConfig;
import io.songspace.stack.S3TestResource;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker boundary: every failure becomes CLUSTERING FAILED with a reason and a failure marker. */
@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class ClusteringWorkflowTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    ObjectStore store;

    @Inject
    StoreConfig storeConfig;

    @Inject
    ObjectMapper json;

    @Inject
    StageEvents events;

    @Inject
    Instance<FeatureSource> sources;

    @Inject
    Registry<ClusterAlgorithm> algorithms;

    @Inject
    Registry<EmbeddingMethod> embeddings;

    private InMemorySink<PipelineEvent> sink;

    @BeforeEach
    void setUp() {
        store.ensureBucket();
        sink = connector.sink(Channels.PIPELINE_EVENTS_OUT);
        sink.clear();
    }

    @Test
    void aHardRunClustersEveryFeatureSetWithEveryAlgorithmAndIndexesIt() {
        String runId = newRunId();
        RunSpec spec = RunInputs.spec(RunSpec.HARD, null);
        RunInputs.write(store, runId, labels(false), spec.withDefaults().modelIds());
        store.putJson(ArtifactKeys.spec(runId), spec);

        workflow(store, events).run(runId);

        PipelineEvent end = ofRun(runId).getLast();
        assertEquals(Status.COMPLETED, end.status(), end.message());
        ClusteringIndex index = store.getJson(ArtifactKeys.clusteringIndex(runId), ClusteringIndex.class);
        assertEquals(N, index.tracks());
        assertEquals(GENRES, index.k(), "k = the number of labels");
        assertEquals(List.of("raw", "pca", "text", "audio_text", "vae", "conv_vae", "multimodal_vae", "beta_vae_0.5",
                "beta_vae_1.0", "beta_vae_4.0", "beta_vae_10.0"),
                index.featureSets().stream().map(ClusteringIndex.FeatureSetEntry::id).toList());
        assertEquals(33, index.rows().size(), "11 feature sets × 3 algorithms");
        assertEquals(List.of("Raw_audio+K-Means", "Raw_audio+Agglomerative", "Raw_audio+DBSCAN"),
                index.rows().subList(0, 3).stream().map(MetricRow::method).toList());
        assertTrue(index.rows().stream().anyMatch(r -> r.method().equals("BetaVAE_beta_4.0+DBSCAN")));
        assertTrue(index.rows().stream().anyMatch(r -> r.method().equals("Text_only+Agglomerative")));
        assertTrue(index.rows().stream().anyMatch(r -> r.method().equals("Audio+Text_concat+K-Means")));
        assertTrue(index.rows().stream().anyMatch(r -> r.method().equals("VAE_multimodal+DBSCAN")));
        for (MetricRow row : index.rows()) {
            long[] assigned = store.getNpy(row.assignments()).longs();
            assertEquals(N, assigned.length, row.method());
            assertEquals(row.noise(), java.util.Arrays.stream(assigned).filter(a -> a == -1).count(), row.method());
            if (!row.algorithm().equals("dbscan")) {
                assertEquals(GENRES, row.clusters(), row.method());
                // the blobs are far apart: every algorithm with k finds the genres
                assertEquals(1.0, row.ari(), 1e-9, row.method());
            } else if (row.clusters() >= 2) {
                assertTrue(row.silhouette() > 0, row.method() + " scores its clustered tracks");
            }
        }
        for (ClusteringIndex.FeatureSetEntry set : index.featureSets()) {
            assertEquals(List.of("tsne", "umap"), List.copyOf(set.embeddings().keySet()), set.id());
            for (String key : set.embeddings().values()) {
                assertArrayEquals(new int[] {N, 2}, store.getNpy(key).shape(), key);
            }
        }
        assertEquals(7, index.disentanglement().size(), "one row per model");
        ClusteringIndex.Disentanglement vae = index.disentanglement().get(0);
        assertEquals("VAE_basic", vae.name());
        assertEquals(LATENT_DIM, vae.dimensions());
        assertTrue(vae.varianceMin() <= vae.varianceMedian() && vae.varianceMedian() <= vae.varianceMax());
        assertNotNull(vae.meanKlPerDimension(), "log-variances were stored, so KL is known");
        assertTrue(store.exists(ArtifactKeys.featureSet(runId, "pca")), "the derived PCA features are kept");
        assertEquals(11 * (3 + 2), ofRun(runId).stream().filter(e -> e.status() == Status.PROGRESS).count(),
                "a progress step per clustering and per embedding");
    }

    @Test
    void anErrorOnTheWorkerFailsTheStageInsteadOfEscaping() throws Exception {
        String runId = newRunId();
        RunInputs.write(store, runId, labels(false));
        store.putJson(ArtifactKeys.spec(runId), spec(null));
        ObjectStore outOfMemory = new ObjectStore(storeConfig, json) {
            @Override
            public NpyArray getNpy(String key) {
                throw new OutOfMemoryError("Java heap space");
            }
        };

        runOnAWorker(outOfMemory, events, runId);

        PipelineEvent end = ofRun(runId).getLast();
        assertEquals(Status.FAILED, end.status());
        assertEquals(Stage.CLUSTERING, end.stage());
        assertTrue(end.message().contains("OutOfMemoryError: Java heap space"), end.message());
        assertEquals(end.message(), failure(runId).reason());
    }

    @Test
    void aPublishTheBrokerRefusesIsSeen() throws Exception {
        List<Message<?>> attempts = new ArrayList<>();
        StageEvents refused = new StageEvents(refusingEmitter(attempts));
        PipelineEvent event = PipelineEvent.of("run-x", Stage.CLUSTERING, Status.STARTED, "clustering");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> refused.publish(event));
        assertEquals("broker down", thrown.getMessage());
        assertEquals(1, attempts.size());

        // on the worker, the refused STARTED fails the run: the marker records why, written before the (refused)
        // FAILED event, so that the start-up scan can announce it again
        String runId = newRunId();
        RunInputs.write(store, runId, labels(false));
        store.putJson(ArtifactKeys.spec(runId), spec(null));
        runOnAWorker(store, refused, runId);
        assertEquals(3, attempts.size(), "STARTED, then FAILED tried once each");
        assertTrue(failure(runId).reason().contains("broker down"), failure(runId).reason());
        assertFalse(store.exists(ArtifactKeys.assignments(runId, "vae", "kmeans")));
    }

    /** An emitter whose every send is refused as MutinyEmitter reports a nacked message: by throwing. */
    @SuppressWarnings("unchecked")
    private static MutinyEmitter<PipelineEvent> refusingEmitter(List<Message<?>> attempts) {
        return (MutinyEmitter<PipelineEvent>) Proxy.newProxyInstance(MutinyEmitter.class.getClassLoader(),
                new Class<?>[] {MutinyEmitter.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendMessageAndAwait")) {
                        attempts.add((Message<?>) args[0]);
                        throw new IllegalStateException("broker down");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private StageFailure failure(String runId) {
        return store.getJson(ArtifactKeys.clusteringFailure(runId), StageFailure.class);
    }

    /** Runs the run's clustering on a stage worker of its own, as the service does, and waits for it. */
    private void runOnAWorker(ObjectStore store, StageEvents events, String runId) throws Exception {
        try (StageWorker worker = new StageWorker(Stage.CLUSTERING, "test-worker", store, events)) {
            worker.submit(new StageWorker.Job(runId, runId, ArtifactKeys.clusteringFailure(runId),
                    () -> workflow(store, events).run(runId)));
            CompletableFuture<Void> drained = new CompletableFuture<>();
            worker.execute(() -> drained.complete(null));
            drained.get(60, TimeUnit.SECONDS);
        }
    }

    private List<PipelineEvent> ofRun(String runId) {
        return sink.received().stream().map(Message::getPayload).filter(e -> runId.equals(e.runId())).toList();
    }

    private ClusteringWorkflow workflow(ObjectStore store, StageEvents events) {
        return new ClusteringWorkflow(store, events, sources.stream().toList(), algorithms, embeddings);
    }
}
