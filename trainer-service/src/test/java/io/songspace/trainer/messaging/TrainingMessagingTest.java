package io.songspace.trainer.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.artifacts.ModelCard;
import io.songspace.common.artifacts.StageFailure;
import io.songspace.common.artifacts.TrainingHistory;
import io.songspace.common.events.ClusteringJob;
import io.songspace.common.events.DatasetSpec;
import io.songspace.common.events.ModelSpec;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.common.events.TrainingJob;
import io.songspace.common.messaging.Channels;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.store.ObjectStore;
import io.songspace.common.store.StoreConfig;
import io.songspace.stack.S3TestResource;
import io.songspace.trainer.training.TrainingRecovery;
import io.songspace.trainer.training.TrainingWorker;
import io.songspace.trainer.vae.TorchRuntime;
import io.songspace.trainer.vae.VaeBlock;
import io.songspace.trainer.vae.VaeTrainer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

/** Steps 5–6 of the pipeline through the in-memory connector, with a real S3 server behind the object store. */
@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class TrainingMessagingTest {

    private static final int ROWS = 150;
    private static final int COLS = 12;
    private static final int LATENT = 8;
    private static final int EPOCHS = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

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
    BrokerOutage brokerOutage;

    @Inject
    TrainingWorker worker;

    @Inject
    TrainingRecovery recovery;

    private static RunSpec spec() {
        return new RunSpec(new DatasetSpec.Table("s3://songspace/tables/demo.csv", null, null, null, null), new RunSpec.Training(EPOCHS, 32, 1e-3, LATENT, null), null, 5L).withDefaults();
    }

    @Test
    void featuresCompletedTrainsTheVaeOnceAndRequestsClustering() throws Exception {
        String runId = "run-trains";
        NpyArray features = putRun(runId, true);
        InMemorySource<PipelineEvent> pipeline = connector.source(Channels.PIPELINE_EVENTS_IN);
        InMemorySink<TrainingJob> trainingJobs = connector.sink(Channels.TRAINING_JOBS_OUT);
        InMemorySink<ClusteringJob> clusteringJobs = connector.sink(Channels.CLUSTERING_JOBS_OUT);

        pipeline.send(PipelineEvent.progress(runId, Stage.FEATURES, "tracks", 3, 10));
        pipeline.send(PipelineEvent.completed(runId, Stage.FEATURES, "features ready", Map.of()));
        await().atMost(TIMEOUT).until(() -> jobsFor(trainingJobs, runId).size() == 1);
        Message<TrainingJob> jobMessage = jobsFor(trainingJobs, runId).getFirst();
        TrainingJob job = jobMessage.getPayload();
        assertEquals(new TrainingJob(runId, "vae"), job);
        assertEquals(runId, keyOf(jobMessage));

        InMemorySource<TrainingJob> jobs = connector.source(Channels.TRAINING_JOBS_IN);
        jobs.send(job);
        await().atMost(TIMEOUT).until(() -> jobsFor(clusteringJobs, runId).size() == 1);
        assertEquals(new ClusteringJob(runId, List.of("vae")), jobsFor(clusteringJobs, runId).getFirst().getPayload());

        NpyArray latents = store.getNpy(ArtifactKeys.latents(runId, "vae"));
        assertArrayEquals(new int[] {ROWS, LATENT}, latents.shape());
        TrainingHistory history = store.getJson(historyKey(runId), TrainingHistory.class);
        assertEquals(EPOCHS, history.epochs().size());
        assertEquals("cpu", history.device());
        assertEquals(1.0, history.beta());
        ModelCard card = store.getJson(ArtifactKeys.modelCard(runId, "vae"), ModelCard.class);
        assertEquals("vae", card.architecture());
        assertEquals(List.of(FeatureFiles.STANDARDIZED), card.inputs());
        assertEquals(5L, card.seed());
        assertEquals(EPOCHS, card.epochs());
        // the Basic VAE 12→512→256→8 and back: weights and biases of its seven dense layers
        long expected = (12 * 512 + 512) + (512 * 256 + 256) + 2 * (256 * LATENT + LATENT)
                + (LATENT * 256 + 256) + (256 * 512 + 512) + (512 * 12 + 12);
        assertEquals(expected, card.parameters());
        assertEquals(List.of(), card.divergences(), "trained at once, at the spec's learning rate");
        assertEquals(1e-3, card.learningRate(), "the spec's rate, exactly");
        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("songspace_model_training_duration_seconds_count{")
                && l.contains("architecture=\"vae\"") && l.contains("device=\"cpu\"") && !l.endsWith(" 0.0")),
                "the training is timed on /q/metrics");
        assertArrayEquals(new int[] {ROWS, LATENT}, store.getNpy(ArtifactKeys.latentLogVars(runId, "vae")).shape());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
            VaeBlock reloaded = VaeBlock.load(store.require(ArtifactKeys.modelParameters(runId, "vae")), COLS, LATENT, manager);
            assertArrayEquals(latents.floats(), VaeTrainer.encode(reloaded, features, manager).floats());
        }

        List<PipelineEvent> events = eventsFor(runId);
        assertEquals(1, count(events, PipelineEvent.Status.STARTED));
        List<PipelineEvent> progress = events.stream().filter(e -> e.status() == PipelineEvent.Status.PROGRESS).toList();
        assertEquals(IntStream.rangeClosed(1, EPOCHS).boxed().toList(), progress.stream().map(PipelineEvent::done).toList());
        assertTrue(progress.stream().allMatch(e -> e.total() == EPOCHS && e.message().contains("loss")));
        PipelineEvent completed = events.stream().filter(e -> e.status() == PipelineEvent.Status.COMPLETED).findFirst().orElseThrow();
        assertEquals("vae", completed.details().get("models"));
        assertEquals("cpu", completed.details().get("device"));
        // the sum of the models' training times, to one decimal
        assertEquals(history.trainSeconds(), Double.parseDouble(completed.details().get("seconds")), 0.05 + 1e-9);
        assertTrue(history.trainSeconds() > 0);

        // the same job again (at-least-once delivery): no retraining, the completion is announced again
        byte[] historyBefore = store.require(historyKey(runId));
        jobs.send(job);
        await().atMost(TIMEOUT).until(() -> jobsFor(clusteringJobs, runId).size() == 2);
        assertArrayEquals(historyBefore, store.require(historyKey(runId)));
        List<PipelineEvent> after = eventsFor(runId);
        assertEquals(1, count(after, PipelineEvent.Status.STARTED));
        assertEquals(EPOCHS, count(after, PipelineEvent.Status.PROGRESS));
        assertEquals(2, count(after, PipelineEvent.Status.COMPLETED));
    }

    /**
     * With text, FEATURES COMPLETED starts the audio models and TEXT COMPLETED the multimodal one; the clustering
     * job waits for the text sets even when every model is trained.
     */
    @Test
    void modelsReadingTextStartOnTextCompletedAndClusteringWaitsForTheTextSets() throws Exception {
        String runId = "run-with-text";
        putRun(runId, true);
        store.putJson(ArtifactKeys.spec(runId), new RunSpec("easy", new DatasetSpec.Table("s3://songspace/t.csv", null,
                null, null, null), new RunSpec.Training(2, 32, 1e-3, LATENT, null),
                List.of(new ModelSpec("vae", "vae", null, null, null, null, null),
                        new ModelSpec("mm", "multimodal_vae", null, null, null, null, null)), null, 5L, null)
                .withDefaults());
        InMemorySource<PipelineEvent> pipeline = connector.source(Channels.PIPELINE_EVENTS_IN);
        InMemorySink<TrainingJob> trainingJobs = connector.sink(Channels.TRAINING_JOBS_OUT);
        InMemorySink<ClusteringJob> clusteringJobs = connector.sink(Channels.CLUSTERING_JOBS_OUT);
        InMemorySource<TrainingJob> jobs = connector.source(Channels.TRAINING_JOBS_IN);

        pipeline.send(PipelineEvent.completed(runId, Stage.FEATURES, "features ready", Map.of()));
        await().atMost(TIMEOUT).until(() -> jobsFor(trainingJobs, runId).size() == 1);
        assertEquals(new TrainingJob(runId, "vae"), jobsFor(trainingJobs, runId).getFirst().getPayload());
        jobs.send(new TrainingJob(runId, "vae"));
        await().atMost(TIMEOUT).until(() -> store.exists(ArtifactKeys.latents(runId, "vae")));
        drainWorker();
        assertEquals(List.of(), jobsFor(clusteringJobs, runId), "the multimodal model is not trained yet");

        Random random = new Random(4);
        float[] text = new float[ROWS * 6];
        for (int i = 0; i < text.length; i++) {
            text[i] = (float) random.nextGaussian();
        }
        store.putNpy(ArtifactKeys.feature(runId, FeatureFiles.TEXT_STANDARDIZED), NpyArray.ofFloats(text, ROWS, 6));
        store.putNpy(ArtifactKeys.feature(runId, FeatureFiles.AUDIO_TEXT), NpyArray.ofFloats(new float[ROWS], ROWS, 1));
        pipeline.send(PipelineEvent.completed(runId, Stage.TEXT, "text ready", Map.of()));
        await().atMost(TIMEOUT).until(() -> jobsFor(trainingJobs, runId).size() == 2);
        assertEquals(new TrainingJob(runId, "mm"), jobsFor(trainingJobs, runId).getLast().getPayload());
        jobs.send(new TrainingJob(runId, "mm"));
        await().atMost(TIMEOUT).until(() -> jobsFor(clusteringJobs, runId).size() == 1);
        assertEquals(new ClusteringJob(runId, List.of("vae", "mm")), jobsFor(clusteringJobs, runId).getFirst()
                .getPayload());
        TrainingHistory history = store.getJson(ArtifactKeys.trainingHistory(runId, "mm"), TrainingHistory.class);
        assertEquals(Set.of("audio", "text"), history.epochs().getFirst().parts().keySet());
    }

    @Test
    void aDivergingModelRestartsAtHalvedLearningRatesThenFailsSayingWhy() throws Exception {
        String runId = "run-diverges";
        putRun(runId, true);
        // Adam steps of ~1e6 overflow float32 within an epoch or two, at every halving tried
        store.putJson(ArtifactKeys.spec(runId), new RunSpec(null, spec().dataset(), spec().training(),
                List.of(new ModelSpec("vae", "vae", 1.0, LATENT, EPOCHS, 32, 1e6)), null, 5L));
        connector.<TrainingJob>source(Channels.TRAINING_JOBS_IN).send(new TrainingJob(runId, "vae"));
        PipelineEvent failed = awaitFailure(runId);
        assertTrue(failed.message().contains("gave up after 2 restarts at halved learning rates"), failed.message());
        assertTrue(failed.message().contains("at learning rate 1000000.0") && failed.message().contains(
                "at learning rate 500000.0") && failed.message().contains("at learning rate 250000.0"),
                failed.message());
        List<String> restarts = eventsFor(runId).stream().map(PipelineEvent::message).filter(m -> m.contains(
                "; restarting at learning rate")).toList();
        assertEquals(2, restarts.size(), restarts.toString());
        drainWorker();
        assertFalse(store.exists(ArtifactKeys.latents(runId, "vae")), "no latents of a diverged model");
    }

    @Test
    void aRunWithoutSpecFailsTraining() {
        String runId = "run-without-spec";
        connector.<PipelineEvent>source(Channels.PIPELINE_EVENTS_IN).send(PipelineEvent.completed(runId, Stage.FEATURES, "ready", Map.of()));
        PipelineEvent failed = awaitFailure(runId);
        assertTrue(failed.message().contains(ArtifactKeys.spec(runId)), failed.message());
    }

    @Test
    void missingFeaturesFailTrainingNamingTheFile() throws Exception {
        String runId = "run-without-features";
        putRun(runId, false);
        connector.<TrainingJob>source(Channels.TRAINING_JOBS_IN).send(new TrainingJob(runId, "vae"));
        PipelineEvent failed = awaitFailure(runId);
        assertTrue(failed.message().contains(FeatureFiles.STANDARDIZED), failed.message());
        // the failure marker, so that the startup scan does not retry the run
        drainWorker();
        StageFailure marker = store.getJson(ArtifactKeys.modelFailure(runId, "vae"), StageFailure.class);
        assertEquals(runId + "/vae", marker.subject());
        assertEquals("TRAINING", marker.stage());
        assertEquals(failed.message(), marker.reason());
    }

    @Test
    void anErrorDuringTrainingFailsTheJobAndTheWorkerGoesOn() throws Exception {
        String runId = "run-native-error";
        putRun(runId, true);
        String poisoned = ArtifactKeys.feature(runId, FeatureFiles.STANDARDIZED);
        QuarkusMock.installMockForType(new ObjectStore(storeConfig, json) {
            @Override
            public NpyArray getNpy(String key) {
                if (key.equals(poisoned)) {
                    throw new UnsatisfiedLinkError("simulated: libtorch_cpu.so cannot be loaded");
                }
                return super.getNpy(key);
            }
        }, ObjectStore.class);
        connector.<TrainingJob>source(Channels.TRAINING_JOBS_IN).send(new TrainingJob(runId, "vae"));
        PipelineEvent failed = awaitFailure(runId);
        assertTrue(failed.message().contains("UnsatisfiedLinkError: simulated"), failed.message());
        drainWorker();
        assertTrue(store.exists(ArtifactKeys.modelFailure(runId, "vae")));
        assertFalse(store.exists(ArtifactKeys.latents(runId, "vae")));
    }

    @Test
    void featuresCompletedIsNackedWhenTheBrokerRefusesItsTrainingJobs() {
        String runId = "run-jobs-refused";
        putRun(runId, true);
        brokerOutage.refuse(runId);
        AtomicReference<Throwable> nacked = new AtomicReference<>();
        AtomicBoolean acked = new AtomicBoolean();
        connector.<Message<PipelineEvent>>source(Channels.PIPELINE_EVENTS_IN).send(
                Message.of(PipelineEvent.completed(runId, Stage.FEATURES, "ready", Map.of()))
                        .withAck(() -> {
                            acked.set(true);
                            return CompletableFuture.completedFuture(null);
                        })
                        .withNack(reason -> {
                            nacked.set(reason);
                            return CompletableFuture.completedFuture(null);
                        }));
        await().atMost(TIMEOUT).until(() -> nacked.get() != null);
        assertTrue(nacked.get().getMessage().contains("broker refused"), nacked.get().getMessage());
        assertFalse(acked.get());
    }

    @Test
    void aRefusedEventFailsTheJobAndItsMarkerLetsTheScanAnnounceTheFailure() throws Exception {
        String runId = "run-events-refused";
        putRun(runId, true);
        brokerOutage.refuse(runId);
        connector.<TrainingJob>source(Channels.TRAINING_JOBS_IN).send(new TrainingJob(runId, "vae"));
        // STARTED is refused on every try (the publisher retries, see the test profile), so the job stops before
        // training; its failure marker is written, then FAILED is refused on every try too
        await().atMost(TIMEOUT).until(() -> count(eventsFor(runId), PipelineEvent.Status.FAILED) == 3);
        drainWorker();
        assertEquals(3, count(eventsFor(runId), PipelineEvent.Status.STARTED), "one try and two retries");
        assertFalse(store.exists(ArtifactKeys.latents(runId, "vae")));
        StageFailure marker = store.getJson(ArtifactKeys.modelFailure(runId, "vae"), StageFailure.class);
        assertTrue(marker.reason().contains("broker refused"), marker.reason());

        // nobody heard of the failure: once the broker is back, the start-up scan announces it from the marker
        // instead of training the model again
        brokerOutage.restore(runId);
        assertEquals(List.of(), recovery.resume(List.of(runId)));
        PipelineEvent announced = eventsFor(runId).getLast();
        assertEquals(PipelineEvent.Status.FAILED, announced.status());
        assertEquals(marker.reason(), announced.message());
    }

    @Test
    void startupScanQueuesUnfinishedTrainingOnly() throws Exception {
        String pending = "run-recover-pending";
        String failed = "run-recover-failed";
        String withoutSpec = "run-recover-without-spec";
        putRun(pending, true);
        // assembled track ids but no matrix: training fails and leaves its marker
        putRun(failed, false);
        store.putJson(ArtifactKeys.feature(failed, FeatureFiles.TRACK_IDS), List.of("t0"));
        connector.<TrainingJob>source(Channels.TRAINING_JOBS_IN).send(new TrainingJob(failed, "vae"));
        awaitFailure(failed);
        drainWorker();
        store.putJson(ArtifactKeys.feature(withoutSpec, FeatureFiles.TRACK_IDS), List.of("t0"));
        InMemorySink<ClusteringJob> clusteringJobs = connector.sink(Channels.CLUSTERING_JOBS_OUT);

        // a restart lost the pending run's job: only it is queued (not the failed run, not the run without spec)
        assertEquals(List.of(new TrainingJob(pending, "vae")), recovery.resume(List.of(pending, failed, withoutSpec)));
        await().atMost(TIMEOUT).until(() -> jobsFor(clusteringJobs, pending).size() == 1);
        assertEquals(new ClusteringJob(pending, List.of("vae")), jobsFor(clusteringJobs, pending).getFirst().getPayload());
        assertArrayEquals(new int[] {ROWS, LATENT}, store.getNpy(ArtifactKeys.latents(pending, "vae")).shape());
        drainWorker();
        assertEquals(2, count(eventsFor(failed), PipelineEvent.Status.FAILED), "failed, then announced again");
        assertTrue(eventsFor(withoutSpec).isEmpty());

        // trained but not clustered (the announcement may be lost): announced again, not trained again
        assertEquals(List.of(new TrainingJob(pending, "vae")), recovery.resume(List.of(pending)));
        await().atMost(TIMEOUT).until(() -> jobsFor(clusteringJobs, pending).size() == 2);
        drainWorker();
        assertEquals(1, count(eventsFor(pending), PipelineEvent.Status.STARTED));
        // clustered: nothing left to do
        store.putJson(ArtifactKeys.clusteringIndex(pending), List.of());
        assertEquals(List.of(), recovery.resume(List.of(pending, failed, withoutSpec)));
    }

    @Test
    void aJobForAnUnknownModelIsNackedIntoTheDlq() {
        String runId = "run-unknown-model";
        putRun(runId, true);
        AtomicReference<Throwable> nacked = new AtomicReference<>();
        connector.<Message<TrainingJob>>source(Channels.TRAINING_JOBS_IN).send(Message.of(new TrainingJob(runId, "gan"))
                .withNack(reason -> {
                    nacked.set(reason);
                    return CompletableFuture.completedFuture(null);
                }));
        await().atMost(TIMEOUT).until(() -> nacked.get() != null);
        assertTrue(nacked.get().getMessage().contains("unknown model 'gan' (the run's models: [vae])"),
                nacked.get().getMessage());
        assertTrue(awaitFailure(runId).message().contains("gan"));
    }

    /** Waits until the worker has finished everything queued so far. */
    private void drainWorker() throws Exception {
        CompletableFuture<Void> drained = new CompletableFuture<>();
        worker.execute(() -> drained.complete(null));
        drained.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Writes the run's spec and, if asked, a seeded standardized matrix with its track ids. */
    private NpyArray putRun(String runId, boolean withFeatures) {
        store.putJson(ArtifactKeys.spec(runId), spec());
        Random random = new Random(3);
        float[] data = new float[ROWS * COLS];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        NpyArray features = NpyArray.ofFloats(data, ROWS, COLS);
        if (withFeatures) {
            store.putNpy(ArtifactKeys.feature(runId, FeatureFiles.STANDARDIZED), features);
            store.putJson(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS),
                    IntStream.range(0, ROWS).mapToObj(i -> "t" + i).toList());
        }
        return features;
    }

    private PipelineEvent awaitFailure(String runId) {
        await().atMost(TIMEOUT).until(() -> count(eventsFor(runId), PipelineEvent.Status.FAILED) == 1);
        PipelineEvent failed = eventsFor(runId).stream().filter(e -> e.status() == PipelineEvent.Status.FAILED)
                .findFirst().orElseThrow();
        assertEquals(Stage.TRAINING, failed.stage());
        return failed;
    }

    private List<PipelineEvent> eventsFor(String runId) {
        InMemorySink<PipelineEvent> sink = connector.sink(Channels.PIPELINE_EVENTS_OUT);
        return sink.received().stream().map(Message::getPayload).filter(e -> runId.equals(e.runId())).toList();
    }

    private static <T> List<Message<T>> jobsFor(InMemorySink<T> sink, String runId) {
        return sink.received().stream().<Message<T>>map(m -> m).filter(m -> runId.equals(keyOf(m))).toList();
    }

    private static long count(List<PipelineEvent> events, PipelineEvent.Status status) {
        return events.stream().filter(e -> e.status() == status).count();
    }

    private static String keyOf(Message<?> message) {
        return message.getMetadata(OutgoingKafkaRecordMetadata.class).map(m -> (String) m.getKey()).orElse(null);
    }

    private static String historyKey(String runId) {
        return ArtifactKeys.trainingHistory(runId, "vae");
    }
}
