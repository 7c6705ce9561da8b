package io.songspace.trainer.training;

import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.events.Stage;
import io.songspace.common.events.TrainingJob;
import io.songspace.common.messaging.StageEvents;
import io.songspace.common.stage.StageWorker;
import io.songspace.common.store.ObjectStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The training stage's worker ({@link StageWorker}): one thread trains, because PyTorch already uses the
 * configured cores and the engine's random generator is process-wide. Jobs are acknowledged on the Kafka path and
 * queued here; after a restart {@link TrainingRecovery} queues again what the object store says is unfinished.
 */
@ApplicationScoped
public class TrainingWorker {

    private final TrainingService training;
    private final StageWorker worker;

    public TrainingWorker(TrainingService training, ObjectStore store, StageEvents events) {
        this.training = training;
        this.worker = new StageWorker(Stage.TRAINING, "trainer-worker", store, events);
    }

    /** Queues the job unless the same run and model is queued or training already; true if queued. */
    public boolean submit(TrainingJob job) {
        return worker.submit(stageJob(job));
    }

    /** The stage's job of a training job; its failure marker is the model's {@code models/{id}.failed.json}. */
    StageWorker.Job stageJob(TrainingJob job) {
        return new StageWorker.Job(job.runId(), job.runId() + "/" + job.model(),
                ArtifactKeys.modelFailure(job.runId(), job.model()), () -> training.train(job));
    }

    StageWorker stageWorker() {
        return worker;
    }

    /** Runs other work (the startup scan) on the worker thread, in queue order. */
    public void execute(Runnable task) {
        worker.execute(task);
    }

    @PreDestroy
    void stop() {
        worker.close();
    }
}
