package io.songspace.trainer.training;

import io.quarkus.runtime.StartupEvent;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.events.ModelSpec;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.common.events.TrainingJob;
import io.songspace.common.messaging.StageEvents;
import io.songspace.common.registry.Registry;
import io.songspace.common.stage.RunScan;
import io.songspace.common.stage.StageWorker;
import io.songspace.common.store.ObjectStore;
import io.songspace.trainer.model.Architecture;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds the training queue from the object store after a restart (docs/pipeline.md, "State rebuilt from the object store";
 * {@link RunScan}): training jobs are acknowledged before they are trained, so a job queued or training when the
 * service stopped exists nowhere but in the bucket's state. A run needs training when its features are assembled
 * ({@code track_ids.json}) and its spec exists; each model of the spec without latents is queued, unless it has a
 * failure marker: then its TRAINING FAILED is announced again (the event may have been lost). A run whose models
 * all have latents but that was not clustered yet is announced again (its announcement may have been lost;
 * clustering is idempotent). Cost: one listing, then 2 + 2 per model stat calls per run at most.
 */
@ApplicationScoped
public class TrainingRecovery {

    private final ObjectStore store;
    private final TrainingWorker worker;
    private final StageEvents events;
    private final Registry<Architecture> architectures;

    public TrainingRecovery(ObjectStore store, TrainingWorker worker, StageEvents events,
            Registry<Architecture> architectures) {
        this.store = store;
        this.worker = worker;
        this.events = events;
        this.architectures = architectures;
    }

    /** The scan runs on the worker thread (the engine is loaded by then), ahead of the jobs it queues. */
    void onStart(@Observes StartupEvent ignored) {
        worker.execute(() -> RunScan.resume(store, worker.stageWorker(), this::unfinished));
    }

    /** Queues the unfinished training of the given runs and returns the jobs queued. */
    public List<TrainingJob> resume(List<String> runIds) {
        List<TrainingJob> queued = new ArrayList<>();
        for (String runId : runIds) {
            for (TrainingJob job : jobs(runId)) {
                if (worker.submit(job)) {
                    queued.add(job);
                }
            }
        }
        return queued;
    }

    private List<StageWorker.Job> unfinished(String runId) {
        return jobs(runId).stream().map(worker::stageJob).toList();
    }

    private List<TrainingJob> jobs(String runId) {
        if (!store.exists(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS))
                || !store.exists(ArtifactKeys.spec(runId))) {
            return List.of();
        }
        RunSpec spec = store.getJson(ArtifactKeys.spec(runId), RunSpec.class).withDefaults();
        List<String> models = spec.modelIds();
        // a model reading text waits for the text sets: their TEXT COMPLETED queues it
        boolean textReady = store.exists(ArtifactKeys.feature(runId, FeatureFiles.AUDIO_TEXT));
        List<String> untrained = spec.models().stream()
                .filter(model -> textReady || !architectures.named(model.architecture()).readsText())
                .map(ModelSpec::id).filter(model -> !store.exists(ArtifactKeys.latents(runId, model))).toList();
        if (untrained.isEmpty()) {
            // every model trained: the job of any model re-announces the run (see TrainingService.train)
            return store.exists(ArtifactKeys.clusteringIndex(runId)) ? List.of()
                    : List.of(new TrainingJob(runId, models.getFirst()));
        }
        List<TrainingJob> jobs = new ArrayList<>();
        for (String model : untrained) {
            if (RunScan.announceFailure(store, events, runId, Stage.TRAINING,
                    ArtifactKeys.modelFailure(runId, model)).isEmpty()) {
                jobs.add(new TrainingJob(runId, model));
            }
        }
        return jobs;
    }
}
