package io.songspace.trainer.training;

import io.quarkus.runtime.StartupEvent;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.events.TrainingJob;
import io.songspace.common.store.ObjectStore;
import io.songspace.trainer.config.TrainerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Rebuilds the training queue from the object store after a restart (docs/pipeline.md, "state you can rebuild"):
 * training jobs are acknowledged before they are trained, so a job queued or training when the service stopped
 * exists nowhere but in the bucket's state. A run needs training when its features are assembled
 * ({@code track_ids.json}) and its spec exists; each configured model without latents and without a failure
 * marker is queued. A run whose models all have latents but that was not clustered yet is announced again
 * (its announcement may have been lost; clustering is idempotent). Cost: one listing, then 2 + 2 per model stat
 * calls per run at most.
 */
@ApplicationScoped
public class TrainingRecovery {

    private static final Logger LOG = Logger.getLogger(TrainingRecovery.class);

    private final ObjectStore store;
    private final TrainerConfig config;
    private final TrainingWorker worker;

    public TrainingRecovery(ObjectStore store, TrainerConfig config, TrainingWorker worker) {
        this.store = store;
        this.config = config;
        this.worker = worker;
    }

    /** The scan runs on the worker thread (the engine is loaded by then), ahead of the jobs it queues. */
    void onStart(@Observes StartupEvent ignored) {
        worker.execute(() -> {
            try {
                List<TrainingJob> queued = resume(store.listFolders("runs/"));
                LOG.infof("startup scan: %d unfinished training job(s) queued again", queued.size());
            } catch (RuntimeException e) {
                LOG.errorf(e, "startup scan failed: unfinished trainings are not resumed");
            }
        });
    }

    /**
     * Queues the unfinished training of the given runs and returns the jobs queued. Jobs carry no spec: the
     * worker reads {@code spec.json}.
     */
    public List<TrainingJob> resume(List<String> runIds) {
        List<TrainingJob> queued = new ArrayList<>();
        for (String runId : runIds) {
            if (!store.exists(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS))
                    || !store.exists(ArtifactKeys.spec(runId))) {
                continue;
            }
            List<String> untrained = config.models().stream()
                    .filter(model -> !store.exists(ArtifactKeys.latents(runId, model))).toList();
            List<TrainingJob> jobs;
            if (untrained.isEmpty()) {
                // every model trained: the job of any model re-announces the run (see TrainingService.train)
                jobs = store.exists(ArtifactKeys.clusteringMetrics(runId)) ? List.of()
                        : List.of(new TrainingJob(runId, config.models().getFirst(), null));
            } else {
                jobs = untrained.stream()
                        .filter(model -> !store.exists(TrainingService.failureKey(runId, model)))
                        .map(model -> new TrainingJob(runId, model, null)).toList();
            }
            for (TrainingJob job : jobs) {
                if (worker.submit(job)) {
                    queued.add(job);
                }
            }
        }
        return queued;
    }
}
