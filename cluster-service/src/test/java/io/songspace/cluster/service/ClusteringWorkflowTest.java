package io.songspace.cluster.service;

import static io.songspace.cluster.service.RunInputs.N;
import static io.songspace.cluster.service.RunInputs.labels;
import static io.songspace.cluster.service.RunInputs.newRunId;
import static io.songspace.cluster.service.RunInputs.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.songspace.cluster.config.ClusterConfig;
import io.songspace.cluster.messaging.PipelineEventPublisher;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.events.ClusteringJob;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.PipelineEvent.Status;
import io.songspace.common.events.Stage;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.store.ObjectStore;
import io.songspace.common.store.StoreConfig;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
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
    PipelineEventPublisher events;

    @Inject
    ClusterConfig config;

    private InMemorySink<PipelineEvent> sink;

    @BeforeEach
    void setUp() {
        store.ensureBucket();
        sink = connector.sink("pipeline-events");
        sink.clear();
    }

    @Test
    void moreTracksThanExactTsneMayHoldFailUpFrontNamingNAndTheLimit() {
        String runId = newRunId();
        RunInputs.write(store, runId, labels(false));
        store.putJson(ArtifactKeys.spec(runId), spec(null));

        new ClusteringWorkflow(store, events, withTsneMaxPoints(N - 1)).run(new ClusteringJob(runId, List.of("vae"), null));

        PipelineEvent end = ofRun(runId).getLast();
        assertEquals(Status.FAILED, end.status());
        assertTrue(end.message().contains("n=" + N) && end.message().contains("max-points=" + (N - 1)), end.message());
        assertFalse(store.exists(ArtifactKeys.assignments(runId, "vae", "kmeans")), "failed before any work");
        assertEquals(end.message(), failure(runId).reason());
    }

    @Test
    void anErrorOnTheWorkerFailsTheStageInsteadOfEscaping() {
        String runId = newRunId();
        RunInputs.write(store, runId, labels(false));
        store.putJson(ArtifactKeys.spec(runId), spec(null));
        ObjectStore outOfMemory = new ObjectStore(storeConfig, json) {
            @Override
            public NpyArray getNpy(String key) {
                throw new OutOfMemoryError("Java heap space");
            }
        };

        new ClusteringWorkflow(outOfMemory, events, config).run(new ClusteringJob(runId, List.of("vae"), null));

        PipelineEvent end = ofRun(runId).getLast();
        assertEquals(Status.FAILED, end.status());
        assertEquals(Stage.CLUSTERING, end.stage());
        assertTrue(end.message().contains("OutOfMemoryError: Java heap space"), end.message());
        assertEquals(end.message(), failure(runId).reason());
    }

    @Test
    void aPublishTheBrokerRefusesIsSeen() {
        List<Message<?>> attempts = new ArrayList<>();
        PipelineEventPublisher refused = new PipelineEventPublisher(refusingEmitter(attempts));
        PipelineEvent event = PipelineEvent.of("run-x", Stage.CLUSTERING, Status.STARTED, "clustering");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> refused.publish(event));
        assertEquals("broker down", thrown.getMessage());
        assertEquals(1, attempts.size());

        // in the workflow, the refused STARTED fails the run: the marker records why, and run() still returns
        String runId = newRunId();
        RunInputs.write(store, runId, labels(false));
        store.putJson(ArtifactKeys.spec(runId), spec(null));
        new ClusteringWorkflow(store, refused, config).run(new ClusteringJob(runId, List.of("vae"), null));
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

    private ClusteringWorkflow.Failure failure(String runId) {
        return store.getJson(ClusteringWorkflow.failureKey(runId), ClusteringWorkflow.Failure.class);
    }

    private List<PipelineEvent> ofRun(String runId) {
        return sink.received().stream().map(Message::getPayload).filter(e -> runId.equals(e.runId())).toList();
    }

    /** The service's settings with a smaller t-SNE limit. */
    private ClusterConfig withTsneMaxPoints(int maxPoints) {
        ClusterConfig.Tsne tsne = config.tsne();
        ClusterConfig.Tsne limited = new ClusterConfig.Tsne() {
            @Override
            public int maxIterations() {
                return tsne.maxIterations();
            }

            @Override
            public double learningRate() {
                return tsne.learningRate();
            }

            @Override
            public double earlyExaggeration() {
                return tsne.earlyExaggeration();
            }

            @Override
            public int maxPoints() {
                return maxPoints;
            }
        };
        return new ClusterConfig() {
            @Override
            public KMeans kmeans() {
                return config.kmeans();
            }

            @Override
            public Tsne tsne() {
                return limited;
            }

            @Override
            public Umap umap() {
                return config.umap();
            }

            @Override
            public List<String> models() {
                return config.models();
            }
        };
    }
}
